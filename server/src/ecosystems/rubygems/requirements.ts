import { compareText } from '../../versions/scheme';
import { rubygemsScheme } from '../../versions/rubygems';
import { intersectSpans, spansAdmit, type CompareVersions, type VersionSpan } from '../../versions/intervals';
import type { RequirementSemantics } from '../types';
import { constraintSpans, exactGemVersion, parseGemRequirement } from './gem-requirement';

const compare: CompareVersions = (a, b) => compareText(rubygemsScheme, a, b);

/** Gemfile requirements without a Gemfile.lock: every constraint must hold (their intersection). */
export const rubygemsRequirements: RequirementSemantics = {
  exact: exactGemVersion,
  admits(requirement, interval) {
    const constraints = parseGemRequirement(requirement);
    if (!constraints) return undefined;
    let spans: VersionSpan[] | undefined = [{}];
    for (const c of constraints) {
      spans = intersectSpans(spans, constraintSpans(c), compare);
      if (!spans) return undefined;
    }
    return spansAdmit(spans, interval, compare);
  },
};
