/**
 * Version intervals, once for every ecosystem: the spans a declared requirement allows, an OSV
 * range as a span, and the overlap and intersection tests `RequirementSemantics.admits` needs. A
 * span's bounds are whatever the caller orders: version strings compared through the ecosystem's
 * scheme (Maven ranges, Ruby requirements, Composer constraints, NuGet ranges), or parsed versions
 * where a bound is computed (Cargo's and pub's carets: the next breaking version). A comparison
 * that cannot be made (a bound that does not parse) makes the answer undefined, never a guess.
 */
export interface VersionBound<T = string> {
  version: T;
  inclusive: boolean;
}

/** Undefined bounds are open: no lower bound means "from the first version". */
export interface VersionSpan<T = string> {
  lower?: VersionBound<T>;
  upper?: VersionBound<T>;
}

/** Compares two bounds' versions, or undefined when they cannot be ordered. */
export type CompareVersions<T = string> = (a: T, b: T) => number | undefined;

/** An interval of affected versions, as OSV events describe it. */
export interface VersionInterval {
  /** Undefined or '0' means "from the first version". */
  introduced?: string;
  /** Exclusive upper bound. */
  fixed?: string;
  /** Inclusive upper bound. */
  lastAffected?: string;
}

/** Whether some version lies in both a span of `spans` and the interval; undefined when unsure. */
export function spansAdmit(spans: readonly VersionSpan[], interval: VersionInterval, compare: CompareVersions): boolean | undefined {
  const affected = intervalSpan(interval);
  let unsure = false;
  for (const span of spans) {
    const overlap = spansOverlap(span, affected, compare);
    if (overlap === true) return true;
    if (overlap === undefined) unsure = true;
  }
  return unsure ? undefined : false;
}

/** An OSV interval as a span of version strings. */
export function intervalSpan(interval: VersionInterval): VersionSpan {
  const span: VersionSpan = {};
  if (interval.introduced && interval.introduced !== '0') span.lower = { version: interval.introduced, inclusive: true };
  if (interval.fixed) span.upper = { version: interval.fixed, inclusive: false };
  else if (interval.lastAffected) span.upper = { version: interval.lastAffected, inclusive: true };
  return span;
}

/** An OSV interval as a span of parsed versions, or undefined when an endpoint does not parse. */
export function parsedIntervalSpan<V>(interval: VersionInterval, parse: (text: string) => V | undefined): VersionSpan<V> | undefined {
  const out: VersionSpan<V> = {};
  for (const [side, bound] of Object.entries(intervalSpan(interval)) as Array<['lower' | 'upper', VersionBound]>) {
    const version = parse(bound.version);
    if (version === undefined) return undefined;
    out[side] = { version, inclusive: bound.inclusive };
  }
  return out;
}

/** Two spans overlap when each one's lower bound lies below the other's upper bound. */
export function spansOverlap<T>(a: VersionSpan<T>, b: VersionSpan<T>, compare: CompareVersions<T>): boolean | undefined {
  const first = below(a.lower, b.upper, compare);
  if (first === false) return false;
  const second = below(b.lower, a.upper, compare);
  if (second === false) return false;
  if (first === undefined || second === undefined) return undefined;
  return true;
}

/** Whether some version lies in every span (an AND of comparators); undefined when a bound cannot be compared. */
export function spansMeet<T>(spans: readonly VersionSpan<T>[], compare: CompareVersions<T>): boolean | undefined {
  let lower: VersionBound<T> | undefined;
  let upper: VersionBound<T> | undefined;
  for (const span of spans) {
    const l = tighter(lower, span.lower, compare, 'lower');
    const u = tighter(upper, span.upper, compare, 'upper');
    if (l === null || u === null) return undefined;
    lower = l;
    upper = u;
  }
  return below(lower, upper, compare);
}

function below<T>(lower: VersionBound<T> | undefined, upper: VersionBound<T> | undefined, compare: CompareVersions<T>): boolean | undefined {
  if (!lower || !upper) return true;
  const c = compare(lower.version, upper.version);
  if (c === undefined) return undefined;
  if (c < 0) return true;
  if (c > 0) return false;
  return lower.inclusive && upper.inclusive;
}

/** The spans admitted by both sides (a requirement's AND), or undefined when a bound cannot be compared. */
export function intersectSpans<T>(a: readonly VersionSpan<T>[], b: readonly VersionSpan<T>[], compare: CompareVersions<T>): VersionSpan<T>[] | undefined {
  const out: VersionSpan<T>[] = [];
  for (const x of a) {
    for (const y of b) {
      const lower = tighter(x.lower, y.lower, compare, 'lower');
      const upper = tighter(x.upper, y.upper, compare, 'upper');
      if (lower === null || upper === null) return undefined;
      const span: VersionSpan<T> = {};
      if (lower) span.lower = lower;
      if (upper) span.upper = upper;
      const nonEmpty = below(span.lower, span.upper, compare);
      if (nonEmpty === undefined) return undefined;
      if (nonEmpty) out.push(span);
    }
  }
  return out;
}

/** The stricter of two bounds of the same side; null when they cannot be compared. */
function tighter<T>(a: VersionBound<T> | undefined, b: VersionBound<T> | undefined, compare: CompareVersions<T>, side: 'lower' | 'upper'): VersionBound<T> | undefined | null {
  if (!a) return b;
  if (!b) return a;
  const c = compare(a.version, b.version);
  if (c === undefined) return null;
  if (c === 0) return { version: a.version, inclusive: a.inclusive && b.inclusive };
  return (side === 'lower' ? c > 0 : c < 0) ? a : b;
}
