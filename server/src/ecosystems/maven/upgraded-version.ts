import { compareText } from '../../versions/scheme';
import { mavenScheme } from '../../versions/maven';
import { parseMavenRequirement } from './maven-requirement';

/**
 * The version text that moves a requirement to `fixed` in the style it was written: a soft
 * version stays soft, a hard pin `[1.2]` stays a hard pin, a one-span range keeps its brackets and
 * upper bound when the fix fits under it (`[1.0,2.0)` → `[1.4.2,2.0)`). Anything else (unions,
 * `1.+`, dynamic versions, a bound the fix does not fit) becomes the plain fixed version, which
 * Maven and Gradle both resolve to it.
 */
export function upgradedMavenVersion(current: string, fixed: string): string {
  const req = parseMavenRequirement(current);
  if (!req || req.kind !== 'spans' || req.spans.length !== 1) return fixed;
  const trimmed = current.trim();
  const open = trimmed[0]!;
  const close = trimmed[trimmed.length - 1]!;
  const { lower, upper } = req.spans[0]!;
  if (lower && upper && lower.version === upper.version && lower.inclusive && upper.inclusive) return `[${fixed}]`;
  // The fixed version itself must be admitted: the lower bound becomes inclusive.
  const inclusiveOpen = open === '(' || open === ']' ? '[' : open;
  const separator = /,\s/.test(trimmed) ? ', ' : ',';
  if (!upper) return `${inclusiveOpen}${fixed}${separator}${close}`;
  const fits = compareText(mavenScheme, fixed, upper.version);
  if (fits === undefined || fits > 0 || (fits === 0 && !upper.inclusive)) return fixed;
  return `${inclusiveOpen}${fixed}${separator}${upper.version}${close}`;
}
