import { SemVer } from 'semver';
import { MAX_VERSION_LENGTH } from './exact-int';
import { comparePrereleases } from './identifiers';
import type { VersionScheme } from './scheme';

/** What npm orders by: node-semver's numbers and pre-release identifiers. */
export interface NpmVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Numeric identifiers as numbers (as node-semver's `+id`), others as text; empty for a release. */
  readonly pre: readonly (number | string)[];
}

const LOOSE = { loose: true } as const;
// `1` and `1.0` are not versions to node-semver but are valid range bounds (`>=1.0` means
// `>=1.0.0`), and OSV npm advisories use them that way (node-fetch: introduced "1.0").
const PARTIAL = /^[v=\s]*(\d+)(?:\.(\d+))?\s*$/;

/**
 * npm: node-semver (the `semver` package npm itself uses) in loose mode, as npm reads versions
 * from package.json and lockfiles: `v1.2.3`, `=1.2.3` and `1.2.3beta` are accepted; build metadata
 * never orders. Numbers above 2^53 are rejected, as node-semver rejects them.
 */
export const npmScheme: VersionScheme<NpmVersion> = {
  id: 'npm',
  parse(text) {
    if (text.length > MAX_VERSION_LENGTH) return undefined;
    let v: SemVer;
    try {
      v = new SemVer(text, LOOSE);
    } catch {
      return parsePartial(text);
    }
    return {
      major: v.major,
      minor: v.minor,
      patch: v.patch,
      // node-semver keeps an over-long numeric identifier as text yet still compares it as `+id`.
      pre: v.prerelease.map((id) => (typeof id === 'string' && isNumeric(id) ? +id : id)),
    };
  },
  compare(a, b) {
    if (a.major !== b.major) return a.major - b.major;
    if (a.minor !== b.minor) return a.minor - b.minor;
    if (a.patch !== b.patch) return a.patch - b.patch;
    return comparePrereleases(a.pre, b.pre);
  },
};

function parsePartial(text: string): NpmVersion | undefined {
  const m = PARTIAL.exec(text);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? 0 : Number(m[2]);
  if (major > Number.MAX_SAFE_INTEGER || minor > Number.MAX_SAFE_INTEGER) return undefined;
  return { major, minor, patch: 0, pre: [] };
}

function isNumeric(id: string): boolean {
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
