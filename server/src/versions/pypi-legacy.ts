/**
 * packaging's `LegacyVersion` (packaging ≤ 21, and `packaging_legacy`, which osv.dev uses to order
 * PyPI versions that PEP 440 rejects): the setuptools order from before PEP 440. Every legacy
 * version sorts below every PEP 440 version (its key's epoch is -1); legacy versions compare by a
 * tuple of strings built from their parts. Used only where a total order over any text is asked
 * for (`compareVersions`), never by matching: see docs/versions.md.
 */
export type LegacyKey = readonly string[];

// packaging: re.compile(r"(\d+ | [a-z]+ | \.| -)", re.VERBOSE); Python's \d is any Unicode digit.
const COMPONENT = /(\p{Nd}+|[a-z]+|\.|-)/u;
const REPLACEMENTS: Readonly<Record<string, string>> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };
const ASCII_DIGITS = '0123456789';

/** `_legacy_cmpkey(version)[1]`: the part tuple (the epoch, -1, is implied). */
export function legacyKey(version: string): LegacyKey {
  const parts: string[] = [];
  for (const part of parseParts(version.toLowerCase())) {
    if (part.startsWith('*')) {
      // Remove "-" before a pre-release tag, then trailing zeros of each numeric run.
      if (comparePython(part, '*final') < 0) while (parts.length && parts[parts.length - 1] === '*final-') parts.pop();
      while (parts.length && parts[parts.length - 1] === '00000000') parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

/** `_parse_version_parts`: numbers zero-padded to 8, everything else prefixed with `*`, then `*final`. */
function parseParts(s: string): string[] {
  const out: string[] = [];
  // split() with a capturing group returns the separators too, as Python's re.split does.
  for (const raw of s.split(COMPONENT)) {
    const part = REPLACEMENTS[raw] ?? raw;
    if (part === '' || part === '.') continue;
    if (ASCII_DIGITS.includes(part[0]!)) out.push(part.padStart(8, '0'));
    else out.push(`*${part}`);
  }
  out.push('*final');
  return out;
}

/** Tuple comparison of two keys, strings compared as Python compares them. */
export function compareLegacyKeys(a: LegacyKey, b: LegacyKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = comparePython(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Python compares strings by code point; JavaScript's `<` by UTF-16 unit, which differs past U+FFFF. */
function comparePython(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}
