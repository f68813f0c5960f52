import type { VersionSpan } from '../../versions/intervals';

/**
 * What a Maven `<version>` or a Gradle version string asks for:
 * - `soft`: a plain version (`1.2.3`). Maven resolves a direct dependency to exactly it (nearest
 *   wins), Gradle to at least it; both treat it as the version the project uses.
 * - `spans`: Maven ranges `[1.0,2.0)`, `(,1.0],[1.2,)`, hard pins `[1.2.3]`, and Gradle's Ivy
 *   spellings `]1.0,2.0[` / `[1.0,2.0[`.
 * - `prefix`: Gradle's `1.+` (any version starting `1.`), kept for `admits`.
 * - `dynamic`: `latest.release`, `+`, or text with an unresolved `${...}`: nothing can be said.
 */
export type MavenRequirement =
  | { kind: 'soft'; version: string }
  | { kind: 'spans'; spans: VersionSpan[] }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'dynamic' };

export function parseMavenRequirement(text: string): MavenRequirement | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.includes('${') || trimmed === '+' || /^latest\./i.test(trimmed)) return { kind: 'dynamic' };
  if (/^[[\]()]/.test(trimmed)) {
    const spans = parseRanges(trimmed);
    return spans ? { kind: 'spans', spans } : undefined;
  }
  if (trimmed.endsWith('+')) return { kind: 'prefix', prefix: trimmed.slice(0, -1) };
  if (/[\s,[\]()]/.test(trimmed)) return undefined;
  return { kind: 'soft', version: trimmed };
}

/** The one version a requirement pins: a soft version or a hard `[1.2.3]`. */
export function exactMavenVersion(text: string): string | undefined {
  const req = parseMavenRequirement(text);
  if (!req) return undefined;
  if (req.kind === 'soft') return req.version;
  if (req.kind !== 'spans' || req.spans.length !== 1) return undefined;
  const { lower, upper } = req.spans[0]!;
  // `[1.2.3]` parses to [1.2.3,1.2.3]; a written-out `[1.0,2.0]` has two different bounds.
  return lower && upper && lower.inclusive && upper.inclusive && lower.version === upper.version ? lower.version : undefined;
}

/** `[a,b)`, `[a]`, `(,b]`, comma-separated unions; `]`/`[` on the wrong side mean exclusive (Ivy). */
function parseRanges(text: string): VersionSpan[] | undefined {
  const spans: VersionSpan[] = [];
  const pattern = /\s*([[\]()])([^[\]()]*)([[\]()])\s*(,|$)/y;
  let pos = 0;
  while (pos < text.length) {
    pattern.lastIndex = pos;
    const m = pattern.exec(text);
    if (!m) return undefined;
    const span = rangeSpan(m[1]!, m[2]!, m[3]!);
    if (!span) return undefined;
    spans.push(span);
    pos = pattern.lastIndex;
    if (m[4] === '' ) break;
  }
  return spans.length ? spans : undefined;
}

function rangeSpan(open: string, body: string, close: string): VersionSpan | undefined {
  const lowerInclusive = open === '[';
  const upperInclusive = close === ']';
  if (open === ')' || close === '(') return undefined;
  const parts = body.split(',').map((s) => s.trim());
  if (parts.length === 1) {
    // `[1.2.3]` is the only single-version form; `(1.2.3)` is meaningless.
    if (!lowerInclusive || !upperInclusive || parts[0] === '') return undefined;
    return { lower: { version: parts[0]!, inclusive: true }, upper: { version: parts[0]!, inclusive: true } };
  }
  if (parts.length !== 2) return undefined;
  const [low, high] = parts as [string, string];
  const span: VersionSpan = {};
  if (low !== '') span.lower = { version: low, inclusive: lowerInclusive };
  if (high !== '') span.upper = { version: high, inclusive: upperInclusive };
  return span;
}
