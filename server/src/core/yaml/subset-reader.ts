import { IndentedLineReader } from '../indented-lines';
import type { YamlEntry, YamlMap, YamlSeq, YamlValue } from './tree';

/**
 * The fast path: a reader for the narrow, regular YAML that package managers write (block mappings
 * and sequences, plain and quoted scalars, one-line flow collections), about 10× faster than a
 * general parser with positions. Anything outside that subset makes it give up (undefined), and
 * the `yaml` library reads the text instead (see index.ts). Exported alone for equivalence tests.
 */
export function readYamlSubset(text: string): YamlValue[] | undefined {
  // Package managers indent and separate with spaces; YAML's rules for tabs are left to the library.
  if (text.includes('\t')) return undefined;
  try {
    return new SubsetReader(text).documents();
  } catch {
    return undefined;
  }
}

/** Thrown inside the reader when the text leaves the subset; never escapes this module. */
const OUTSIDE_SUBSET = new Error('outside the lockfile YAML subset');

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Characters that cannot start a plain scalar (YAML indicators), or that we leave to the library. */
const PLAIN_START_FORBIDDEN = new Set([...'&*!|>%@`#,[]{}'].map((c) => c.charCodeAt(0)));

class SubsetReader extends IndentedLineReader {
  /** The document marker the current line is, if it is one. */
  private marker: '---' | '...' | undefined;
  /** The first `#` at or after `hashFrom` (the text's length when there is none). */
  private hashFrom = Number.POSITIVE_INFINITY;
  private hashAt = -1;
  /** Where the last inline value ended (just past it). */
  private after = 0;
  /** End of the last scalar token's text (a quoted one's closing quote). */
  private tokenEnd = 0;

  documents(): YamlValue[] {
    const docs: YamlValue[] = [];
    // An explicit `---` opened a document that has no content yet.
    let open = false;
    while (this.peek()) {
      if (this.marker !== undefined) {
        if (open) docs.push(null);
        open = this.marker === '---';
        this.consume();
        continue;
      }
      docs.push(this.block(-1));
      open = false;
      if (this.peek() && this.marker === undefined) throw OUTSIDE_SUBSET;
    }
    if (open) docs.push(null);
    return docs;
  }

  /** Texts with tabs never get here (see readYamlSubset): YAML's rules for them are the library's. */
  protected tabIndented(): number {
    throw OUTSIDE_SUBSET;
  }

  /** A line at indentation 0 may be a directive (left to the library) or a document marker. */
  protected override contentLine(lineStart: number): void {
    const t = this.text;
    const i = this.content;
    const end = this.lineEnd;
    this.marker = undefined;
    if (i === lineStart) {
      const c = t.charCodeAt(i);
      if (c === 37 /* % directive */) throw OUTSIDE_SUBSET;
      if ((c === DASH || c === 46) && (t.startsWith('---', i) || t.startsWith('...', i)) && (i + 3 === end || t.charCodeAt(i + 3) === SPACE)) {
        if (this.afterSpaces(i + 3) !== end && t.charCodeAt(this.afterSpaces(i + 3)) !== HASH) throw OUTSIDE_SUBSET;
        this.marker = t.charCodeAt(i) === DASH ? '---' : '...';
      }
    }
  }

  private atItem(): boolean {
    const t = this.text;
    return t.charCodeAt(this.content) === DASH && (this.content + 1 === this.lineEnd || t.charCodeAt(this.content + 1) === SPACE);
  }

  private block(parentIndent: number): YamlValue {
    if (!this.peek() || this.marker !== undefined || this.indent <= parentIndent) return null;
    return this.atItem() ? this.sequence(this.indent) : this.mapping(this.indent);
  }

  private mapping(indent: number): YamlMap {
    const t = this.text;
    const entries: YamlEntry[] = [];
    let seen: Set<string> | undefined;
    while (this.peek() && this.marker === undefined && this.indent >= indent) {
      if (this.indent > indent || this.atItem()) throw OUTSIDE_SUBSET;
      const end = this.lineEnd;
      let key: string;
      let keyStart: number;
      let keyEnd: number;
      let p: number;
      const c = t.charCodeAt(this.content);
      if (c === DQUOTE || c === SQUOTE) {
        key = this.quoted(this.content, end);
        keyStart = this.content + 1;
        keyEnd = this.tokenEnd;
        p = this.afterSpaces(keyEnd + 1);
        if (t.charCodeAt(p) !== COLON || !this.isSeparator(p + 1, end, false)) throw OUTSIDE_SUBSET;
      } else {
        if (PLAIN_START_FORBIDDEN.has(c) || c === 63 /* ? */ || (c === COLON && this.isSeparator(this.content + 1, end, false))) throw OUTSIDE_SUBSET;
        keyStart = this.content;
        // The key ends at the first `: ` (or `:` at the end of the line); native searches, not a loop.
        p = t.indexOf(':', keyStart);
        while (p !== -1 && p < end && !this.isSeparator(p + 1, end, false)) p = t.indexOf(':', p + 1);
        if (p === -1 || p >= end || this.commentStart(keyStart, p) < p) throw OUTSIDE_SUBSET;
        keyEnd = p;
        while (keyEnd > keyStart && t.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
        key = t.slice(keyStart, keyEnd);
      }
      // p is at the ':'
      const valueStart = this.afterSpaces(p + 1);
      let value: YamlValue;
      if (valueStart === end || t.charCodeAt(valueStart) === HASH) {
        this.consume();
        value = this.nested(indent);
      } else {
        const node = this.inline(valueStart, end, false);
        this.expectLineEnd(this.after, end);
        this.consume();
        value = node;
        // A deeper line after a one-line value would be a multi-line scalar (or an error).
        if (this.peek() && this.marker === undefined && this.indent > indent) throw OUTSIDE_SUBSET;
      }
      seen = checkUnique(entries, key, seen);
      entries.push({ key, keyStart, keyEnd, value });
    }
    return { kind: 'map', entries };
  }

  /** The block value of `key:`; a sequence may sit at the key's own indentation. */
  private nested(indent: number): YamlValue {
    if (!this.peek() || this.marker !== undefined) return null;
    if (this.indent > indent) return this.block(indent);
    if (this.indent === indent && this.atItem()) return this.sequence(indent);
    return null;
  }

  private sequence(indent: number): YamlSeq {
    const items: YamlValue[] = [];
    while (this.peek() && this.marker === undefined && this.indent === indent && this.atItem()) {
      const end = this.lineEnd;
      const start = this.afterSpaces(this.content + 1);
      if (start === end || this.text.charCodeAt(start) === HASH) throw OUTSIDE_SUBSET;
      const node = this.inline(start, end, false);
      this.expectLineEnd(this.after, end);
      this.consume();
      if (this.peek() && this.marker === undefined && this.indent > indent) throw OUTSIDE_SUBSET;
      items.push(node);
    }
    if (this.peek() && this.marker === undefined && this.indent > indent) throw OUTSIDE_SUBSET;
    return { kind: 'seq', items };
  }

  /** One value on one line: a quoted or plain scalar or a flow collection. Sets `after` to where it ends. */
  private inline(p: number, end: number, flow: boolean): YamlValue {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const value = this.quoted(p, end);
      this.after = this.tokenEnd + 1;
      return { kind: 'scalar', value, start: p + 1, end: this.tokenEnd, quoted: true };
    }
    if (c === OPEN_BRACE) return this.flowMap(p, end);
    if (c === OPEN_BRACKET) return this.flowSeq(p, end);
    const stop = this.plain(p, end, flow);
    this.after = stop;
    return { kind: 'scalar', value: t.slice(p, this.tokenEnd), start: p, end: this.tokenEnd, quoted: false };
  }

  /** A plain scalar from `p`: returns where scanning stopped; `tokenEnd` is its end without trailing spaces. */
  private plain(p: number, end: number, flow: boolean): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (PLAIN_START_FORBIDDEN.has(c)) throw OUTSIDE_SUBSET;
    if ((c === DASH || c === 63 || c === COLON) && this.isSeparator(p + 1, end, flow)) throw OUTSIDE_SUBSET;
    let q = p;
    if (!flow) {
      // Block context: the scalar runs to a comment or the end of the line, and holds no `: `.
      q = this.commentStart(p, end);
      for (let colon = t.indexOf(':', p); colon !== -1 && colon < q; colon = t.indexOf(':', colon + 1)) {
        if (this.isSeparator(colon + 1, end, false)) throw OUTSIDE_SUBSET; // `a: b: c` is not a scalar
      }
    }
    // Flow context (inside `{}` / `[]`): short scalars, scanned to the next indicator.
    while (flow && q < end) {
      const ch = t.charCodeAt(q);
      if (ch === COLON && this.isSeparator(q + 1, end, true)) break;
      if (ch === HASH && q > p && t.charCodeAt(q - 1) === SPACE) break;
      if (ch === COMMA || ch === CLOSE_BRACE || ch === CLOSE_BRACKET) break;
      if (ch === OPEN_BRACE || ch === OPEN_BRACKET) throw OUTSIDE_SUBSET;
      q++;
    }
    let e = q;
    while (e > p && t.charCodeAt(e - 1) === SPACE) e--;
    if (e === p) throw OUTSIDE_SUBSET;
    this.tokenEnd = e;
    return q;
  }

  private flowMap(p: number, end: number): YamlMap {
    const t = this.text;
    const entries: YamlEntry[] = [];
    let seen: Set<string> | undefined;
    let q = this.afterSpaces(p + 1);
    if (t.charCodeAt(q) === CLOSE_BRACE) {
      this.after = q + 1;
      return { kind: 'map', entries, flow: true };
    }
    for (;;) {
      if (q >= end) throw OUTSIDE_SUBSET;
      let key: string;
      let keyStart: number;
      let keyEnd: number;
      const c = t.charCodeAt(q);
      if (c === DQUOTE || c === SQUOTE) {
        key = this.quoted(q, end);
        keyStart = q + 1;
        keyEnd = this.tokenEnd;
        q = this.afterSpaces(keyEnd + 1);
      } else {
        const stop = this.plain(q, end, true);
        keyStart = q;
        keyEnd = this.tokenEnd;
        key = t.slice(keyStart, keyEnd);
        q = stop;
      }
      if (t.charCodeAt(q) !== COLON) throw OUTSIDE_SUBSET;
      q = this.afterSpaces(q + 1);
      let value: YamlValue = null;
      const v = t.charCodeAt(q);
      if (v !== COMMA && v !== CLOSE_BRACE) {
        value = this.inline(q, end, true);
        q = this.afterSpaces(this.after);
      }
      seen = checkUnique(entries, key, seen);
      entries.push({ key, keyStart, keyEnd, value });
      const sep = t.charCodeAt(q);
      if (sep === CLOSE_BRACE) {
        this.after = q + 1;
        return { kind: 'map', entries, flow: true };
      }
      if (sep !== COMMA || q >= end) throw OUTSIDE_SUBSET;
      q = this.afterSpaces(q + 1);
    }
  }

  private flowSeq(p: number, end: number): YamlSeq {
    const t = this.text;
    const items: YamlValue[] = [];
    let q = this.afterSpaces(p + 1);
    if (t.charCodeAt(q) === CLOSE_BRACKET) {
      this.after = q + 1;
      return { kind: 'seq', items, flow: true };
    }
    for (;;) {
      if (q >= end) throw OUTSIDE_SUBSET;
      items.push(this.inline(q, end, true));
      q = this.afterSpaces(this.after);
      const sep = t.charCodeAt(q);
      if (sep === CLOSE_BRACKET) {
        this.after = q + 1;
        return { kind: 'seq', items, flow: true };
      }
      if (sep !== COMMA || q >= end) throw OUTSIDE_SUBSET;
      q = this.afterSpaces(q + 1);
    }
  }

  /**
   * The value of the quoted scalar at `p`, which must close on the same line; `tokenEnd` is set to
   * its closing quote. Escapes beyond JSON's are left to the library.
   */
  private quoted(p: number, end: number): string {
    const t = this.text;
    const quote = t.charCodeAt(p);
    let q = p + 1;
    let escaped = false;
    for (;;) {
      if (q >= end) throw OUTSIDE_SUBSET;
      const ch = t.charCodeAt(q);
      if (quote === DQUOTE && ch === BACKSLASH) {
        escaped = true;
        q += 2;
        continue;
      }
      if (ch === quote) {
        if (quote === SQUOTE && t.charCodeAt(q + 1) === SQUOTE) {
          escaped = true;
          q += 2;
          continue;
        }
        break;
      }
      q++;
    }
    this.tokenEnd = q;
    const raw = t.slice(p + 1, q);
    if (!escaped) return raw;
    if (quote === SQUOTE) return raw.replace(/''/g, "'");
    if (/\\[^"\\/bfnrtu]/.test(raw)) throw OUTSIDE_SUBSET;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      throw OUTSIDE_SUBSET;
    }
  }

  /** Where a comment (`#` after a space) starts in [p, end), or `end`. `#` is rare: one search serves many lines. */
  private commentStart(p: number, end: number): number {
    const t = this.text;
    for (;;) {
      if (this.hashFrom > p || this.hashAt < p) {
        this.hashFrom = p;
        this.hashAt = t.indexOf('#', p);
        if (this.hashAt === -1) this.hashAt = t.length;
      }
      const h = this.hashAt;
      if (h >= end) return end;
      if (h > 0 && t.charCodeAt(h - 1) === SPACE) return h;
      p = h + 1;
    }
  }

  private isSeparator(p: number, end: number, flow: boolean): boolean {
    if (p >= end) return true;
    const c = this.text.charCodeAt(p);
    return c === SPACE || (flow && (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET));
  }

  private expectLineEnd(p: number, end: number): void {
    const q = this.afterSpaces(p);
    // A comment needs a space before it.
    if (q < end && !(this.text.charCodeAt(q) === HASH && q > p)) throw OUTSIDE_SUBSET;
  }
}

/**
 * YAML forbids duplicate keys; lockfile maps are unique by construction, so this only pays off on
 * damaged files. Small maps (nearly all of them) are scanned without allocating; large ones get a
 * set, returned for the caller to pass back in.
 */
function checkUnique(entries: readonly YamlEntry[], key: string, seen: Set<string> | undefined): Set<string> | undefined {
  if (seen) {
    if (seen.has(key)) throw OUTSIDE_SUBSET;
    seen.add(key);
    return seen;
  }
  for (let i = 0; i < entries.length; i++) if (entries[i]!.key === key) throw OUTSIDE_SUBSET;
  if (entries.length < 15) return undefined;
  const set = new Set<string>();
  for (const entry of entries) set.add(entry.key);
  set.add(key);
  return set;
}
