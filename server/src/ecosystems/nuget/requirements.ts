import { compareText } from '../../versions/scheme';
import { nugetScheme } from '../../versions/nuget';
import { spansAdmit, type CompareVersions, type VersionBound, type VersionSpan } from '../../versions/intervals';
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
  equivalent(a, b) {
    const [x, y] = [spanOf(a), spanOf(b)];
    return x !== undefined && y !== undefined && sameBound(x.lower, y.lower) && sameBound(x.upper, y.upper);
  },
};

function spanOf(requirement: string): VersionSpan | undefined {
  const range = parseNuGetRange(requirement);
  if (!range) return undefined;
  if (range.kind === 'minimum') return { lower: { version: range.version, inclusive: true } };
  return range.kind === 'floating' ? range.span : range.spans[0];
}

function sameBound(a: VersionBound | undefined, b: VersionBound | undefined): boolean {
  if (!a || !b) return a === b;
  return a.inclusive === b.inclusive && compare(a.version, b.version) === 0;
}
