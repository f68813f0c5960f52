/**
 * Tokens of the Ruby a Gemfile is written in, enough to read `gem` / `group` / `source` calls and
 * to keep `do ... end` blocks balanced. Not a Ruby parser: what it does not know becomes an
 * `other` token and is stepped over. The one hard error is an unterminated string, which makes
 * the rest of the file unreadable (Ruby and Bundler reject the file too).
 */
export type TokenKind = 'string' | 'symbol' | 'label' | 'ident' | 'punct' | 'newline' | 'other';

export interface Token {
  kind: TokenKind;
  /** Identifier or punctuation text; the value of a string or symbol (without quotes / colon). */
  text: string;
  start: number;
  end: number;
  /** For strings: offsets of the content between the quotes. */
  contentStart?: number;
  contentEnd?: number;
  /** A double-quoted string with `#{...}`: its value is not known without running Ruby. */
  dynamic?: boolean;
  /** The quote character a string was written with. */
  quote?: string;
}

export interface LexResult {
  tokens: Token[];
  error?: { message: string; offset: number };
}

const PUNCT = ['=>', '::', '&&', '||', '**', '==', '!=', '->', '(', ')', '[', ']', '{', '}', ',', '|', '=', ';', '.', '&', '*', '+', '-', '<', '>', '!', '?', ':'];
/** Punctuation by first character, longest first, so each character tries only its own candidates. */
const PUNCT_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCT) PUNCT_BY_FIRST.set(p[0]!, [...(PUNCT_BY_FIRST.get(p[0]!) ?? []), p]);
const PERCENT_CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

export function lexRuby(text: string): LexResult {
  const tokens: Token[] = [];
  const heredocs: string[] = [];
  const n = text.length;
  let i = text.startsWith('=begin') ? skipEmbeddedDocument(text, 0) : 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      i++;
      if (heredocs.length) i = skipHeredocBodies(text, i, heredocs.splice(0));
      if (text.startsWith('=begin', i)) i = skipEmbeddedDocument(text, i);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || text.startsWith('\r\n', i + 1))) {
      i += text[i + 1] === '\n' ? 2 : 3; // line continuation
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const token = readString(text, i, c);
      if (!token) return { tokens, error: { message: 'unterminated string', offset: i } };
      tokens.push(token);
      i = token.end;
      continue;
    }
    if (c === ':' && (text[i + 1] === '"' || text[i + 1] === "'")) {
      const token = readString(text, i + 1, text[i + 1]!);
      if (!token) return { tokens, error: { message: 'unterminated symbol', offset: i } };
      tokens.push({ ...token, kind: 'symbol', start: i });
      i = token.end;
      continue;
    }
    if (c === ':' && isIdentStart(text[i + 1])) {
      const end = identEnd(text, i + 1);
      tokens.push({ kind: 'symbol', text: text.slice(i + 1, end), start: i, end });
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      const end = identEnd(text, i);
      // `name:` (but not `name::`) is a keyword-argument label.
      if (text[end] === ':' && text[end + 1] !== ':') {
        tokens.push({ kind: 'label', text: text.slice(i, end), start: i, end: end + 1 });
        i = end + 1;
      } else {
        tokens.push({ kind: 'ident', text: text.slice(i, end), start: i, end });
        i = end;
      }
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const heredoc = /^<<[~-]?(["'`]?)([A-Za-z_]\w*)\1/.exec(text.slice(i, i + 80));
      if (heredoc) {
        heredocs.push(heredoc[2]!);
        tokens.push({ kind: 'other', text: heredoc[0], start: i, end: i + heredoc[0].length });
        i += heredoc[0].length;
        continue;
      }
    }
    if (c === '%') {
      const literal = /^%[qQwWiI]?([([{<|!/^])/.exec(text.slice(i, i + 3));
      if (literal) {
        const open = literal[1]!;
        const end = closingDelimiter(text, i + literal[0].length, open, PERCENT_CLOSERS[open] ?? open);
        if (end === -1) return { tokens, error: { message: 'unterminated percent literal', offset: i } };
        tokens.push({ kind: 'other', text: text.slice(i, end), start: i, end });
        i = end;
        continue;
      }
    }
    const punct = PUNCT_BY_FIRST.get(c)?.find((p) => text.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, start: i, end: i + punct.length });
      i += punct.length;
      continue;
    }
    tokens.push({ kind: 'other', text: c, start: i, end: i + 1 });
    i++;
  }
  return { tokens };
}

function readString(text: string, start: number, quote: string): Token | undefined {
  let value = '';
  let dynamic = false;
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) {
      return { kind: 'string', text: value, start, end: i + 1, contentStart: start + 1, contentEnd: i, dynamic, quote };
    }
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      value += quote === "'" && next !== "'" && next !== '\\' ? `\\${next}` : next;
      i += 2;
      continue;
    }
    if (quote === '"' && c === '#' && text[i + 1] === '{') {
      dynamic = true;
      const end = closingDelimiter(text, i + 2, '{', '}');
      if (end === -1) return undefined;
      value += text.slice(i, end);
      i = end;
      continue;
    }
    value += c;
    i++;
  }
  return undefined;
}

/** Offset just past the delimiter that closes one opened before `from` (nesting counted). */
function closingDelimiter(text: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === close && --depth === 0) return i + 1;
    if (c === open && open !== close) depth++;
  }
  return -1;
}

function skipHeredocBodies(text: string, from: number, terminators: string[]): number {
  let i = from;
  for (const terminator of terminators) {
    while (i < text.length) {
      let end = text.indexOf('\n', i);
      if (end === -1) end = text.length;
      const line = text.slice(i, end).trim();
      i = end + 1;
      if (line === terminator) break;
    }
  }
  return Math.min(i, text.length);
}

function skipEmbeddedDocument(text: string, from: number): number {
  const end = text.indexOf('\n=end', from);
  if (end === -1) return text.length;
  const lineEnd = text.indexOf('\n', end + 1);
  return lineEnd === -1 ? text.length : lineEnd;
}

function isIdentStart(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 64 || code === 36;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function identEnd(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  if (text[i] === '?' || text[i] === '!') {
    // `require?` style method names; not `a ? b : c` with spaces (the space stops us first).
    if (text[i + 1] !== '=' ) i++;
  }
  return i;
}
