/**
 * A version ordering rule. One scheme per rule, shared by the ecosystems that use it.
 * `parse` never throws: it returns undefined for text the ecosystem's own tooling would reject,
 * so matching can report "cannot compare" instead of guessing.
 */
export interface VersionScheme<V = unknown> {
  /** Stable id, e.g. `semver`, `npm`, `pep440`, `maven`. */
  readonly id: string;
  parse(text: string): V | undefined;
  /** Negative, zero or positive, like Array.prototype.sort comparators. */
  compare(a: V, b: V): number;
  /**
   * The ecosystem's reference order over any text, where the reference has one for what `parse`
   * rejects: pip's `packaging` kept `LegacyVersion` (and osv.dev still orders PyPI with it), PHP's
   * `version_compare` takes any string, Maven's `ComparableVersion` any string. Absent where the
   * ecosystem's tool refuses such text (npm, Cargo, Go, RubyGems, NuGet, pub, Hex). Matching never
   * uses it: a version outside the grammar is reported as not comparable there.
   */
  orderAnyText?(a: string, b: string): number;
}

/**
 * Orders any two strings the way the ecosystem's reference does (`compareVersions` in the engine
 * API): the scheme's order when both parse, else its `orderAnyText`; undefined when the ecosystem's
 * tool has no order for them. Never throws.
 */
export function orderVersions<V>(scheme: VersionScheme<V>, a: string, b: string): -1 | 0 | 1 | undefined {
  const pa = scheme.parse(a);
  const pb = pa === undefined ? undefined : scheme.parse(b);
  if (pa !== undefined && pb !== undefined) return Math.sign(scheme.compare(pa, pb)) as -1 | 0 | 1;
  if (!scheme.orderAnyText) return undefined;
  return (Math.sign(scheme.orderAnyText(a, b)) || 0) as -1 | 0 | 1;
}

/** Compares two version strings, or returns undefined when either cannot be parsed. */
export function compareText<V>(scheme: VersionScheme<V>, a: string, b: string): number | undefined {
  const pa = scheme.parse(a);
  if (pa === undefined) return undefined;
  const pb = scheme.parse(b);
  if (pb === undefined) return undefined;
  return Math.sign(scheme.compare(pa, pb));
}
