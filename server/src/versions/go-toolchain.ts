import { MAX_VERSION_LENGTH, exactIntFromDigits } from './exact-int';
import type { SemverVersion } from './semver-precedence';

// go1.21.3, go1.21rc2, go1.9beta1, go1.20: the Go release tags as go.mod's `go` and `toolchain`
// lines and `runtime.Version()` write them (the `go` prefix is optional here because go.mod's
// `go 1.21rc2` omits it).
const GO_TAG = /^(0|[1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:(beta|rc|-pre)(0|[1-9]\d*))?$/;

/**
 * A Go release tag mapped the way the Go vulnerability database maps it into OSV (`stdlib` and
 * `toolchain` ranges say `1.21.0-rc.2` for go1.21rc2 and `1.20.0` for go1.20), so tags and
 * advisory bounds compare directly.
 */
export function goTagToSemver(tag: string): SemverVersion | undefined {
  if (tag.length > MAX_VERSION_LENGTH) return undefined;
  // go1 has no minor number; it is the 1.0.0 release.
  if (tag === '1') return { major: 1, minor: 0, patch: 0, pre: [] };
  const m = GO_TAG.exec(tag);
  if (!m) return undefined;
  const label = m[4] === undefined ? undefined : m[4] === '-pre' ? 'pre' : m[4];
  return {
    major: exactIntFromDigits(m[1]!),
    minor: exactIntFromDigits(m[2]!),
    patch: m[3] === undefined ? 0 : exactIntFromDigits(m[3]),
    pre: label === undefined ? [] : [label, exactIntFromDigits(m[5]!)],
  };
}
