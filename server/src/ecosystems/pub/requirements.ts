import { pubScheme, type PubVersion } from '../../versions/pub';
import { type VersionBound, type VersionSpan, parsedIntervalSpan, spansMeet } from '../../versions/intervals';
import type { RequirementSemantics, VersionInterval } from '../types';

/**
 * Pub version constraints (https://dart.dev/tools/pub/dependencies#version-constraints): `any`, an
 * exact `1.2.3`, a caret `^1.2.3` (up to the next breaking version: the next major, or the next
 * minor below 1.0.0), or comparators `>=`, `>`, `<=`, `<` that must all hold. Pre-release
 * exclusion is not modelled, so `admits` may say yes to an interval only pre-releases fall in.
 */
export interface PubComparator {
  op: '' | '^' | '>=' | '>' | '<=' | '<';
  version: string;
  /** Offsets in the constraint: the comparator, and its version. */
  start: number;
  versionStart: number;
  end: number;
}

const VERSION = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
const COMPARATOR = new RegExp(String.raw`(>=|<=|>|<|\^)?\s*(${VERSION})`, 'y');
export const EXACT_PUB_VERSION = new RegExp(`^${VERSION}$`);

/** The comparators of a constraint ([] for `any`), or undefined when pub would reject it. */
export function parsePubConstraint(constraint: string): PubComparator[] | undefined {
  const text = constraint.trim();
  if (text === 'any' || text === '') return [];
  const out: PubComparator[] = [];
  let i = constraint.length - constraint.trimStart().length;
  while (i < constraint.length) {
    while (i < constraint.length && /\s/.test(constraint[i]!)) i++;
    if (i >= constraint.length) break;
    COMPARATOR.lastIndex = i;
    const m = COMPARATOR.exec(constraint);
    if (!m) return undefined;
    out.push({ op: (m[1] ?? '') as PubComparator['op'], version: m[2]!, start: i, versionStart: i + m[0].length - m[2]!.length, end: i + m[0].length });
    i += m[0].length;
  }
  // A caret or an exact version stands alone.
  if (out.length > 1 && out.some((c) => c.op === '' || c.op === '^')) return undefined;
  return out;
}

type Span = VersionSpan<PubVersion>;
const at = (version: PubVersion, inclusive: boolean): VersionBound<PubVersion> => ({ version, inclusive });

function nextBreaking(v: PubVersion): PubVersion | undefined {
  const text = v.major === 0 ? `0.${BigInt(v.minor) + 1n}.0` : `${BigInt(v.major) + 1n}.0.0`;
  return pubScheme.parse(text);
}

function bounds(c: PubComparator): Span | undefined {
  const v = pubScheme.parse(c.version);
  if (!v) return undefined;
  switch (c.op) {
    case '':
      return { lower: at(v, true), upper: at(v, true) };
    case '^': {
      const next = nextBreaking(v);
      return next ? { lower: at(v, true), upper: at(next, false) } : undefined;
    }
    case '>=':
      return { lower: at(v, true) };
    case '>':
      return { lower: at(v, false) };
    case '<=':
      return { upper: at(v, true) };
    case '<':
      return { upper: at(v, false) };
  }
}

export function boundsMeet(list: Span[]): boolean {
  return spansMeet(list, (a, b) => pubScheme.compare(a, b)) === true;
}

/** Whether `version` satisfies every comparator (used by the fix writer). */
export function pubAllows(comparators: PubComparator[], version: string): boolean | undefined {
  const v = pubScheme.parse(version);
  if (!v) return undefined;
  const list: Span[] = [{ lower: at(v, true), upper: at(v, true) }];
  for (const c of comparators) {
    const b = bounds(c);
    if (!b) return undefined;
    list.push(b);
  }
  return boundsMeet(list);
}

export const pubRequirements: RequirementSemantics = {
  exact(requirement) {
    const text = requirement.trim();
    return EXACT_PUB_VERSION.test(text) ? text : undefined;
  },
  admits(requirement, interval: VersionInterval) {
    const comparators = parsePubConstraint(requirement);
    if (!comparators) return undefined;
    const list: Span[] = [];
    for (const c of comparators) {
      const b = bounds(c);
      if (!b) return undefined;
      list.push(b);
    }
    const advisory = parsedIntervalSpan(interval, (text) => pubScheme.parse(text));
    if (!advisory) return undefined;
    list.push(advisory);
    return boundsMeet(list);
  },
};
