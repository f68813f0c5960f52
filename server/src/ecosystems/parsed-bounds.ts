import type { VersionInterval } from './types';

/**
 * Intervals over parsed versions, for requirement syntaxes whose bounds are computed versions
 * (Cargo's and pub's carets: the next breaking version). `admits` asks whether a requirement's
 * intervals and an advisory's meet; each ecosystem passes its own scheme's parse and compare.
 */
export interface Bound<V> {
  v: V;
  inclusive: boolean;
}

export interface Interval<V> {
  lo?: Bound<V>;
  hi?: Bound<V>;
}

/** Whether some version lies in every interval (pre-release exclusion not modelled). */
export function intervalsMeet<V>(intervals: ReadonlyArray<Interval<V>>, compare: (a: V, b: V) => number): boolean {
  let lo: Bound<V> | undefined;
  let hi: Bound<V> | undefined;
  for (const i of intervals) {
    if (i.lo && (!lo || compare(i.lo.v, lo.v) > 0 || (compare(i.lo.v, lo.v) === 0 && !i.lo.inclusive))) lo = i.lo;
    if (i.hi && (!hi || compare(i.hi.v, hi.v) < 0 || (compare(i.hi.v, hi.v) === 0 && !i.hi.inclusive))) hi = i.hi;
  }
  if (!lo || !hi) return true;
  const cmp = compare(lo.v, hi.v);
  return cmp < 0 || (cmp === 0 && lo.inclusive && hi.inclusive);
}

/** An OSV interval as bounds (`fixed` exclusive, `last_affected` inclusive), or undefined when an endpoint is not a version. */
export function osvInterval<V>(interval: VersionInterval, parse: (text: string) => V | undefined): Interval<V> | undefined {
  const out: Interval<V> = {};
  if (interval.introduced && interval.introduced !== '0') {
    const lo = parse(interval.introduced);
    if (!lo) return undefined;
    out.lo = { v: lo, inclusive: true };
  }
  const upper = interval.fixed ?? interval.lastAffected;
  if (upper) {
    const hi = parse(upper);
    if (!hi) return undefined;
    out.hi = { v: hi, inclusive: interval.fixed === undefined };
  }
  return out;
}
