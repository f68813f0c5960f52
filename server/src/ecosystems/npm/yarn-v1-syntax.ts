import { IndentedLineReader } from '../../core/indented-lines';

/**
 * The syntax of yarn.lock v1 (yarn classic): indentation-nested `key value` lines, where a key line
 * ending in `:` opens a block. Top-level keys list one or more descriptors (`"a@^1.0.0", a@^1.2.0:`).
 * Strings are JSON-quoted or bare words. Read by hand: it is not YAML, and a line reader costs about
 * as much as splitting the text into lines.
 */
export interface V1Scalar {
  value: string;
  /** Offsets of the text, quotes excluded. */
  start: number;
  end: number;
}

export interface V1Entry {
  /** One key, or several comma-separated ones (the descriptors of a top-level entry). */
  keys: V1Scalar[];
  value: V1Scalar | V1Map | null;
}

export interface V1Map {
  entries: V1Entry[];
}

export interface V1SyntaxError {
  message: string;
  start: number;
  end: number;
}

export type V1ReadResult = { root: V1Map; error?: undefined } | { root?: undefined; error: V1SyntaxError };

export function readYarnV1(text: string): V1ReadResult {
  const reader = new V1Reader(text);
  try {
    const root = reader.map(0);
    if (reader.peek()) reader.fail('unexpected indentation', reader.content);
    return { root };
  } catch (err) {
    if (err instanceof V1Failure) return { error: err.error };
    throw err;
  }
}

class V1Failure {
  constructor(readonly error: V1SyntaxError) {}
}

const SPACE = 32;
const TAB = 9;
const COLON = 58;
const COMMA = 44;
const DQUOTE = 34;
const BACKSLASH = 92;

class V1Reader extends IndentedLineReader {
  fail(message: string, at: number, end = at + 1): never {
    throw new V1Failure({ message, start: at, end: Math.min(Math.max(end, at), this.text.length) });
  }

  /** Whitespace-only lines may hold tabs; yarn never indents with them, so content after one is an error. */
  protected tabIndented(at: number, end: number): number {
    const t = this.text;
    let j = at;
    while (j < end && (t.charCodeAt(j) === TAB || t.charCodeAt(j) === SPACE)) j++;
    if (j < end) this.fail('tabs cannot indent a yarn.lock line', at);
    return end;
  }

  map(indent: number): V1Map {
    const entries: V1Entry[] = [];
    while (this.peek() && this.indent >= indent) {
      if (this.indent > indent) this.fail('unexpected indentation', this.content);
      entries.push(this.entry(indent));
    }
    return { entries };
  }

  private entry(indent: number): V1Entry {
    const t = this.text;
    const end = this.lineEnd;
    const keys: V1Scalar[] = [];
    let p = this.content;
    for (;;) {
      const key = this.token(p, end);
      keys.push(key.scalar);
      p = this.afterSpaces(key.next);
      if (t.charCodeAt(p) !== COMMA) break;
      p = this.afterSpaces(p + 1);
      if (p >= end) this.fail('expected another key after ","', p);
    }
    if (t.charCodeAt(p) === COLON) {
      p = this.afterSpaces(p + 1);
      if (p >= end) {
        this.consume();
        // `key:` opens a block on the following, deeper lines.
        if (this.peek() && this.indent > indent) return { keys, value: this.map(this.indent) };
        return { keys, value: null };
      }
    } else if (p >= end) {
      this.fail(`expected a value or ":" after ${JSON.stringify(keys[keys.length - 1]!.value)}`, Math.max(p - 1, this.content), p);
    }
    const value = this.token(p, end);
    const after = this.afterSpaces(value.next);
    if (after < end) this.fail('unexpected text after the value', after, end);
    this.consume();
    return { keys, value: value.scalar };
  }

  /** A JSON-quoted string or a bare word starting at `p`. */
  private token(p: number, end: number): { scalar: V1Scalar; next: number } {
    const t = this.text;
    if (t.charCodeAt(p) === DQUOTE) {
      let q = p + 1;
      let escaped = false;
      while (q < end && t.charCodeAt(q) !== DQUOTE) {
        if (t.charCodeAt(q) === BACKSLASH) {
          escaped = true;
          q++;
        }
        q++;
      }
      if (q >= end) this.fail('unterminated string', p, end);
      const raw = t.slice(p + 1, q);
      let value = raw;
      if (escaped) {
        try {
          value = JSON.parse(`"${raw}"`) as string;
        } catch {
          this.fail('invalid escape in string', p, q + 1);
        }
      }
      return { scalar: { value, start: p + 1, end: q }, next: q + 1 };
    }
    let q = p;
    while (q < end) {
      const c = t.charCodeAt(q);
      if (c === SPACE || c === COMMA || (c === COLON && (q + 1 >= end || t.charCodeAt(q + 1) === SPACE))) break;
      q++;
    }
    if (q === p) this.fail(`unexpected "${t[p] ?? ''}"`, p);
    return { scalar: { value: t.slice(p, q), start: p, end: q }, next: q };
  }
}
