import type { VersionInterval } from './types';

/**
 * A declared requirement as a union of version spans, and the overlap test against an OSV
 * interval that `RequirementSemantics.admits` needs. The ecosystems whose requirements are ranges
 * of version strings (Maven ranges, Ruby requirements, Composer constraints, NuGet ranges) lower
 * their syntax to spans; the comparison is the ecosystem's own version scheme. (Cargo and pub,
 * whose bounds are computed versions, use parsed-bounds.ts.)
 */
export interface VersionBound {
  version: string;
  inclusive: boolean;
}

/** Undefined bounds are open: no lower bound means "from the first version". */
export interface VersionSpan {
  lower?: VersionBound;
  upper?: VersionBound;
}

/** Compares two versions, or undefined when either cannot be parsed. */
export type CompareVersions = (a: string, b: string) => number | undefined;

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

export function intervalSpan(interval: VersionInterval): VersionSpan {
  const span: VersionSpan = {};
  if (interval.introduced && interval.introduced !== '0') span.lower = { version: interval.introduced, inclusive: true };
  if (interval.fixed) span.upper = { version: interval.fixed, inclusive: false };
  else if (interval.lastAffected) span.upper = { version: interval.lastAffected, inclusive: true };
  return span;
}

/** Two spans overlap when each one's lower bound lies below the other's upper bound. */
export function spansOverlap(a: VersionSpan, b: VersionSpan, compare: CompareVersions): boolean | undefined {
  const first = below(a.lower, b.upper, compare);
  if (first === false) return false;
  const second = below(b.lower, a.upper, compare);
  if (second === false) return false;
  if (first === undefined || second === undefined) return undefined;
  return true;
}

function below(lower: VersionBound | undefined, upper: VersionBound | undefined, compare: CompareVersions): boolean | undefined {
  if (!lower || !upper) return true;
  const c = compare(lower.version, upper.version);
  if (c === undefined) return undefined;
  if (c < 0) return true;
  if (c > 0) return false;
  return lower.inclusive && upper.inclusive;
}

/** The spans admitted by both sides (a requirement's AND), or undefined when a bound cannot be compared. */
export function intersectSpans(a: readonly VersionSpan[], b: readonly VersionSpan[], compare: CompareVersions): VersionSpan[] | undefined {
  const out: VersionSpan[] = [];
  for (const x of a) {
    for (const y of b) {
      const lower = tighter(x.lower, y.lower, compare, 'lower');
      const upper = tighter(x.upper, y.upper, compare, 'upper');
      if (lower === null || upper === null) return undefined;
      const span: VersionSpan = {};
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
function tighter(a: VersionBound | undefined, b: VersionBound | undefined, compare: CompareVersions, side: 'lower' | 'upper'): VersionBound | undefined | null {
  if (!a) return b;
  if (!b) return a;
  const c = compare(a.version, b.version);
  if (c === undefined) return null;
  if (c === 0) return { version: a.version, inclusive: a.inclusive && b.inclusive };
  return (side === 'lower' ? c > 0 : c < 0) ? a : b;
}
