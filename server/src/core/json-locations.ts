/**
 * Source offsets of selected properties in a JSON text, found in one pass without building a
 * syntax tree. Lockfiles are large (a real package-lock is ~1 MB): `JSON.parse` gives the data
 * quickly but no positions, and a full position-carrying tree (jsonc-parser's parseTree) costs 8×
 * JSON.parse. This scanner only records the properties a pattern selects and skips the rest at
 * string-scanning speed. It assumes the text is valid JSON (callers parse it first).
 *
 * Arrays are descended into too (composer.lock keeps its packages in one): an element matches the
 * pattern's entry for its index, as a string, or `'*'`. Elements themselves are not recorded, only
 * the selected properties of objects inside them.
 */

import { jsonStringEnd, jsonStringValue } from './json-strings';

/** `'*'` matches any key or array index; `true` records the property without descending; an object descends. */
export interface JsonPattern {
  [key: string]: JsonPattern | true;
}

export interface JsonPropertyLocation {
  /** Keys (and array indexes, as strings) from the root to this property. */
  path: string[];
  /** Offsets of the key's content (quotes excluded). */
  keyStart: number;
  keyEnd: number;
  /** Offsets of the value; for strings, quotes excluded. */
  valueStart: number;
  valueEnd: number;
}

export function locateJsonProperties(text: string, pattern: JsonPattern): JsonPropertyLocation[] {
  const out: JsonPropertyLocation[] = [];
  const scanner = new Scanner(text);
  // Callers strip a byte-order mark before JSON.parse but hand over the text as it is, offsets and all.
  if (text.charCodeAt(0) === 0xfeff) scanner.pos = 1;
  scanner.skipWhitespace();
  scanner.value(pattern, [], out);
  return out;
}

const QUOTE = 34;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const COMMA = 44;

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.pos);
  }

  /** Scans one value at `pos`; records selected properties of objects. Returns [start, end) of the value. */
  value(pattern: JsonPattern | undefined, path: string[], out: JsonPropertyLocation[]): [number, number] {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (c === OPEN_BRACE && pattern) {
      this.object(pattern, path, out);
      return [start, this.pos];
    }
    if (c === OPEN_BRACKET && pattern) {
      this.array(pattern, path, out);
      return [start, this.pos];
    }
    if (c === QUOTE) {
      this.pos = jsonStringEnd(this.text, start);
      return [start + 1, this.pos - 1];
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.skipContainer();
      return [start, this.pos];
    }
    // number, true, false, null
    const t = this.text;
    let p = start;
    for (let ch = t.charCodeAt(p); p < t.length && ch !== COMMA && ch !== CLOSE_BRACE && ch !== CLOSE_BRACKET && ch !== 32 && ch !== 10 && ch !== 13 && ch !== 9; ch = t.charCodeAt(++p));
    this.pos = p;
    return [start, p];
  }

  private object(pattern: JsonPattern, path: string[], out: JsonPropertyLocation[]): void {
    const t = this.text;
    this.pos++; // {
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return;
    }
    while (this.pos < t.length) {
      const keyStart = this.pos + 1;
      this.pos = jsonStringEnd(this.text, this.pos);
      const keyEnd = this.pos - 1;
      const key = jsonStringValue(this.text, keyStart, keyEnd);
      this.skipWhitespace();
      if (t.charCodeAt(this.pos) === COLON) this.pos++;
      this.skipWhitespace();
      const sub = Object.prototype.hasOwnProperty.call(pattern, key) ? pattern[key] : pattern['*'];
      if (sub === undefined) {
        this.value(undefined, path, out);
      } else {
        const childPath = [...path, key];
        const entry: JsonPropertyLocation = { path: childPath, keyStart, keyEnd, valueStart: 0, valueEnd: 0 };
        out.push(entry);
        const [vs, ve] = this.value(sub === true ? undefined : sub, childPath, out);
        entry.valueStart = vs;
        entry.valueEnd = ve;
      }
      this.skipWhitespace();
      const c = t.charCodeAt(this.pos);
      this.pos++;
      if (c !== COMMA) return; // `}` or end of text
      this.skipWhitespace();
    }
  }

  private array(pattern: JsonPattern, path: string[], out: JsonPropertyLocation[]): void {
    const t = this.text;
    this.pos++; // [
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      return;
    }
    for (let index = 0; this.pos < t.length; index++) {
      const key = String(index);
      const sub = Object.prototype.hasOwnProperty.call(pattern, key) ? pattern[key] : pattern['*'];
      this.value(sub === true ? undefined : sub, [...path, key], out);
      this.skipWhitespace();
      const c = t.charCodeAt(this.pos);
      this.pos++;
      if (c !== COMMA) return; // `]` or end of text
      this.skipWhitespace();
    }
  }

  private skipContainer(): void {
    const t = this.text;
    let depth = 0;
    let p = this.pos;
    while (p < t.length) {
      const c = t.charCodeAt(p);
      if (c === QUOTE) {
        p = jsonStringEnd(this.text, p);
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          this.pos = p + 1;
          return;
        }
      }
      p++;
    }
    this.pos = p;
  }
}
