import type { ExactInt } from './exact-int';

/**
 * The part of every version comparison where numbers and words meet in one position: SemVer's
 * pre-release identifiers (and npm's, NuGet's labels, pub's parts), PEP 440 local labels, RubyGems
 * segments. Like kinds compare by value (strings by UTF-16 code unit, which is ASCII order for the
 * characters versions use); unlike kinds by the ecosystem's rule of which kind comes first.
 */
export type Identifier = ExactInt | string;

/** `numbersFirst`: SemVer §11, npm, NuGet, pub. `stringsFirst`: PEP 440 local labels, RubyGems. */
export type MixedOrder = 'numbersFirst' | 'stringsFirst';

export function compareIdentifiers(x: Identifier, y: Identifier, order: MixedOrder = 'numbersFirst'): number {
  if (x === y) return 0;
  const xs = typeof x === 'string';
  if (xs !== (typeof y === 'string')) return xs === (order === 'numbersFirst') ? 1 : -1;
  return x < y ? -1 : 1;
}

/** Identifier by identifier; when one list is a prefix of the other, the shorter first. */
export function compareIdentifierLists(a: readonly Identifier[], b: readonly Identifier[], order: MixedOrder = 'numbersFirst'): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(a[i]!, b[i]!, order);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** SemVer §11 for pre-release lists: a release (no identifiers) above its pre-releases, then the lists. */
export function comparePrereleases(a: readonly Identifier[], b: readonly Identifier[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  return compareIdentifierLists(a, b);
}
