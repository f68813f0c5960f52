import semver from 'semver';

/**
 * The version published before `current` in version order: the greatest lower version, skipping
 * prereleases unless `current` is one (a stable release is compared with the last stable one; a
 * backport 1.2.5 with 1.2.4, not with 2.0.0). Undefined for the first version or an unparseable one.
 */
export function previousVersion(current: string, versions: Iterable<string>): string | undefined {
  const parsed = semver.parse(current);
  if (!parsed) return undefined;
  const stable = parsed.prerelease.length === 0;
  let best: string | undefined;
  for (const candidate of versions) {
    const other = semver.parse(candidate);
    if (!other || (stable && other.prerelease.length > 0)) continue;
    if (semver.compare(other, parsed) >= 0) continue;
    if (!best || semver.compare(other, best) > 0) best = candidate;
  }
  return best;
}
