import { ExactInt, compareExactInts, exactIntFromDigits, isDigits } from './exact-int';
import { type Identifier, comparePrereleases } from './identifiers';
import type { SemverParts } from './semver-syntax';

/** A numeric identifier as an integer, any other as its text (compared by ASCII code). */
export type SemverIdentifier = Identifier;

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
  return comparePrereleases(a.pre, b.pre);
}
