/**
 * Version components can be longer than 2^53 (advisory test data has 30-digit ones; Maven, Go,
 * RubyGems and PyPI compare them exactly). A component is a JS number while that is exact and a
 * bigint beyond, so every value has one representation: `===` is equality and `<` orders mixed
 * pairs correctly without converting anything at compare time.
 */
export type ExactInt = number | bigint;

const SAFE_DIGITS = 15;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Reads the ASCII digits in `text[start, end)`; the caller has checked they are all digits. */
export function exactIntFromDigits(text: string, start = 0, end = text.length): ExactInt {
  if (end - start <= SAFE_DIGITS) {
    let n = 0;
    for (let i = start; i < end; i++) n = n * 10 + (text.charCodeAt(i) - 48);
    return n;
  }
  return normalizeBig(BigInt(text.slice(start, end)));
}

/** A bigint in canonical form: a number when it fits. */
export function normalizeBig(value: bigint): ExactInt {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}

export function compareExactInts(a: ExactInt, b: ExactInt): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True when `text[start, end)` is non-empty and all ASCII digits. */
export function isDigits(text: string, start = 0, end = text.length): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (!isAsciiDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Longest text any scheme reads. Real versions are far shorter (node-semver caps at 256); the cap
 * keeps parsing linear-time on hostile input such as a multi-megabyte "version" in a lockfile.
 */
export const MAX_VERSION_LENGTH = 256;
