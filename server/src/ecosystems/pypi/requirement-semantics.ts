import type { RequirementSemantics, VersionInterval } from '../types';
import { explain } from '@renovatebot/pep440';
import { type Interval, type VersionSet, compareVersions, constraintSet, contains, intersect, parseConstraint } from './version-constraints';

/**
 * What a declared Python requirement (PEP 440 specifier or Poetry constraint, see
 * version-constraints.ts) can resolve to, for manifests without a lockfile.
 */
export const pypiRequirements: RequirementSemantics = {
  exact: exactPypiVersion,
  admits(requirement: string, interval: VersionInterval): boolean | undefined {
    const set = constraintSet(requirement);
    if (!set) return undefined;
    const affected = affectedSet(interval);
    if (!affected) return undefined;
    const overlap = intersect(set, affected);
    // pip installs a pre-release only when the requirement names one (PEP 440), so an overlap made
    // of nothing but pre-releases of one release (`!=1.5.*` against [1.5.0, 1.6.0) leaves 1.6.0rc1)
    // is not a version the requirement resolves to.
    const allowsPre = /\d(?:a|b|c|rc|alpha|beta|pre|preview|dev)\d*/i.test(requirement);
    return overlap.some((interval) => allowsPre || !onlyPreReleases(interval));
  },
};

/** True when an interval holds only pre-releases of its (final) upper bound, e.g. [1.6.dev0, 1.6). */
function onlyPreReleases(interval: Interval): boolean {
  const { lower, upper } = interval;
  if (!lower || !upper || upper.inclusive) return false;
  const top = explain(upper.version);
  if (!top || top.is_prerelease || top.is_postrelease || top.local) return false;
  return (compareVersions(lower.version, `${top.base_version}.dev0`) ?? -1) >= 0;
}

/**
 * The one version a requirement pins: `==1.2.3`, `===1.2.3`, Poetry's bare `1.2.3`, or a pin
 * combined with clauses that still admit it (`==1.2.3,!=1.2.4`). Undefined for ranges and wildcards.
 */
export function exactPypiVersion(requirement: string): string | undefined {
  // `===` compares strings, so its version need not be PEP 440 at all.
  const arbitrary = /^\s*===\s*([^\s,;]+)\s*$/.exec(requirement);
  if (arbitrary) return arbitrary[1];
  const parsed = parseConstraint(requirement);
  if (!parsed || parsed.alternatives.length !== 1) return undefined;
  const clauses = parsed.alternatives[0]!.clauses;
  const pin = clauses.find((c) => !c.wildcard && (c.op === '==' || c.op === '===' || c.op === '' || c.op === '='));
  if (!pin) return undefined;
  const set = constraintSet(requirement);
  return set && contains(set, pin.version) ? pin.version : undefined;
}

function affectedSet(interval: VersionInterval): VersionSet | undefined {
  const range: Interval = {};
  if (interval.introduced && interval.introduced !== '0') range.lower = { version: interval.introduced, inclusive: true };
  if (interval.fixed) range.upper = { version: interval.fixed, inclusive: false };
  else if (interval.lastAffected) range.upper = { version: interval.lastAffected, inclusive: true };
  for (const bound of [range.lower, range.upper]) if (bound && constraintSet(`==${bound.version}`) === undefined) return undefined;
  return [range];
}
