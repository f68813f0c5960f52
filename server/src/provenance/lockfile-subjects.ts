import type { DependencyFile } from '../analysis/dependency-file';
import type { ExtractedPackage } from '../core/package';
import type { ProvenanceSubject } from './types';

/**
 * The registry packages at an exact version of the given files, once per name@version, as
 * subjects: what a lockfile pins (and, for `include`d manifests, what they pin with hashes).
 */
export function registrySubjects(files: readonly DependencyFile[], include: (file: DependencyFile) => boolean = (f) => f.result.kind === 'lockfile'): ProvenanceSubject[] {
  const seen = new Map<string, ProvenanceSubject>();
  for (const file of files) {
    if (!include(file)) continue;
    for (const pkg of file.result.packages) {
      if (pkg.source !== 'registry' || !pkg.version) continue;
      const key = `${pkg.name}@${pkg.version}`;
      if (!seen.has(key)) seen.set(key, subjectOf(pkg));
    }
  }
  return [...seen.values()];
}

export function subjectOf(pkg: ExtractedPackage): ProvenanceSubject {
  return {
    name: pkg.name,
    version: pkg.version,
    ...(pkg.integrity ? { integrity: pkg.integrity } : {}),
    ...(pkg.resolved ? { resolved: pkg.resolved } : {}),
    ...(pkg.artifacts?.length ? { artifacts: pkg.artifacts } : {}),
  };
}
