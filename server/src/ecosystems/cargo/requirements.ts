import { semverScheme, type SemverVersion } from '../../versions/semver';
import { type VersionBound, type VersionSpan, parsedIntervalSpan, spansMeet } from '../../versions/intervals';
import type { RequirementSemantics } from '../types';

/**
 * Cargo version requirements (https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html):
 * comma-separated comparators that must all hold; a bare version means caret (`1.2` = `^1.2`);
 * `~`, `=`, `>`, `>=`, `<`, `<=`; wildcards `*`, `1.*`, `1.2.*`. Each comparator is turned into a
 * version interval; the requirement admits an advisory interval when the intersection is not empty.
 * Pre-release exclusion rules are not modelled, so `admits` can say yes to an interval that only
 * pre-releases fall in (an informational note, never a finding).
 */
export interface Comparator {
  op: '' | '=' | '>' | '>=' | '<' | '<=' | '~' | '^' | '*';
  major?: number;
  minor?: number;
  patch?: number;
  /** `-pre` and `+build` as written, after the numbers. */
  rest: string;
  /** Offsets of the comparator within the requirement, and where its version starts. */
  start: number;
  versionStart: number;
  end: number;
}

const COMPARATOR = /^\s*(=|>=|>|<=|<|~|\^)?\s*(\*|[xX]|\d+)(?:\.(\*|[xX]|\d+))?(?:\.(\*|[xX]|\d+))?((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*$/;

/** The comparators of a requirement, or undefined when Cargo would reject it. */
export function parseCargoRequirement(requirement: string): Comparator[] | undefined {
  const out: Comparator[] = [];
  let offset = 0;
  for (const part of requirement.split(',')) {
    const m = COMPARATOR.exec(part);
    if (!m) return undefined;
    const wild = (s: string | undefined) => s === '*' || s === 'x' || s === 'X';
    const nums = [m[2], m[3], m[4]];
    const firstWild = nums.findIndex(wild);
    const numbers = (firstWild === -1 ? nums : nums.slice(0, firstWild)).filter((s): s is string => s !== undefined).map(Number);
    if (firstWild !== -1 && nums.slice(firstWild + 1).some((s) => s !== undefined && !wild(s))) return undefined;
    const c: Comparator = {
      op: firstWild === 0 ? '*' : ((m[1] ?? '') as Comparator['op']),
      rest: m[5] ?? '',
      start: offset + (part.length - part.trimStart().length),
      versionStart: offset + part.search(/[\dxX*]/),
      end: offset + part.trimEnd().length,
    };
    if (numbers[0] !== undefined) c.major = numbers[0];
    if (numbers[1] !== undefined) c.minor = numbers[1];
    if (numbers[2] !== undefined) c.patch = numbers[2];
    out.push(c);
    offset += part.length + 1;
  }
  return out.length ? out : undefined;
}

export type Bound = VersionBound<SemverVersion>;
export type Interval = VersionSpan<SemverVersion>;

const v = (major: number, minor: number, patch: number, rest = ''): SemverVersion | undefined => semverScheme.parse(`${major}.${minor}.${patch}${rest}`);

/** The interval one comparator allows (undefined when it cannot be expressed). */
export function comparatorInterval(c: Comparator): Interval | undefined {
  if (c.op === '*' || c.major === undefined) return {};
  const { major } = c;
  const minor = c.minor ?? 0;
  const patch = c.patch ?? 0;
  const exact = v(major, minor, patch, c.rest);
  if (!exact) return undefined;
  // The first version past the named one at its own precision: `1` → 2.0.0, `1.2` → 1.3.0.
  const pastPrecision = c.minor === undefined ? v(major + 1, 0, 0) : c.patch === undefined ? v(major, minor + 1, 0) : undefined;
  const incl = (x: SemverVersion | undefined): Bound | undefined => (x ? { version: x, inclusive: true } : undefined);
  const excl = (x: SemverVersion | undefined): Bound | undefined => (x ? { version: x, inclusive: false } : undefined);
  const build = (lower: Bound | undefined, upper: Bound | undefined): Interval => ({ ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) });
  switch (c.op) {
    case '=':
      return pastPrecision ? build(incl(exact), excl(pastPrecision)) : build(incl(exact), incl(exact));
    case '>':
      return pastPrecision ? build(incl(pastPrecision), undefined) : build(excl(exact), undefined);
    case '>=':
      return build(incl(exact), undefined);
    case '<':
      return build(undefined, excl(exact));
    case '<=':
      return pastPrecision ? build(undefined, excl(pastPrecision)) : build(undefined, incl(exact));
    case '~':
      return build(incl(exact), excl(c.minor === undefined ? v(major + 1, 0, 0) : v(major, minor + 1, 0)));
    case '^':
    case '':
    default: {
      if (c.minor !== undefined && minor === 0 && major === 0 && c.patch !== undefined) return build(incl(exact), excl(v(0, 0, patch + 1)));
      if (major === 0 && c.minor !== undefined) return build(incl(exact), excl(v(0, minor + 1, 0)));
      return build(incl(exact), excl(v(major + 1, 0, 0)));
    }
  }
}

/** Whether some version lies in every interval (pre-release exclusion not modelled). */
export function intervalsMeet(intervals: Interval[]): boolean {
  return spansMeet(intervals, (a, b) => semverScheme.compare(a, b)) === true;
}

/**
 * The one version a requirement allows: `=1.2.3`, and the caret forms `0.0.3` / `^0.0.3`, which
 * Cargo reads as `>=0.0.3, <0.0.4` (pre-releases excluded), i.e. exactly 0.0.3.
 */
export function exactCargoVersion(requirement: string): string | undefined {
  const comparators = parseCargoRequirement(requirement);
  if (!comparators || comparators.length !== 1) return undefined;
  const c = comparators[0]!;
  if (c.major === undefined || c.minor === undefined || c.patch === undefined) return undefined;
  const version = `${c.major}.${c.minor}.${c.patch}${c.rest}`;
  if (c.op === '=') return version;
  if ((c.op === '' || c.op === '^') && c.major === 0 && c.minor === 0 && !c.rest.startsWith('-')) return version;
  return undefined;
}

export const cargoRequirements: RequirementSemantics = {
  exact: exactCargoVersion,
  admits(requirement, interval) {
    const comparators = parseCargoRequirement(requirement);
    const advisory = parsedIntervalSpan(interval, (text) => semverScheme.parse(text));
    if (!comparators || !advisory) return undefined;
    const intervals: Interval[] = [advisory];
    for (const c of comparators) {
      const i = comparatorInterval(c);
      if (!i) return undefined;
      intervals.push(i);
    }
    return intervalsMeet(intervals);
  },
};
