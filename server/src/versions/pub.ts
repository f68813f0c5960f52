import { ExactInt, compareExactInts, normalizeBig } from './exact-int';
import { compareIdentifierLists } from './identifiers';
import type { VersionScheme } from './scheme';
import { scanSemver } from './semver-syntax';

/** A pre-release or build part: an integer where Dart's `int.tryParse` reads one, else its text. */
export type PubPart = ExactInt | string;

export interface PubVersion {
  readonly major: ExactInt;
  readonly minor: ExactInt;
  readonly patch: ExactInt;
  readonly pre: readonly PubPart[];
  readonly build: readonly PubPart[];
}

/**
 * Dart pub (`pub_semver`'s `Version.compareTo`): SemVer precedence, except that build metadata
 * orders (a version with a build sorts after the same version without one, and builds compare part
 * by part) and that parts are numbers wherever Dart's `int.tryParse` accepts them (`01`, `-1`,
 * `0x1f`). Like the rest of the SemVer family here it also takes a leading `v`, partial versions
 * and numbers beyond 64 bits, which pub itself never writes (see docs/versions.md).
 */
export const pubScheme: VersionScheme<PubVersion> = {
  id: 'pub',
  parse(text) {
    const parts = scanSemver(text, { vPrefix: true, partial: true, leadingZeros: true });
    if (!parts) return undefined;
    return {
      major: parts.major,
      minor: parts.minor,
      patch: parts.patch,
      pre: parts.pre.map(dartPart),
      build: parts.build.map(dartPart),
    };
  },
  compare(a, b) {
    if (a.major !== b.major) return compareExactInts(a.major, b.major);
    if (a.minor !== b.minor) return compareExactInts(a.minor, b.minor);
    if (a.patch !== b.patch) return compareExactInts(a.patch, b.patch);
    // Pre-releases come before the release; builds come after it.
    if ((a.pre.length === 0) !== (b.pre.length === 0)) return a.pre.length === 0 ? 1 : -1;
    // pub_semver's `_compareLists`: a missing part sorts first, numbers before strings.
    const pre = compareIdentifierLists(a.pre, b.pre);
    if (pre !== 0) return pre;
    if ((a.build.length === 0) !== (b.build.length === 0)) return a.build.length === 0 ? -1 : 1;
    return compareIdentifierLists(a.build, b.build);
  },
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DART_INT = /^([+-]?)(?:([0-9]+)|0[xX]([0-9a-fA-F]+))$/;

/** Dart's `int.tryParse(part) ?? part` on the 64-bit VM. */
function dartPart(part: string): PubPart {
  const m = DART_INT.exec(part);
  if (!m) return part;
  let value = m[2] !== undefined ? BigInt(m[2]) : BigInt(`0x${m[3]!}`);
  if (m[1] === '-') value = -value;
  if (value < INT64_MIN || value > INT64_MAX) return part;
  return normalizeBig(value);
}
