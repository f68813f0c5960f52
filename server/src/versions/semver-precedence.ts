import { ExactInt, compareExactInts, exactIntFromDigits, isDigits } from './exact-int';
import type { SemverParts } from './semver-syntax';

/** A numeric identifier as an integer, any other as its text (compared by ASCII code). */
export type SemverIdentifier = ExactInt | string;

/** A version ordered by SemVer 2.0 precedence (build metadata dropped: it never orders). */
export interface SemverVersion {
  readonly major: ExactInt;
  readonly minor: ExactInt;
  readonly patch: ExactInt;
  /** Empty for a release. */
  readonly pre: readonly SemverIdentifier[];
}

export function semverFromParts(parts: SemverParts): SemverVersion {
  return {
    major: parts.major,
    minor: parts.minor,
    patch: parts.patch,
    pre: parts.pre.map((id) => (isDigits(id) ? exactIntFromDigits(id) : id)),
  };
}

/** SemVer 2.0 §11: numbers, then a release above its pre-releases, then identifiers left to right. */
export function compareSemver(a: SemverVersion, b: SemverVersion): number {
  if (a.major !== b.major) return compareExactInts(a.major, b.major);
  if (a.minor !== b.minor) return compareExactInts(a.minor, b.minor);
  if (a.patch !== b.patch) return compareExactInts(a.patch, b.patch);
  const ap = a.pre;
  const bp = b.pre;
  if (ap.length === 0 || bp.length === 0) return bp.length - ap.length;
  const n = ap.length < bp.length ? ap.length : bp.length;
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(ap[i]!, bp[i]!);
    if (c !== 0) return c;
  }
  return ap.length - bp.length;
}

/** Numeric identifiers sort below alphanumeric ones; like kinds compare by value or ASCII. */
export function compareIdentifiers(x: SemverIdentifier, y: SemverIdentifier): number {
  if (x === y) return 0;
  const xs = typeof x === 'string';
  if (xs !== (typeof y === 'string')) return xs ? 1 : -1;
  return x < y ? -1 : 1;
}
