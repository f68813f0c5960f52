import { compareText } from '../../versions/scheme';
import { packagistScheme } from '../../versions/packagist';
import { spansAdmit, type CompareVersions } from '../../versions/intervals';
import type { RequirementSemantics } from '../types';
import { composerSpans, exactComposerVersion } from './composer-constraint';

const compare: CompareVersions = (a, b) => compareText(packagistScheme, a, b);

/** composer.json constraints without a composer.lock. Branch constraints cannot be judged. */
export const packagistRequirements: RequirementSemantics = {
  exact: exactComposerVersion,
  admits(requirement, interval) {
    const spans = composerSpans(requirement, compare);
    return spans ? spansAdmit(spans, interval, compare) : undefined;
  },
};
