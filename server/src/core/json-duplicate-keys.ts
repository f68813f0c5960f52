import type { ParseError } from './package';
import type { LineIndex } from './text-range';

/**
 * Duplicate keys in JSON objects. JSON.parse, PHP's json_decode, Python's json and Newtonsoft all
 * keep the last of two equal keys, so that is what every package manager reads; a reader that
 * finds keys by searching from the top sees the first. This scan names every key that a later
 * equal key in the same object overrides, so parsers can read the last one and warn about the rest.
 *
 * One linear pass, at string-search speed through strings (lockfiles are mostly strings), with no
 * allocation per key in the common case: keys of small objects are compared by offsets, and only
 * objects with many keys (a lockfile's package map) keep their keys in a set.
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
/** Objects with more keys than this keep a set of them; smaller ones compare offsets pairwise. */
const PAIRWISE_LIMIT = 24;

export function findDuplicateKeys(text: string, options: DuplicateKeyOptions = {}): DuplicateKey[] {
  return new DuplicateScan(text, options.comments === true).run();
}

/** The keys seen so far in one open object: offsets and a hash of each. */
interface ObjectKeys {
  starts: number[];
  ends: number[];
  hashes: number[];
  /** Once the object is large: hash → index of the latest key with that hash. */
  byHash?: Map<number, number>;
  /** With `byHash`: per key, the index of the previous key with the same hash, or -1. */
  sameHash: number[];
}

class DuplicateScan {
  private readonly out: DuplicateKey[] = [];
  /** Per nesting level: the keys of the object open there, or undefined for an array. */
  private readonly levels: Array<ObjectKeys | undefined> = [];
  /** Reused key lists, one per depth, so small objects allocate nothing. */
  private readonly spare: ObjectKeys[] = [];

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
          const end = this.stringEnd(p);
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

  private openObject(): ObjectKeys {
    const depth = this.levels.length;
    let keys = this.spare[depth];
    if (!keys) this.spare[depth] = keys = { starts: [], ends: [], hashes: [], sameHash: [] };
    keys.starts.length = 0;
    keys.ends.length = 0;
    keys.hashes.length = 0;
    keys.sameHash.length = 0;
    keys.byHash = undefined;
    return keys;
  }

  private addKey(start: number, end: number): void {
    const keys = this.levels[this.levels.length - 1];
    if (!keys) return;
    const count = keys.starts.length;
    if (keys.byHash) {
      const hash = this.hashKey(start, end);
      const previous = this.latestByHash(keys, hash, start, end);
      if (previous !== -1) this.report(keys, previous, start, end);
      keys.starts.push(start);
      keys.ends.push(end);
      keys.hashes.push(hash);
      this.index(keys, count);
      return;
    }
    // Small objects (nearly all): compare in place, most pairs differ in length.
    const previous = this.latestPairwise(keys, start, end);
    if (previous !== -1) this.report(keys, previous, start, end);
    keys.starts.push(start);
    keys.ends.push(end);
    if (count + 1 > PAIRWISE_LIMIT) {
      keys.byHash = new Map();
      for (let i = 0; i <= count; i++) {
        keys.hashes[i] = this.hashKey(keys.starts[i]!, keys.ends[i]!);
        this.index(keys, i);
      }
    }
  }

  private index(keys: ObjectKeys, i: number): void {
    const hash = keys.hashes[i]!;
    keys.sameHash[i] = keys.byHash!.get(hash) ?? -1;
    keys.byHash!.set(hash, i);
  }

  private latestPairwise(keys: ObjectKeys, start: number, end: number): number {
    for (let i = keys.starts.length - 1; i >= 0; i--) if (this.sameKey(keys.starts[i]!, keys.ends[i]!, start, end)) return i;
    return -1;
  }

  private latestByHash(keys: ObjectKeys, hash: number, start: number, end: number): number {
    for (let i = keys.byHash!.get(hash) ?? -1; i !== -1; i = keys.sameHash[i]!) if (this.sameKey(keys.starts[i]!, keys.ends[i]!, start, end)) return i;
    return -1;
  }

  private report(keys: ObjectKeys, index: number, start: number, end: number): void {
    this.out.push({ key: this.keyText(start, end), start: keys.starts[index]!, end: keys.ends[index]!, replacedByStart: start, replacedByEnd: end });
  }

  /**
   * FNV-1a of the key's value: of its raw text, or of the decoded text when it has escapes. (The
   * `31 * h + c` string hash collides on a third of a lockfile's package paths.)
   */
  private hashKey(start: number, end: number): number {
    const t = this.text;
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === BACKSLASH) return hashString(this.keyText(start, end));
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    return h;
  }

  /** Equal values: raw text compared in place, decoded only when an escape makes spellings differ. */
  private sameKey(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
    const t = this.text;
    if (aEnd - aStart === bEnd - bStart) {
      let i = 0;
      while (i < aEnd - aStart && t.charCodeAt(aStart + i) === t.charCodeAt(bStart + i)) i++;
      if (i === aEnd - aStart) return true;
    }
    // Two spellings of one key need an escape; keys rarely have one, so this is seldom more than two searches.
    return this.escapes > 0 && (this.hasEscape(aStart, aEnd) || this.hasEscape(bStart, bEnd)) && this.keyText(aStart, aEnd) === this.keyText(bStart, bEnd);
  }

  private hasEscape(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.text.charCodeAt(i) === BACKSLASH) return true;
    return false;
  }

  private keyText(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    if (raw.indexOf('\\') === -1) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  }

  /** Offset just past the closing quote of the string starting at `start`. */
  private stringEnd(start: number): number {
    const t = this.text;
    let p = start + 1;
    for (;;) {
      const q = t.indexOf('"', p);
      if (q === -1) return t.length;
      let backslashes = 0;
      for (let b = q - 1; t.charCodeAt(b) === BACKSLASH; b--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      p = q + 1;
    }
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
