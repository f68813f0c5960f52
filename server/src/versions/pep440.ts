import { ExactInt, MAX_VERSION_LENGTH, compareExactInts, exactIntFromDigits, isDigits } from './exact-int';
import { compareIdentifierLists } from './identifiers';
import { compareLegacyKeys, legacyKey } from './pypi-legacy';
import type { VersionScheme } from './scheme';

/** packaging's `_cmpkey`, with its infinities as sentinels. */
export interface Pep440Version {
  readonly epoch: ExactInt;
  /** Release numbers with trailing zeros removed (1.0 = 1.0.0). */
  readonly release: readonly ExactInt[];
  /** -1: dev release with no pre/post (sorts below every pre-release); 0 a, 1 b, 2 rc; 3: none. */
  readonly preRank: number;
  readonly preNumber: ExactInt;
  /** -1 when there is no post release. */
  readonly post: ExactInt;
  /** Infinity when there is no dev release. */
  readonly dev: ExactInt;
  /** Local label parts, numbers above strings; undefined (sorts first) when absent. */
  readonly local: readonly (ExactInt | string)[] | undefined;
}

// PEP 440 Appendix B, as pip's `packaging` applies it (case-insensitive, surrounding space allowed).
const PEP440 = new RegExp(
  '^\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?)' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
);

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };
const NO_PRE = 3;
const DEV_ONLY = -1;

/**
 * PyPI: PEP 440 exactly as pip's `packaging` (22 and later) orders it: epochs, release numbers with
 * trailing zeros ignored, dev < pre (a < b < rc) < release < post, local labels above the public
 * version, and every alternative spelling (`1.0-rc1`, `1.0.post-1`, `1.0-1`, `v1.0`) normalised.
 * Pre-2022 "legacy" versions that pip no longer accepts are rejected (see docs/versions.md); only
 * `orderAnyText` orders them, as packaging's LegacyVersion did: below every PEP 440 version.
 */
export const pep440Scheme: VersionScheme<Pep440Version> = {
  id: 'pep440',
  parse(text) {
    if (text.length > MAX_VERSION_LENGTH) return undefined;
    const g = PEP440.exec(text)?.groups;
    if (!g) return undefined;
    const hasPre = g.pre_l !== undefined;
    const hasPost = g.post !== undefined;
    const hasDev = g.dev !== undefined;
    return {
      epoch: g.epoch === undefined ? 0 : exactIntFromDigits(g.epoch),
      release: trimTrailingZeros(g.release!.split('.').map((n) => exactIntFromDigits(n))),
      preRank: hasPre ? PRE_RANK[g.pre_l!.toLowerCase()]! : !hasPost && hasDev ? DEV_ONLY : NO_PRE,
      preNumber: hasPre && g.pre_n !== undefined ? exactIntFromDigits(g.pre_n) : 0,
      post: hasPost ? numberOrZero(g.post_n1 ?? g.post_n2) : -1,
      dev: hasDev ? numberOrZero(g.dev_n) : Infinity,
      local: g.local === undefined ? undefined : g.local.split(/[-_.]/).map((p) => (isDigits(p) ? exactIntFromDigits(p) : p.toLowerCase())),
    };
  },
  compare(a, b) {
    if (a.epoch !== b.epoch) return compareExactInts(a.epoch, b.epoch);
    const release = compareReleases(a.release, b.release);
    if (release !== 0) return release;
    if (a.preRank !== b.preRank) return a.preRank - b.preRank;
    if (a.preNumber !== b.preNumber) return compareExactInts(a.preNumber, b.preNumber);
    if (a.post !== b.post) return compareExactInts(a.post, b.post);
    if (a.dev !== b.dev) return compareExactInts(a.dev, b.dev);
    return compareLocals(a.local, b.local);
  },
  orderAnyText(a, b) {
    const pa = pep440Scheme.parse(a);
    const pb = pep440Scheme.parse(b);
    if (pa && pb) return pep440Scheme.compare(pa, pb);
    // A legacy version's key has epoch -1: below every PEP 440 version.
    if (pa || pb) return pa ? 1 : -1;
    return compareLegacyKeys(legacyKey(a), legacyKey(b));
  },
};

function numberOrZero(digits: string | undefined): ExactInt {
  return digits === undefined ? 0 : exactIntFromDigits(digits);
}

function trimTrailingZeros(release: ExactInt[]): ExactInt[] {
  let n = release.length;
  while (n > 0 && release[n - 1] === 0) n--;
  return n === release.length ? release : release.slice(0, n);
}

function compareReleases(a: readonly ExactInt[], b: readonly ExactInt[]): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return compareExactInts(a[i]!, b[i]!);
  }
  return a.length - b.length;
}

function compareLocals(a: Pep440Version['local'], b: Pep440Version['local']): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  // packaging sorts alphanumeric local parts below numeric ones.
  return compareIdentifierLists(a, b, 'stringsFirst');
}
