import { compare as pep440Compare, explain } from '@renovatebot/pep440';

/**
 * Version constraints as written in Python manifests, read into sets of version intervals.
 *
 * One grammar covers both dialects users write, because a requirement reaches the engine without
 * saying which file it came from:
 * - PEP 440 specifiers (`>=1.2,<2`, `~=1.4.5`, `==2.8.*`, `!=3.5`, `===1.0`), used by
 *   requirements files, PEP 621 / PEP 735 strings, Pipfile and uv / pdm metadata;
 * - Poetry constraints (`^1.2`, `~1.2`, `1.2.*`, `1.2.3`, `*`, `>=1 <2`, `a || b`, parentheses).
 *
 * Intervals are dense (every real number between the bounds): "does the requirement admit some
 * version in the advisory's range" is answered without a list of published versions, and a
 * pre-release that pip would only install on request still counts as admitted (conservative).
 */
export interface Bound {
  version: string;
  inclusive: boolean;
}

/** Undefined bounds are unbounded. */
export interface Interval {
  lower?: Bound;
  upper?: Bound;
}

/** A union of intervals; empty means "no version". */
export type VersionSet = Interval[];

export const ANY_VERSION: VersionSet = [{}];

export interface Clause {
  /** '' for a bare version (Poetry: exactly that version). */
  op: string;
  version: string;
  wildcard: boolean;
  /** Offsets in the alternative's text. */
  start: number;
  end: number;
  /** Whether the operator and version were separated by spaces (`>= 1.2`). */
  spaced: boolean;
}

export interface Alternative {
  clauses: Clause[];
  /** Offsets of the alternative in the constraint, parentheses excluded. */
  start: number;
  end: number;
  parenthesised: boolean;
}

const CLAUSE = /\s*(===|~=|==|!=|<=|>=|<|>|=|\^|~)?(\s*)([^\s,|()]+)\s*(,)?/y;

export interface ParsedConstraint {
  alternatives: Alternative[];
  /** Poetry writes `(a || b)`: parentheses around the whole constraint. */
  outerParens: boolean;
}

/** Splits a constraint into OR-alternatives of AND-clauses; undefined when it is not a constraint. */
export function parseConstraint(text: string): ParsedConstraint | undefined {
  let from = text.length - text.trimStart().length;
  let to = text.trimEnd().length;
  let outerParens = false;
  if (text[from] === '(' && text[to - 1] === ')' && text.slice(from + 1, to - 1).search(/[()]/) === -1) {
    outerParens = true;
    from++;
    to--;
  }
  const alternatives: Alternative[] = [];
  const separator = /\|\|?/g;
  let partStart = from;
  for (;;) {
    separator.lastIndex = partStart;
    const m = separator.exec(text);
    const partEnd = m && m.index < to ? m.index : to;
    const alt = parseAlternative(text, partStart, partEnd);
    if (!alt) return undefined;
    alternatives.push(alt);
    if (partEnd === to) break;
    partStart = partEnd + m![0].length;
  }
  return { alternatives, outerParens };
}

function parseAlternative(text: string, from: number, to: number): Alternative | undefined {
  let start = from + (text.slice(from, to).length - text.slice(from, to).trimStart().length);
  let end = from + text.slice(from, to).trimEnd().length;
  let parenthesised = false;
  if (text[start] === '(' && text[end - 1] === ')') {
    parenthesised = true;
    start++;
    end--;
  }
  const body = text.slice(start, end);
  if (/[()]/.test(body)) return undefined;
  const clauses: Clause[] = [];
  if (body.trim() === '' || body.trim() === '*') return { clauses, start, end, parenthesised };
  let pos = 0;
  while (pos < body.length) {
    CLAUSE.lastIndex = pos;
    const m = CLAUSE.exec(body);
    if (!m || m.index !== pos || m[0].length === 0) return undefined;
    const op = m[1] ?? '';
    const raw = m[3]!;
    const wildcard = raw.endsWith('.*') || raw.endsWith('.x');
    const version = wildcard ? raw.slice(0, -2) : raw;
    if (!(raw === '*' && op === '')) {
      // `*` among other clauses adds nothing; anything else must be a version.
      if (explain(version) === null) return undefined;
      if (wildcard && op !== '' && op !== '==' && op !== '!=' && op !== '=') return undefined;
      const clauseStart = pos + (m[0].length - m[0].trimStart().length);
      const versionEnd = clauseStart + op.length + m[2]!.length + raw.length;
      clauses.push({ op, version, wildcard, start: start + clauseStart, end: start + versionEnd, spaced: m[2]!.length > 0 });
    }
    pos += m[0].length;
  }
  return { clauses, start, end, parenthesised };
}

/** The versions a constraint admits, or undefined when it cannot be read. */
export function constraintSet(text: string): VersionSet | undefined {
  const parsed = parseConstraint(text);
  if (!parsed) return undefined;
  const union: VersionSet = [];
  for (const alt of parsed.alternatives) {
    const set = alternativeSet(alt);
    if (!set) return undefined;
    union.push(...set);
  }
  return union;
}

export function alternativeSet(alt: Alternative): VersionSet | undefined {
  let set: VersionSet = ANY_VERSION;
  for (const clause of alt.clauses) {
    const clauseSet = clauseVersions(clause);
    if (!clauseSet) return undefined;
    set = intersect(set, clauseSet);
  }
  return set;
}

export function clauseVersions(clause: Clause): VersionSet | undefined {
  const v = clause.version;
  const parsed = explain(v);
  if (!parsed) return undefined;
  if (clause.wildcard) {
    const [low, high] = prefixBounds(v);
    if (clause.op === '!=') return [{ upper: { version: low, inclusive: false } }, { lower: { version: high, inclusive: true } }];
    return [{ lower: { version: low, inclusive: true }, upper: { version: high, inclusive: false } }];
  }
  switch (clause.op) {
    case '':
    case '=':
    case '==':
    case '===':
      return [{ lower: { version: v, inclusive: true }, upper: { version: v, inclusive: true } }];
    case '!=':
      return [{ upper: { version: v, inclusive: false } }, { lower: { version: v, inclusive: false } }];
    case '>=':
      return [{ lower: { version: v, inclusive: true } }];
    case '>':
      return [{ lower: { version: v, inclusive: false } }];
    case '<=':
      return [{ upper: { version: v, inclusive: true } }];
    case '<':
      return [{ upper: { version: v, inclusive: false } }];
    case '~=': {
      if (parsed.release.length < 2) return undefined;
      return [{ lower: { version: v, inclusive: true }, upper: { version: bumpRelease(parsed, parsed.release.length - 2), inclusive: false } }];
    }
    case '^': {
      const release = parsed.release;
      let index = release.findIndex((n) => n !== 0);
      if (index === -1) index = release.length - 1;
      return [{ lower: { version: v, inclusive: true }, upper: { version: bumpRelease(parsed, index), inclusive: false } }];
    }
    case '~': {
      const index = parsed.release.length === 1 ? 0 : 1;
      return [{ lower: { version: v, inclusive: true }, upper: { version: bumpRelease(parsed, index), inclusive: false } }];
    }
    default:
      return undefined;
  }
}

/** `[first, past)` of the versions that start with the release prefix `v` (`2.8` → 2.8.dev0 … 2.9.dev0). */
export function prefixBounds(v: string): [string, string] {
  const parsed = explain(v)!;
  const epoch = parsed.epoch ? `${parsed.epoch}!` : '';
  const release = parsed.release;
  const next = [...release];
  next[next.length - 1] = next[next.length - 1]! + 1;
  return [`${epoch}${release.join('.')}.dev0`, `${epoch}${next.join('.')}.dev0`];
}

/** The release with the component at `index` incremented and everything after dropped: ^1.2.3 → 2. */
function bumpRelease(parsed: NonNullable<ReturnType<typeof explain>>, index: number): string {
  const epoch = parsed.epoch ? `${parsed.epoch}!` : '';
  const release = parsed.release.slice(0, index + 1);
  release[index] = release[index]! + 1;
  return `${epoch}${release.join('.')}`;
}

/** PEP 440 ordering; undefined when either side is not a version. */
export function compareVersions(a: string, b: string): number | undefined {
  if (explain(a) === null || explain(b) === null) return undefined;
  try {
    return Math.sign(pep440Compare(a, b));
  } catch {
    return undefined;
  }
}

function cmp(a: string, b: string): number {
  return compareVersions(a, b) ?? 0;
}

export function intersect(a: VersionSet, b: VersionSet): VersionSet {
  const out: VersionSet = [];
  for (const x of a) {
    for (const y of b) {
      const both: Interval = { lower: maxLower(x.lower, y.lower), upper: minUpper(x.upper, y.upper) };
      if (!isEmpty(both)) out.push(both);
    }
  }
  return out;
}

function maxLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = cmp(a.version, b.version);
  if (c !== 0) return c > 0 ? a : b;
  return a.inclusive ? b : a;
}

function minUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = cmp(a.version, b.version);
  if (c !== 0) return c < 0 ? a : b;
  return a.inclusive ? b : a;
}

function isEmpty(interval: Interval): boolean {
  const { lower, upper } = interval;
  if (!lower || !upper) return false;
  const c = cmp(lower.version, upper.version);
  return c > 0 || (c === 0 && !(lower.inclusive && upper.inclusive));
}

export function contains(set: VersionSet, version: string): boolean {
  return intersect(set, [{ lower: { version, inclusive: true }, upper: { version, inclusive: true } }]).length > 0;
}

/** True when some admitted version is below `version`. */
export function admitsBelow(set: VersionSet, version: string): boolean {
  return intersect(set, [{ upper: { version, inclusive: false } }]).length > 0;
}
