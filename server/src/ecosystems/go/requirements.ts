import { goScheme } from '../../versions/go';
import type { RequirementSemantics, VersionInterval } from '../types';
import { toolchainRelease, withoutV } from './go-versions';

/**
 * go.mod pins exact versions (`v1.2.3`, a `toolchain go1.21.3`, a `go 1.21` line), so every
 * requirement is exact and "admits" is a plain interval test in Go's version order.
 */
export function exactGoVersion(requirement: string): string | undefined {
  const text = requirement.trim();
  if (text.startsWith('go')) return toolchainRelease(text);
  const version = withoutV(text);
  return goScheme.parse(version) ? version : undefined;
}

export function goIntervalAdmits(version: string, interval: VersionInterval): boolean | undefined {
  const v = goScheme.parse(version);
  if (!v) return undefined;
  if (interval.introduced && interval.introduced !== '0') {
    const lo = goScheme.parse(interval.introduced);
    if (!lo) return undefined;
    if (goScheme.compare(v, lo) < 0) return false;
  }
  const [bound, inclusive] = interval.fixed ? [interval.fixed, false] : interval.lastAffected ? [interval.lastAffected, true] : [undefined, false];
  if (bound === undefined) return true;
  const hi = goScheme.parse(bound);
  if (!hi) return undefined;
  const cmp = goScheme.compare(v, hi);
  return inclusive ? cmp <= 0 : cmp < 0;
}

export const goRequirements: RequirementSemantics = {
  exact: exactGoVersion,
  admits(requirement, interval) {
    const version = exactGoVersion(requirement);
    return version === undefined ? undefined : goIntervalAdmits(version, interval);
  },
};
