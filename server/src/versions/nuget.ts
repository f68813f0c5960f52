import { MAX_VERSION_LENGTH, isAsciiDigit } from './exact-int';
import { comparePrereleases } from './identifiers';
import type { VersionScheme } from './scheme';
import { isIdentifierChar } from './semver-syntax';

export interface NuGetVersion {
  /** Major, minor, patch, revision (a missing part is 0). */
  readonly numbers: readonly [number, number, number, number];
  /**
   * Release labels: a number where .NET's `int.TryParse` reads one (so `-1` and values past
   * Int32 behave as NuGet's comparer makes them), else the label upper-cased for
   * `OrdinalIgnoreCase`. Empty for a stable version.
   */
  readonly labels: readonly (number | string)[];
}

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/**
 * NuGet: `NuGetVersion.TryParse` and `VersionComparer.Default`. One to four numeric parts (legacy
 * 4-part versions order by the fourth), leading zeros allowed (1.0.01 = 1.0.1), labels compared
 * case-insensitively (1.0.0-RC1 = 1.0.0-rc1), numeric labels below alphanumeric ones, metadata
 * (`+...`) validated but never ordered. Parts beyond Int32 are rejected, as NuGet rejects them.
 */
export const nugetScheme: VersionScheme<NuGetVersion> = {
  id: 'nuget',
  parse(text) {
    if (text.length > MAX_VERSION_LENGTH) return undefined;
    const value = text.trim();
    const sections = splitSections(value);
    if (sections === undefined) return undefined;
    const numbers = parseSystemVersion(sections.version);
    if (numbers === undefined) return undefined;
    let labels: (number | string)[] = [];
    if (sections.release !== undefined) {
      const parts = sections.release.split('.');
      if (!parts.every((p) => isValidPart(p, false))) return undefined;
      labels = parts.map(labelKey);
    }
    if (sections.metadata !== undefined && !sections.metadata.split('.').every((p) => isValidPart(p, true))) return undefined;
    return { numbers, labels };
  },
  compare(a, b) {
    const x = a.numbers;
    const y = b.numbers;
    for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return comparePrereleases(a.labels, b.labels);
  },
};

/**
 * NuGet's `ParseSections`: the first `-` or `+` ends the numbers, the first `+` after that ends the
 * release labels.
 */
function splitSections(value: string): { version: string; release?: string; metadata?: string } | undefined {
  if (value.length === 0) return undefined;
  const dash = value.indexOf('-');
  const plus = value.indexOf('+');
  if (dash < 0 && plus < 0) return { version: value };
  if (plus >= 0 && (dash < 0 || plus < dash)) return { version: value.slice(0, plus), metadata: value.slice(plus + 1) };
  const rest = value.slice(dash + 1);
  const restPlus = rest.indexOf('+');
  if (restPlus < 0) return { version: value.slice(0, dash), release: rest };
  return { version: value.slice(0, dash), release: rest.slice(0, restPlus), metadata: rest.slice(restPlus + 1) };
}

/** `System.Version.TryParse` after NuGet appends `.0` to a one-part version. */
function parseSystemVersion(text: string): [number, number, number, number] | undefined {
  const parts = (text.includes('.') ? text : `${text}.0`).split('.');
  if (parts.length < 2 || parts.length > 4) return undefined;
  const numbers: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < parts.length; i++) {
    // Int32 parsing in .NET tolerates surrounding white space.
    const part = parts[i]!.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
    if (part.length === 0 || !isAllDigits(part)) return undefined;
    const n = Number(part);
    if (n > INT32_MAX) return undefined;
    numbers[i] = n;
  }
  return numbers;
}

/** `SemanticVersion.IsValidPart`: non-empty `[0-9A-Za-z-]`, no leading zero on an all-digit label. */
function isValidPart(part: string, allowLeadingZeros: boolean): boolean {
  if (part.length === 0) return false;
  for (let i = 0; i < part.length; i++) if (!isIdentifierChar(part.charCodeAt(i))) return false;
  return allowLeadingZeros || part.length === 1 || part.charCodeAt(0) !== 48 || !isAllDigits(part);
}

function labelKey(label: string): number | string {
  const digitsFrom = label.charCodeAt(0) === 45 ? 1 : 0;
  if (label.length > digitsFrom && isAllDigits(label.slice(digitsFrom))) {
    const n = Number(label);
    if (n >= INT32_MIN && n <= INT32_MAX) return n;
  }
  return label.toUpperCase();
}

function isAllDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isAsciiDigit(text.charCodeAt(i))) return false;
  return text.length > 0;
}
