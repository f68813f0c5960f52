import * as semver from 'semver';
import type { RequirementSemantics, VersionInterval } from '../types';

/** The one version a range names (`1.2.3`, `=1.2.3`, `v1.2.3`), or undefined for a real range. */
export function exactNpmVersion(range: string): string | undefined {
  let parsed: semver.Range;
  try {
    parsed = new semver.Range(range, { loose: true });
  } catch {
    return undefined;
  }
  if (parsed.set.length !== 1 || parsed.set[0]!.length !== 1) return undefined;
  const comparator = parsed.set[0]![0]!;
  if (comparator.operator !== '' && comparator.operator !== '=') return undefined;
  return comparator.semver instanceof semver.SemVer ? comparator.semver.version : undefined;
}

/** A node-semver range for an OSV interval, or undefined when an endpoint is not a version. */
export function intervalRange(interval: VersionInterval): string | undefined {
  const parts: string[] = [];
  if (interval.introduced && interval.introduced !== '0') {
    const v = loose(interval.introduced);
    if (!v) return undefined;
    parts.push(`>=${v}`);
  }
  if (interval.fixed) {
    const v = loose(interval.fixed);
    if (!v) return undefined;
    parts.push(`<${v}`);
  } else if (interval.lastAffected) {
    const v = loose(interval.lastAffected);
    if (!v) return undefined;
    parts.push(`<=${v}`);
  }
  return parts.length ? parts.join(' ') : '*';
}

/** OSV npm records sometimes write `1.0` for `1.0.0`; node-semver's coerce reads it the way npm would. */
function loose(version: string): string | undefined {
  return semver.valid(version, { loose: true }) ?? semver.coerce(version)?.version ?? undefined;
}

export const npmRequirements: RequirementSemantics = {
  exact: exactNpmVersion,
  admits(requirement, interval) {
    const range = intervalRange(interval);
    if (range === undefined) return undefined;
    try {
      return semver.intersects(requirement, range, { loose: true });
    } catch {
      return undefined;
    }
  },
};
