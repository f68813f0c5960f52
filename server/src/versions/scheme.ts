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
}

/** Compares two version strings, or returns undefined when either cannot be parsed. */
export function compareText<V>(scheme: VersionScheme<V>, a: string, b: string): number | undefined {
  const pa = scheme.parse(a);
  if (pa === undefined) return undefined;
  const pb = scheme.parse(b);
  if (pb === undefined) return undefined;
  return Math.sign(scheme.compare(pa, pb));
}
