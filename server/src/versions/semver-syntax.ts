import { ExactInt, MAX_VERSION_LENGTH, exactIntFromDigits, isAsciiDigit } from './exact-int';

/** The pieces of a SemVer-shaped string, before a scheme gives its identifiers their meaning. */
export interface SemverParts {
  major: ExactInt;
  minor: ExactInt;
  patch: ExactInt;
  /** Dot-separated pre-release identifiers; empty for a release. */
  pre: string[];
  /** Dot-separated build identifiers; empty when there is no `+`. */
  build: string[];
}

export interface SemverSyntax {
  /** Accept one leading `v` (Go writes it; OSV SEMVER ranges sometimes keep it). */
  vPrefix: boolean;
  /** Accept `1` and `1.2` as `1.0.0` and `1.2.0` (Go's shorthand, OSV's `introduced: "0"`). */
  partial: boolean;
  /** Accept `01` in numeric parts (pub does; SemVer 2.0, Go and cargo do not). */
  leadingZeros: boolean;
}

/**
 * Splits `[v]MAJOR[.MINOR[.PATCH[-PRE][+BUILD]]]`. A pre-release or build needs all three numbers,
 * as in Go's `x/mod/semver`: `1.2-beta` means nothing in any SemVer ecosystem.
 */
export function scanSemver(text: string, syntax: SemverSyntax): SemverParts | undefined {
  const end = text.length;
  if (end === 0 || end > MAX_VERSION_LENGTH) return undefined;
  let i = 0;
  if (syntax.vPrefix && text.charCodeAt(0) === 118 /* v */) i = 1;

  const nums: ExactInt[] = [];
  for (;;) {
    const start = i;
    while (i < end && isAsciiDigit(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
    if (!syntax.leadingZeros && i - start > 1 && text.charCodeAt(start) === 48) return undefined;
    nums.push(exactIntFromDigits(text, start, i));
    if (nums.length === 3 || i === end || text.charCodeAt(i) !== 46 /* . */) break;
    i++;
  }
  if (nums.length < 3) {
    if (!syntax.partial || i !== end) return undefined;
    while (nums.length < 3) nums.push(0);
    return { major: nums[0]!, minor: nums[1]!, patch: nums[2]!, pre: [], build: [] };
  }

  let pre: string[] = [];
  let build: string[] = [];
  if (i < end && text.charCodeAt(i) === 45 /* - */) {
    const stop = indexOfOrEnd(text, '+', i + 1);
    const ids = splitIdentifiers(text, i + 1, stop, !syntax.leadingZeros);
    if (ids === undefined) return undefined;
    pre = ids;
    i = stop;
  }
  if (i < end && text.charCodeAt(i) === 43 /* + */) {
    const ids = splitIdentifiers(text, i + 1, end, false);
    if (ids === undefined) return undefined;
    build = ids;
    i = end;
  }
  if (i !== end) return undefined;
  return { major: nums[0]!, minor: nums[1]!, patch: nums[2]!, pre, build };
}

function indexOfOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at < 0 ? text.length : at;
}

/** Non-empty `[0-9A-Za-z-]+` identifiers separated by dots. */
function splitIdentifiers(text: string, start: number, end: number, rejectLeadingZeroNumbers: boolean): string[] | undefined {
  const ids: string[] = [];
  let idStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 46) {
      if (!isIdentifierChar(text.charCodeAt(i))) return undefined;
      continue;
    }
    if (i === idStart) return undefined;
    if (rejectLeadingZeroNumbers && i - idStart > 1 && text.charCodeAt(idStart) === 48 && allDigits(text, idStart, i)) return undefined;
    ids.push(text.slice(idStart, i));
    idStart = i + 1;
  }
  return ids;
}

function allDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isAsciiDigit(text.charCodeAt(i))) return false;
  return true;
}

export function isIdentifierChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45;
}
