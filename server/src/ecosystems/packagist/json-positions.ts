/**
 * Offsets of selected properties in a JSON text, in one pass and without building a tree.
 * Lockfiles are large: JSON.parse gives their data at native speed, and a position-carrying tree
 * (jsonc-parser's parseTree) costs 20-30× that here; this scanner records only what a pattern
 * selects and skips everything else at string-search speed. Unlike an object-only scanner it
 * descends into arrays, whose elements match the pattern's `'*'` (or their index).
 * The text must be valid JSON: callers JSON.parse it first.
 */
export interface JsonPattern {
  [key: string]: JsonPattern | true;
}

export interface JsonLocation {
  /** Keys (and array indexes, as strings) from the root to this property. */
  path: string[];
  /** Offsets of the key's content, quotes excluded. */
  keyStart: number;
  keyEnd: number;
  /** Offsets of the value; for a string, its content without the quotes. */
  valueStart: number;
  valueEnd: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const COMMA = 44;

export function locateJson(text: string, pattern: JsonPattern): JsonLocation[] {
  const out: JsonLocation[] = [];
  const scanner = new Scanner(text, out);
  scanner.whitespace();
  scanner.value(pattern, []);
  return out;
}

/** The location recorded for a path, looked up by its joined key. */
export function locationsByPath(locations: readonly JsonLocation[]): Map<string, JsonLocation> {
  return new Map(locations.map((l) => [l.path.join('\u0000'), l]));
}

export function pathKey(...path: string[]): string {
  return path.join('\u0000');
}

class Scanner {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly out: JsonLocation[],
  ) {}

  whitespace(): void {
    const t = this.text;
    let c = t.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) c = t.charCodeAt(++this.pos);
  }

  value(pattern: JsonPattern | undefined, path: string[]): [number, number] {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    if (c === QUOTE) {
      this.pos = this.stringEnd(start);
      return [start + 1, this.pos - 1];
    }
    if (c === OPEN_BRACE && pattern) {
      this.object(pattern, path);
      return [start, this.pos];
    }
    if (c === OPEN_BRACKET && pattern) {
      this.array(pattern, path);
      return [start, this.pos];
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.skipContainer();
      return [start, this.pos];
    }
    const t = this.text;
    let p = start;
    for (let ch = t.charCodeAt(p); p < t.length && ch !== COMMA && ch !== CLOSE_BRACE && ch !== CLOSE_BRACKET && ch !== 32 && ch !== 10 && ch !== 13 && ch !== 9; ch = t.charCodeAt(++p));
    this.pos = p;
    return [start, p];
  }

  private object(pattern: JsonPattern, path: string[]): void {
    const t = this.text;
    this.pos++;
    this.whitespace();
    if (t.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return;
    }
    while (this.pos < t.length) {
      const keyStart = this.pos + 1;
      this.pos = this.stringEnd(this.pos);
      const keyEnd = this.pos - 1;
      const key = this.keyText(keyStart, keyEnd);
      this.whitespace();
      if (t.charCodeAt(this.pos) === COLON) this.pos++;
      this.whitespace();
      const sub = Object.prototype.hasOwnProperty.call(pattern, key) ? pattern[key] : pattern['*'];
      if (sub === undefined) {
        this.value(undefined, path);
      } else {
        const childPath = [...path, key];
        const entry: JsonLocation = { path: childPath, keyStart, keyEnd, valueStart: 0, valueEnd: 0 };
        this.out.push(entry);
        [entry.valueStart, entry.valueEnd] = this.value(sub === true ? undefined : sub, childPath);
      }
      this.whitespace();
      const c = t.charCodeAt(this.pos++);
      if (c !== COMMA) return;
      this.whitespace();
    }
  }

  private array(pattern: JsonPattern, path: string[]): void {
    const t = this.text;
    this.pos++;
    this.whitespace();
    if (t.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      return;
    }
    for (let index = 0; this.pos < t.length; index++) {
      const key = String(index);
      const sub = Object.prototype.hasOwnProperty.call(pattern, key) ? pattern[key] : pattern['*'];
      this.value(sub === true ? undefined : sub, [...path, key]);
      this.whitespace();
      const c = t.charCodeAt(this.pos++);
      if (c !== COMMA) return;
      this.whitespace();
    }
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

  private skipContainer(): void {
    const t = this.text;
    let depth = 0;
    let p = this.pos;
    while (p < t.length) {
      const c = t.charCodeAt(p);
      if (c === QUOTE) {
        p = this.stringEnd(p);
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) {
          this.pos = p + 1;
          return;
        }
      }
      p++;
    }
    this.pos = p;
  }
}
