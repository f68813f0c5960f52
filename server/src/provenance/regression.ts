import type { ProvenanceRegression } from './types';

/**
 * Provenance regressions between a version and the one published before it: provenance that
 * disappears, or a source repository that changes. Both are what a hijacked publish looks like
 * (a stolen token publishes from a laptop or from another repository). Ecosystem-neutral.
 */

export interface VersionProvenanceFacts {
  version: string;
  /** Whether the version has (current: verified) SLSA provenance. */
  hasProvenance: boolean;
  /** Source repository from verified provenance. */
  repository?: string;
}

export function detectRegression(current: VersionProvenanceFacts, previous: VersionProvenanceFacts | undefined): ProvenanceRegression | undefined {
  if (!previous || !previous.hasProvenance) return undefined;
  if (!current.hasProvenance) {
    return {
      kind: 'provenance-dropped',
      previousVersion: previous.version,
      ...(previous.repository ? { previousRepository: previous.repository } : {}),
    };
  }
  if (current.repository && previous.repository && sameRepository(current.repository, previous.repository) === false) {
    return { kind: 'source-changed', previousVersion: previous.version, previousRepository: previous.repository, currentRepository: current.repository };
  }
  return undefined;
}

/** Repository URLs compared without scheme noise (`git+`, `.git`, trailing slash, case). */
export function sameRepository(a: string, b: string): boolean {
  return canonicalRepository(a) === canonicalRepository(b);
}

function canonicalRepository(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^git\+/, '')
    .replace(/^(https?|ssh|git):\/\//, '')
    .replace(/^git@([^:]+):/, '$1/')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}
