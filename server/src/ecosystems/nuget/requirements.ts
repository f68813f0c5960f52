import { compareText } from '../../versions/scheme';
import { nugetScheme } from '../../versions/nuget';
import { spansAdmit, type CompareVersions } from '../version-spans';
import type { RequirementSemantics } from '../types';
import { exactNuGetVersion, parseNuGetRange } from './nuget-range';

const compare: CompareVersions = (a, b) => compareText(nugetScheme, a, b);

/** NuGet requirements without packages.lock.json: a bare version or `[x]` is the resolved one. */
export const nugetRequirements: RequirementSemantics = {
  exact: exactNuGetVersion,
  admits(requirement, interval) {
    const range = parseNuGetRange(requirement);
    if (!range) return undefined;
    if (range.kind === 'minimum') return spansAdmit([{ lower: { version: range.version, inclusive: true } }], interval, compare);
    if (range.kind === 'floating') return spansAdmit([range.span], interval, compare);
    return spansAdmit(range.spans, interval, compare);
  },
};
