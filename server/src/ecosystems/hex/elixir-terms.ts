/**
 * The subset of Elixir term syntax mix.lock is written in (`inspect/2` output): maps `%{…}` with
 * `"key": value` or `key => value` entries, tuples `{…}`, lists `[…]` with `key: value` keyword
 * items, strings, atoms (`:name`, `:"quoted"`), numbers and bare identifiers (`true`, `nil`).
 * Hand-written: mix.lock is Elixir code, and there is no JavaScript library for it. Every node keeps
 * its offsets; the first syntax error stops reading.
 */
export type Term =
  | { kind: 'map'; entries: Array<{ key: Term; value: Term }>; start: number; end: number }
  | { kind: 'tuple'; items: Term[]; start: number; end: number }
  | { kind: 'list'; items: Term[]; start: number; end: number }
  | { kind: 'pair'; key: string; value: Term; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'atom'; value: string; start: number; end: number }
  | { kind: 'number'; text: string; start: number; end: number }
  | { kind: 'identifier'; name: string; start: number; end: number };

export interface TermError {
  message: string;
  offset: number;
}

const MAX_DEPTH = 200;

export function readTerm(text: string): { term?: Term; error?: TermError } {
  const reader = new TermReader(text);
  try {
    reader.skip();
    if (reader.atEnd()) return {};
    const term = reader.value(0);
    reader.skip();
    if (!reader.atEnd()) reader.fail(`unexpected ${describe(text, reader.pos)} after the end of the lock map`);
    return { term };
  } catch (e) {
    if (e instanceof TermSyntaxError) return { error: { message: e.message, offset: e.offset } };
    // Anything else (there should be nothing) is still reported, never thrown.
    return { error: { message: e instanceof Error ? e.message : String(e), offset: reader.pos } };
  }
}

class TermSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 64 || c === 63 || c === 33;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function unescape(body: string): string {
  return body.replace(/\\(.)/gs, (_, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e));
}

class TermReader {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string, at = this.pos): never {
    throw new TermSyntaxError(message, at);
  }

  /** Whitespace and `#` comments. */
  skip(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\ufeff') this.pos++;
      else if (c === '#') {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl === -1 ? t.length : nl + 1;
      } else break;
    }
  }

  value(depth: number): Term {
    if (depth > MAX_DEPTH) this.fail('terms nested too deeply');
    this.skip();
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === undefined) this.fail('unexpected end of file');
    if (c === '%' && t[start + 1] === '{') return this.map(depth);
    if (c === '{') return this.sequence('tuple', '}', depth);
    if (c === '[') return this.sequence('list', ']', depth);
    if (c === '"') return this.string();
    if (c === ':' && t[start + 1] !== ':') return this.atom();
    if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9][0-9_]*(\.[0-9_]+)?([eE][+-]?[0-9]+)?/.exec(t.slice(start, start + 64));
      if (!m) this.fail(`unexpected ${describe(t, start)}`);
      this.pos += m[0].length;
      return { kind: 'number', text: m[0], start, end: this.pos };
    }
    if (isIdentStart(t.charCodeAt(start))) {
      const name = this.identifier();
      return { kind: 'identifier', name, start, end: this.pos };
    }
    return this.fail(`unexpected ${describe(t, start)}`);
  }

  private identifier(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isIdentPart(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private string(): Term & { kind: 'string' } {
    const t = this.text;
    const start = this.pos;
    const close = this.closingQuote(start);
    const body = t.slice(start + 1, close);
    if (body.includes('#{')) this.fail('string interpolation is not lock data', start + 1 + body.indexOf('#{'));
    this.pos = close + 1;
    return { kind: 'string', value: body.includes('\\') ? unescape(body) : body, start, end: this.pos };
  }

  /** Offset of the `"` that closes the string opening at `start` (escapes skipped). */
  private closingQuote(start: number): number {
    const t = this.text;
    let i = start + 1;
    for (;;) {
      const quote = t.indexOf('"', i);
      if (quote === -1) this.fail('unterminated string', start);
      let backslashes = 0;
      for (let j = quote - 1; j > start && t.charCodeAt(j) === 92; j--) backslashes++;
      if (backslashes % 2 === 0) return quote;
      i = quote + 1;
    }
  }

  private atom(): Term & { kind: 'atom' } {
    const start = this.pos;
    this.pos++; // ':'
    if (this.text[this.pos] === '"') {
      const s = this.string();
      return { kind: 'atom', value: s.value, start, end: this.pos };
    }
    if (!isIdentStart(this.text.charCodeAt(this.pos))) this.fail(`expected an atom name after ":"`, start);
    const name = this.identifier();
    return { kind: 'atom', value: name, start, end: this.pos };
  }

  /** `key:` (identifier or string immediately followed by a colon and a space) in maps and lists. */
  private keywordKey(): { key: string; start: number } | undefined {
    const t = this.text;
    const start = this.pos;
    let key: string | undefined;
    let after = start;
    if (t.charCodeAt(start) === 34) {
      after = this.closingQuote(start) + 1;
      if (t[after] !== ':') return undefined;
      const body = t.slice(start + 1, after - 1);
      key = body.includes('\\') ? unescape(body) : body;
    } else if (isIdentStart(t.charCodeAt(start))) {
      let i = start;
      while (i < t.length && isIdentPart(t.charCodeAt(i))) i++;
      key = t.slice(start, i);
      after = i;
    }
    if (key === undefined || t[after] !== ':' || t[after + 1] === ':' || (after + 1 < t.length && !isSpace(t.charCodeAt(after + 1)))) return undefined;
    this.pos = after + 1;
    return { key, start };
  }

  private map(depth: number): Term & { kind: 'map' } {
    const start = this.pos;
    this.pos += 2;
    const entries: Array<{ key: Term; value: Term }> = [];
    for (;;) {
      this.skip();
      if (this.text[this.pos] === '}') break;
      const keyword = this.keywordKey();
      if (keyword) {
        const keyTerm: Term = { kind: 'string', value: keyword.key, start: keyword.start, end: this.pos - 1 };
        entries.push({ key: keyTerm, value: this.value(depth + 1) });
      } else {
        const key = this.value(depth + 1);
        this.skip();
        if (this.text.startsWith('=>', this.pos)) this.pos += 2;
        else this.fail(`expected "=>" or "key:" in a map, found ${describe(this.text, this.pos)}`);
        entries.push({ key, value: this.value(depth + 1) });
      }
      this.skip();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail(`expected "," or "}" in a map, found ${describe(this.text, this.pos)}`);
    }
    this.pos++;
    return { kind: 'map', entries, start, end: this.pos };
  }

  private sequence(kind: 'tuple' | 'list', close: '}' | ']', depth: number): Term & { kind: 'tuple' | 'list' } {
    const start = this.pos;
    this.pos++;
    const items: Term[] = [];
    for (;;) {
      this.skip();
      if (this.text[this.pos] === close) break;
      const keyword = kind === 'list' ? this.keywordKey() : undefined;
      if (keyword) {
        const value = this.value(depth + 1);
        items.push({ kind: 'pair', key: keyword.key, value, start: keyword.start, end: value.end });
      } else {
        items.push(this.value(depth + 1));
      }
      this.skip();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== close) this.fail(`expected "," or "${close}" in a ${kind}, found ${describe(this.text, this.pos)}`);
    }
    this.pos++;
    return { kind, items, start, end: this.pos };
  }
}

function describe(text: string, at: number): string {
  if (at >= text.length) return 'end of file';
  return JSON.stringify(text.slice(at, at + 1));
}
