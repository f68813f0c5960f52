import { parseMavenRequirement } from '../maven/maven-requirement';
import type { VersionSpan } from '../../versions/intervals';

/**
 * NuGet version ranges (learn.microsoft.com/nuget/concepts/package-versioning): a bare `1.0`
 * means `>= 1.0`; `[1.0]` is exact; `[1.0,2.0)`, `(,1.0]`, `(1.0,)` are interval notation;
 * floating versions (`1.*`, `1.0.*`, `*`, `1.0.0-*`) take the highest match.
 */
export type NuGetRange =
  | { kind: 'minimum'; version: string }
  | { kind: 'spans'; spans: VersionSpan[] }
  | { kind: 'floating'; span: VersionSpan };

export function parseNuGetRange(text: string): NuGetRange | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.includes('$(')) return undefined;
  if (/^[[(]/.test(trimmed)) {
    const parsed = parseMavenRequirement(trimmed);
    if (parsed?.kind !== 'spans' || parsed.spans.length !== 1) return undefined;
    return { kind: 'spans', spans: parsed.spans };
  }
  if (trimmed.includes('*')) return floating(trimmed);
  if (!/^\d+(\.\d+){0,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(trimmed)) return undefined;
  return { kind: 'minimum', version: trimmed };
}

/**
 * The version NuGet resolves for a range when the project pins it: NuGet picks the lowest
 * applicable version, so a bare `1.2.3` (written from a real release) resolves to exactly it,
 * as does `[1.2.3]`. Intervals and floating versions are not exact.
 */
export function exactNuGetVersion(text: string): string | undefined {
  const range = parseNuGetRange(text);
  if (!range) return undefined;
  if (range.kind === 'minimum') return range.version;
  if (range.kind !== 'spans') return undefined;
  const { lower, upper } = range.spans[0]!;
  return lower && upper && lower.inclusive && upper.inclusive && lower.version === upper.version ? lower.version : undefined;
}

/** `1.*` → [1, 2); `1.2.*` → [1.2, 1.3); `*` → everything; `1.0.0-*` → the 1.0.0 pre-releases and 1.0.0. */
function floating(text: string): NuGetRange | undefined {
  if (text === '*' || text === '*-*') return { kind: 'floating', span: {} };
  const prerelease = /^(\d+(?:\.\d+){0,3})-[0-9A-Za-z.-]*\*$/.exec(text);
  if (prerelease) return { kind: 'floating', span: { lower: { version: `${prerelease[1]}-0`, inclusive: true }, upper: { version: prerelease[1]!, inclusive: true } } };
  const m = /^((?:\d+\.)*)(\d+)\.\*(?:-\*)?$/.exec(text);
  if (!m) return undefined;
  const base = `${m[1]}${m[2]}`;
  const next = `${m[1]}${Number(m[2]) + 1}`;
  return { kind: 'floating', span: { lower: { version: base, inclusive: true }, upper: { version: next, inclusive: false } } };
}
