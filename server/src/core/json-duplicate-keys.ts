import type { ParseError } from './package';
import { type KeyText, KeyTable } from './json-key-table';
import { jsonStringEnd, jsonStringValue } from './json-strings';
import type { LineIndex } from './text-range';

/**
 * Duplicate keys in JSON objects. JSON.parse, PHP's json_decode, Python's json and Newtonsoft all
 * keep the last of two equal keys, so that is what every package manager reads; a reader that
 * finds keys by searching from the top sees the first. This scan names every key that a later
 * equal key in the same object overrides, so parsers can read the last one and warn about the rest.
 *
 * One linear pass, at string-search speed through strings (lockfiles are mostly strings), with no
 * allocation per key: keys are compared by their offsets in the text (json-key-table.ts).
 */
export interface DuplicateKey {
  /** The key's value (escapes decoded). */
  key: string;
  /** Offsets of the overridden key's text, quotes excluded. */
  start: number;
  end: number;
  /** Offsets of the key that replaces it (the next equal key). */
  replacedByStart: number;
  replacedByEnd: number;
}

export interface DuplicateKeyOptions {
  /** JSONC (bun.lock): `//` and `/* *\/` comments are skipped. */
  comments?: boolean;
  /**
   * The text's JSON.parse result, when the caller has it: then a text with as many keys as the
   * parsed objects hold (no key was dropped) has no duplicate, found by counting, not scanning.
   */
  parsed?: unknown;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const SLASH = 47;
const COMMA = 44;
export function findDuplicateKeys(text: string, options: DuplicateKeyOptions = {}): DuplicateKey[] {
  const comments = options.comments === true;
  if (!comments && 'parsed' in options && keysInText(text) === keysParsed(options.parsed)) return [];
  return new DuplicateScan(text, comments).run();
}

/** Keys in a valid JSON text: its strings followed by a colon. */
function keysInText(text: string): number {
  let keys = 0;
  for (let p = text.indexOf('"'); p !== -1; p = text.indexOf('"', p)) {
    p = jsonStringEnd(text, p);
    let c = text.charCodeAt(p);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++p);
    if (c === COLON) keys++;
  }
  return keys;
}

/** Keys held by the objects of a JSON.parse result (which keeps one of equal keys). */
function keysParsed(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in v) {
      keys++;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return keys;
}


class DuplicateScan implements KeyText {
  private readonly out: DuplicateKey[] = [];
  /** Per nesting level: the keys of the object open there, or undefined for an array. */
  private readonly levels: Array<KeyTable | undefined> = [];
  /** Reused key tables, one per depth, so a scan allocates next to nothing. */
  private readonly spare: KeyTable[] = [];

  /** Whether the text has a backslash at all: without one, keys compare as raw text. */
  private readonly escapes: number;

  constructor(
    private readonly text: string,
    private readonly comments: boolean,
  ) {
    this.escapes = text.indexOf('\\') === -1 ? 0 : 1;
  }

  run(): DuplicateKey[] {
    const t = this.text;
    const n = t.length;
    const levels = this.levels;
    // After `{` or `,` inside an object, the next string is a key.
    let expectKey = false;
    for (let p = 0; p < n; ) {
      switch (t.charCodeAt(p)) {
        case QUOTE: {
          const end = jsonStringEnd(t, p);
          if (expectKey) {
            this.addKey(p + 1, end - 1);
            expectKey = false;
          }
          p = end;
          continue;
        }
        case OPEN_BRACE:
          levels.push(this.openObject());
          expectKey = true;
          break;
        case OPEN_BRACKET:
          levels.push(undefined);
          expectKey = false;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          levels.pop();
          expectKey = false;
          break;
        case COMMA:
          expectKey = levels.length > 0 && levels[levels.length - 1] !== undefined;
          break;
        case COLON:
          expectKey = false;
          break;
        case 32:
        case 10:
        case 13:
        case 9: {
          // Indentation is most of what is not inside a string.
          let c = t.charCodeAt(++p);
          while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++p);
          continue;
        }
        case SLASH:
          if (this.comments) {
            p = this.commentEnd(p);
            continue;
          }
          break;
      }
      p++;
    }
    return this.out;
  }

  private openObject(): KeyTable {
    const depth = this.levels.length;
    let keys = this.spare[depth];
    if (!keys) this.spare[depth] = keys = new KeyTable(this);
    keys.reset();
    return keys;
  }

  private addKey(start: number, end: number): void {
    const keys = this.levels[this.levels.length - 1];
    if (!keys) return;
    const previous = keys.add(start, end);
    if (previous !== -1) {
      this.out.push({ key: jsonStringValue(this.text, start, end), start: keys.startOf(previous), end: keys.endOf(previous), replacedByStart: start, replacedByEnd: end });
    }
  }

  /**
   * FNV-1a of the key's value: of its raw text, or of the decoded text when it has escapes. (The
   * `31 * h + c` string hash collides on a third of a lockfile's package paths.)
   */
  hash(start: number, end: number): number {
    const t = this.text;
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === BACKSLASH) return hashString(jsonStringValue(this.text, start, end));
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    return h;
  }

  /** Equal values: raw text compared in place, decoded only when an escape makes spellings differ. */
  same(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
    const t = this.text;
    if (aEnd - aStart === bEnd - bStart) {
      let i = 0;
      while (i < aEnd - aStart && t.charCodeAt(aStart + i) === t.charCodeAt(bStart + i)) i++;
      if (i === aEnd - aStart) return true;
    }
    // Two spellings of one key need an escape; keys rarely have one, so this is seldom more than two searches.
    return this.escapes > 0 && (this.hasEscape(aStart, aEnd) || this.hasEscape(bStart, bEnd)) && jsonStringValue(this.text, aStart, aEnd) === jsonStringValue(this.text, bStart, bEnd);
  }

  private hasEscape(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.text.charCodeAt(i) === BACKSLASH) return true;
    return false;
  }

  private commentEnd(p: number): number {
    const t = this.text;
    const next = t.charCodeAt(p + 1);
    if (next === SLASH) {
      const eol = t.indexOf('\n', p);
      return eol === -1 ? t.length : eol + 1;
    }
    if (next === 42 /* * */) {
      const close = t.indexOf('*/', p + 2);
      return close === -1 ? t.length : close + 2;
    }
    return p + 1;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * The duplicates of a JSON text as warnings, one at each key a later one overrides: the text there
 * has no effect, and the message says where the key that does is.
 */
export function duplicateKeyWarnings(text: string, fileLabel: string, index: LineIndex, options: DuplicateKeyOptions = {}): ParseError[] {
  return duplicateWarnings(findDuplicateKeys(text, options), fileLabel, index);
}

/** Warnings for duplicates already found. */
export function duplicateWarnings(duplicates: readonly DuplicateKey[], fileLabel: string, index: LineIndex): ParseError[] {
  return duplicates.map((d) => {
    const replacedBy = index.position(d.replacedByStart);
    return {
      message: `duplicate key "${d.key}" in ${fileLabel}: ignored, the one at ${replacedBy.line + 1}:${replacedBy.character + 1} replaces it (JSON readers keep the last)`,
      range: index.range(d.start, d.end),
      severity: 'warning',
    };
  });
}
