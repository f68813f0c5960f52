import { explain } from '@renovatebot/pep440';
import {
  type Alternative,
  type Clause,
  ANY_VERSION,
  admitsBelow,
  alternativeSet,
  clauseVersions,
  compareVersions,
  constraintSet,
  contains,
  intersect,
  parseConstraint,
  prefixBounds,
  type VersionSet,
} from './version-constraints';
import { exactPypiVersion } from './requirement-semantics';

/**
 * Rewrites a version requirement (PEP 440 specifier or Poetry constraint) so that it admits
 * `fixed` and no version below it, keeping the author's style where the meaning allows:
 *
 * - pins move: `==1.0` → `==1.2.1`, Poetry `1.0` → `1.2.1`;
 * - lower bounds below the fix move up: `>=1.0` / `>1.0` → `>=1.2.1`, `^2.0` → `^2.31.0`, `~1.2` → `~1.2.5`;
 * - `~=` keeps its precision when the fix can be written with it (`~=1.0` → `~=1.2` for 1.2),
 *   otherwise it keeps its upper bound and gains a lower one (`~=1.0` → `>=1.2.1,~=1.2`);
 * - an upper bound that excludes the fix is raised at the same precision (`<2.0` → `<3.0` for
 *   2.1.0; `<1.5` → `<1.7` for 1.6.2), `<=` becomes `<=fixed`;
 * - `!=` clauses that exclude the fix are dropped, wildcards move to the fix's prefix;
 * - a requirement with no lower bound gains `>=fixed` in front (`<3` → `>=1.2.1,<3`, `*` → `>=1.2.1`);
 * - in `a || b`, alternatives wholly below the fix are dropped.
 *
 * Returns undefined when the requirement cannot be read. The result is checked: if it does not
 * admit `fixed`, or still admits something below it, `>=fixed` is returned instead.
 */
export function rewriteForFix(requirement: string, fixed: string): string | undefined {
  if (explain(fixed) === null) return undefined;
  const parsed = parseConstraint(requirement);
  if (!parsed) return undefined;
  const fallback = `>=${fixed}`;
  const atOrAbove = [{ lower: { version: fixed, inclusive: true } }];
  let alternatives = parsed.alternatives;
  if (alternatives.length > 1) {
    const kept = alternatives.filter((alt) => intersect(alternativeSet(alt) ?? ANY_VERSION, atOrAbove).length > 0);
    alternatives = kept.length ? kept : [alternatives[alternatives.length - 1]!];
  }
  const bodies = alternatives.map((alt) => {
    const body = rewriteAlternative(requirement, alt, fixed);
    return alt.parenthesised && alternatives.length > 1 ? `(${body})` : body;
  });
  let result = bodies.join(' || ');
  if (parsed.outerParens && alternatives.length > 1) result = `(${result})`;
  const set = constraintSet(result);
  if (!set || !contains(set, fixed) || admitsBelow(set, fixed)) return fallback;
  // `<=1.2.3` raised to the fix leaves one version: say so plainly.
  if (isOnly(set, fixed) && exactPypiVersion(result) === undefined) return `==${fixed}`;
  return result;
}

function rewriteAlternative(text: string, alt: Alternative, fixed: string): string {
  const body = text.slice(alt.start, alt.end);
  const separator = body.includes(',') ? (/,\s/.test(body) ? ', ' : ',') : alt.clauses.length > 1 ? ' ' : ',';
  const spaced = alt.clauses.some((c) => c.spaced);
  const write = (op: string, version: string) => `${op}${spaced && op ? ' ' : ''}${version}`;
  const texts: string[] = [];
  for (const clause of alt.clauses) {
    const rewritten = rewriteClause(clause, fixed, write);
    if (rewritten !== null) texts.push(rewritten ?? text.slice(clause.start, clause.end));
  }
  const set = constraintSet(texts.join(',') || '*');
  if (!set || admitsBelow(set, fixed)) texts.unshift(write('>=', fixed));
  return texts.join(separator);
}

/** The clause's new text; undefined keeps it as written, null drops it. */
function rewriteClause(clause: Clause, fixed: string, write: (op: string, version: string) => string): string | undefined | null {
  const versions = clauseVersions(clause);
  if (!versions) return undefined;
  const below = (compareVersions(clause.version, fixed) ?? 0) < 0;
  if (clause.wildcard) {
    // An exclusion wholly below the fix is now redundant, one that excludes the fix must go.
    if (clause.op === '!=') return contains(versions, fixed) && !wholePrefixBelow(clause.version, fixed) ? undefined : null;
    if (contains(versions, fixed)) return undefined;
    return write(clause.op, `${prefixOf(fixed, releaseLength(clause.version))}.*`);
  }
  switch (clause.op) {
    case '':
    case '=':
    case '==':
    case '===':
    case '^':
    case '~':
      return below ? write(clause.op, fixed) : undefined;
    case '>=':
      return below ? write('>=', fixed) : undefined;
    case '>':
      return (compareVersions(clause.version, fixed) ?? 0) <= 0 ? write('>=', fixed) : undefined;
    case '~=':
      return below ? compatible(clause, fixed, write) : undefined;
    case '<':
      return contains(versions, fixed) ? undefined : write('<', raisedCap(clause.version, fixed));
    case '<=':
      return contains(versions, fixed) ? undefined : write('<=', fixed);
    case '!=':
      return contains(versions, fixed) && !below ? undefined : null;
    default:
      return undefined;
  }
}

/** `~=` at the clause's precision when the fix fits it; else at that precision plus a `>=fixed` added later. */
function compatible(clause: Clause, fixed: string, write: (op: string, version: string) => string): string {
  const n = Math.max(2, releaseLength(clause.version));
  const f = explain(fixed)!;
  const plain = f.pre === null && f.post === null && f.dev === null && f.local === null;
  if (!plain) return write('~=', fixed);
  return write('~=', prefixOf(fixed, n));
}

/** The fix's release cut (or zero-padded) to `n` components, with its epoch. */
function prefixOf(version: string, n: number): string {
  const v = explain(version)!;
  const release = v.release.slice(0, n);
  while (release.length < n) release.push(0);
  return `${v.epoch ? `${v.epoch}!` : ''}${release.join('.')}`;
}

function isOnly(set: VersionSet, version: string): boolean {
  return set.every((i) => i.lower && i.upper && compareVersions(i.lower.version, version) === 0 && compareVersions(i.upper.version, version) === 0);
}

function wholePrefixBelow(prefix: string, fixed: string): boolean {
  return (compareVersions(prefixBounds(prefix)[1], fixed) ?? 1) <= 0;
}

function releaseLength(version: string): number {
  return explain(version)?.release.length ?? 1;
}

/**
 * A new exclusive upper bound above `fixed` that caps the same kind of release the old one did:
 * the old bound's last non-zero component says which (`<2.0` caps majors, `<1.5` minors).
 */
function raisedCap(oldCap: string, fixed: string): string {
  const cap = explain(oldCap)!;
  const f = explain(fixed)!;
  let k = cap.release.length - 1;
  while (k > 0 && cap.release[k] === 0) k--;
  const release = f.release.slice(0, k + 1);
  while (release.length <= k) release.push(0);
  release[k] = release[k]! + 1;
  while (release.length < cap.release.length) release.push(0);
  return `${f.epoch ? `${f.epoch}!` : ''}${release.join('.')}`;
}
