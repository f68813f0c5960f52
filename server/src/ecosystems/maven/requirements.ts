import { compareText } from '../../versions/scheme';
import { mavenScheme } from '../../versions/maven';
import type { RequirementSemantics, VersionInterval } from '../types';
import { exactMavenVersion, parseMavenRequirement } from './maven-requirement';
import { spansAdmit, type CompareVersions, type VersionSpan } from '../../versions/intervals';

const compare: CompareVersions = (a, b) => compareText(mavenScheme, a, b);

/**
 * Maven and Gradle requirements without a lockfile. A soft version is what Maven resolves for a
 * direct dependency, so it is matched as the version; a range only admits (an informational note
 * at most); `1.+` admits what starts with its prefix; dynamic versions cannot be judged.
 */
export const mavenRequirements: RequirementSemantics = {
  exact: exactMavenVersion,
  admits(requirement, interval) {
    const req = parseMavenRequirement(requirement);
    if (!req || req.kind === 'dynamic') return undefined;
    if (req.kind === 'soft') {
      const point: VersionSpan = { lower: { version: req.version, inclusive: true }, upper: { version: req.version, inclusive: true } };
      return spansAdmit([point], interval, compare);
    }
    if (req.kind === 'spans') return spansAdmit(req.spans, interval, compare);
    return prefixAdmits(req.prefix, interval);
  },
};

/**
 * `1.+` is every version that starts with `1.`; bounded by `1.` and the next prefix it is the
 * span [1, 2). A prefix that does not end in a number part (`1.2-+`) is left undecided.
 */
function prefixAdmits(prefix: string, interval: VersionInterval): boolean | undefined {
  if (prefix === '') return spansAdmit([{}], interval, compare);
  const m = /^(.*?)(\d+)\.$/.exec(prefix);
  if (!m) return undefined;
  const base = `${m[1]}${m[2]}`;
  const next = `${m[1]}${Number(m[2]) + 1}`;
  const span: VersionSpan = { lower: { version: base, inclusive: true }, upper: { version: next, inclusive: false } };
  return spansAdmit([span], interval, compare);
}
