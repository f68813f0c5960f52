import { goTagToSemver } from './go-toolchain';
import type { VersionScheme } from './scheme';
import { SemverVersion, compareSemver, semverFromParts } from './semver-precedence';
import { scanSemver } from './semver-syntax';

/**
 * Go modules: `golang.org/x/mod/semver` ordering, where `+incompatible` is build metadata (ignored)
 * and pseudo-versions are ordinary pre-releases, which is exactly what puts
 * `v1.2.4-0.20210101000000-abcdef123456` after v1.2.3 and before v1.2.4. go.mod writes a `v` and
 * OSV ranges do not; both spellings are accepted and compare equal. Go release tags (`go1.21.3`,
 * `1.21rc2`) are read as the Go vulnerability database writes them, for the `stdlib` and
 * `toolchain` packages.
 */
export const goScheme: VersionScheme<SemverVersion> = {
  id: 'go',
  parse(text) {
    if (text.startsWith('go')) return goTagToSemver(text.slice(2));
    const parts = scanSemver(text, { vPrefix: true, partial: true, leadingZeros: false });
    return parts ? semverFromParts(parts) : goTagToSemver(text);
  },
  compare: compareSemver,
};
