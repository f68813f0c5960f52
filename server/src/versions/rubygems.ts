import { ExactInt, MAX_VERSION_LENGTH, exactIntFromDigits, isAsciiDigit } from './exact-int';
import { compareIdentifiers } from './identifiers';
import type { VersionScheme } from './scheme';

/** `Gem::Version#canonical_segments`: integers and strings, trailing zeros of each run dropped. */
export interface RubyGemsVersion {
  readonly segments: readonly (ExactInt | string)[];
}

// Gem::Version::ANCHORED_VERSION_PATTERN, minus the empty match (see parse).
const GEM_VERSION = /^[\t\n\v\f\r ]*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)[\t\n\v\f\r ]*$/;

/**
 * RubyGems: `Gem::Version` (`<=>` over canonical segments). `-` means `.pre.`, letters split from
 * digits, a string segment sorts below any number (so 1.0.a < 1.0), and strings compare
 * byte-wise. Ruby reads a blank string as version 0; here it is rejected, because a blank version
 * in a lockfile is a parse failure, not a release.
 */
export const rubygemsScheme: VersionScheme<RubyGemsVersion> = {
  id: 'rubygems',
  parse(text) {
    if (text.length > MAX_VERSION_LENGTH) return undefined;
    const m = GEM_VERSION.exec(text);
    if (!m) return undefined;
    return { segments: canonicalSegments(m[1]!.replace(/-/g, '.pre.')) };
  },
  compare(a, b) {
    const x = a.segments;
    const y = b.segments;
    const n = x.length > y.length ? x.length : y.length;
    for (let i = 0; i < n; i++) {
      // A missing segment counts as 0.
      const c = compareIdentifiers(i < x.length ? x[i]! : 0, i < y.length ? y[i]! : 0, 'stringsFirst');
      if (c !== 0) return c;
    }
    return 0;
  },
};

/** Segments are runs of digits or of letters (`scan(/[0-9]+|[a-z]+/i)`); anything else separates. */
function canonicalSegments(version: string): (ExactInt | string)[] {
  const segments: (ExactInt | string)[] = [];
  let firstString = -1;
  let i = 0;
  while (i < version.length) {
    const start = i;
    if (isAsciiDigit(version.charCodeAt(i))) {
      while (i < version.length && isAsciiDigit(version.charCodeAt(i))) i++;
      segments.push(exactIntFromDigits(version, start, i));
    } else if (isAsciiLetter(version.charCodeAt(i))) {
      while (i < version.length && isAsciiLetter(version.charCodeAt(i))) i++;
      if (firstString < 0) firstString = segments.length;
      segments.push(version.slice(start, i));
    } else {
      i++;
    }
  }
  if (firstString < 0) return dropTrailingZeros(segments, 0, segments.length);
  return [...dropTrailingZeros(segments, 0, firstString), ...dropTrailingZeros(segments, firstString, segments.length)];
}

function dropTrailingZeros(segments: (ExactInt | string)[], start: number, end: number): (ExactInt | string)[] {
  while (end > start && segments[end - 1] === 0) end--;
  return segments.slice(start, end);
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
