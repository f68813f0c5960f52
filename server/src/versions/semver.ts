import type { VersionScheme } from './scheme';
import { SemverVersion, compareSemver, semverFromParts } from './semver-precedence';
import { scanSemver } from './semver-syntax';

export type { SemverVersion } from './semver-precedence';

/**
 * SemVer 2.0 (crates.io, Hex, and OSV `SEMVER` ranges). Numbers are exact at any size (Elixir's
 * `Version` uses big integers). Two spellings beyond strict SemVer are accepted because OSV data
 * writes them and neither can change the meaning of a valid version: a leading `v`, and a partial
 * version such as `0` or `1.2` (read as `1.2.0`, the way Go's shorthand and OSV's "introduced: 0"
 * mean it).
 */
export const semverScheme: VersionScheme<SemverVersion> = {
  id: 'semver',
  parse(text) {
    const parts = scanSemver(text, { vPrefix: true, partial: true, leadingZeros: false });
    return parts && semverFromParts(parts);
  },
  compare: compareSemver,
};
