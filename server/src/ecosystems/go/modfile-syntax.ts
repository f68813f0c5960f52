/**
 * The line syntax shared by go.mod and go.work (https://go.dev/ref/mod#go-mod-file-lexical):
 * whitespace-separated tokens, `//` comments, interpreted ("…") and raw (`…`) strings, and blocks
 * (`require (` … `)`) in which every line is one entry for the block's verb. Hand-written because
 * there is no maintained JavaScript go.mod parser that reports positions.
 */

export interface GoToken {
  /** The token's value: for quoted strings, the unquoted text. */
  text: string;
  /** Offsets of the token as written (quotes included). */
  start: number;
  end: number;
  quoted: boolean;
}

export interface GoComment {
  /** Text after `//`, trimmed. */
  text: string;
  start: number;
  end: number;
}

/** One directive: a single-line `verb args…` or one line inside a `verb ( … )` block. */
export interface GoDirective {
  verb: string;
  /** The verb token; for block entries, the block's verb token. */
  verbToken: GoToken;
  args: GoToken[];
  comment?: GoComment;
  /** Offsets of the line the directive is on, line break excluded. */
  lineStart: number;
  lineEnd: number;
  block?: GoBlock;
}

export interface GoBlock {
  verb: string;
  verbToken: GoToken;
  /** Offset of the `(` and of the closing `)`. */
  open: number;
  close: number;
  entries: GoDirective[];
}

export interface GoSyntaxError {
  message: string;
  start: number;
  end: number;
}

export interface GoModSyntax {
  directives: GoDirective[];
  blocks: GoBlock[];
  error?: GoSyntaxError;
}

interface RawLine {
  tokens: GoToken[];
  comment?: GoComment;
  start: number;
  end: number;
}

/** Splits go.mod / go.work text into directives; stops at the first syntax error. */
export function readModfileSyntax(text: string): GoModSyntax {
  const directives: GoDirective[] = [];
  const blocks: GoBlock[] = [];
  let open: GoBlock | undefined;

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const line = tokenizeLine(text, lineStart, contentEnd);
    if ('message' in line) return { directives, blocks, error: line };

    const tokens = line.tokens;
    if (open) {
      if (tokens.length === 1 && isPunct(tokens[0]!, ')')) {
        open.close = tokens[0]!.start;
        open = undefined;
      } else if (tokens.length > 0) {
        const paren = tokens.find((t) => isPunct(t, '(') || isPunct(t, ')'));
        if (paren) return { directives, blocks, error: { message: `unexpected "${paren.text}"`, start: paren.start, end: paren.end } };
        const entry: GoDirective = { verb: open.verb, verbToken: open.verbToken, args: tokens, lineStart, lineEnd: contentEnd, block: open };
        if (line.comment) entry.comment = line.comment;
        open.entries.push(entry);
        directives.push(entry);
      }
    } else if (tokens.length > 0) {
      const verb = tokens[0]!;
      if (verb.quoted || isPunct(verb, '(') || isPunct(verb, ')')) {
        return { directives, blocks, error: { message: `unexpected ${verb.quoted ? 'string' : `"${verb.text}"`}`, start: verb.start, end: verb.end } };
      }
      const last = tokens[tokens.length - 1]!;
      if (tokens.length === 2 && isPunct(last, '(')) {
        open = { verb: verb.text, verbToken: verb, open: last.start, close: -1, entries: [] };
        blocks.push(open);
      } else if (tokens.length === 3 && isPunct(tokens[1]!, '(') && isPunct(last, ')')) {
        blocks.push({ verb: verb.text, verbToken: verb, open: tokens[1]!.start, close: last.start, entries: [] });
      } else {
        const paren = tokens.find((t) => isPunct(t, '(') || isPunct(t, ')'));
        if (paren) return { directives, blocks, error: { message: `unexpected "${paren.text}"`, start: paren.start, end: paren.end } };
        const directive: GoDirective = { verb: verb.text, verbToken: verb, args: tokens.slice(1), lineStart, lineEnd: contentEnd };
        if (line.comment) directive.comment = line.comment;
        directives.push(directive);
      }
    }
    if (lineEnd === text.length) break;
    lineStart = lineEnd + 1;
  }
  if (open) {
    return { directives, blocks, error: { message: `missing ")" to close the ${open.verb} block opened here`, start: open.open, end: open.open + 1 } };
  }
  return { directives, blocks };
}

function isPunct(token: GoToken, char: '(' | ')'): boolean {
  return !token.quoted && token.text === char && token.end - token.start === 1;
}

function tokenizeLine(text: string, start: number, end: number): RawLine | GoSyntaxError {
  const tokens: GoToken[] = [];
  let comment: GoComment | undefined;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      comment = { text: text.slice(i + 2, end).trim(), start: i, end };
      break;
    }
    if (c === 40 || c === 41) {
      tokens.push({ text: text[i]!, start: i, end: i + 1, quoted: false });
      i++;
      continue;
    }
    if (c === 34 || c === 96) {
      const quoted = readQuoted(text, i, end);
      if ('message' in quoted) return quoted;
      tokens.push(quoted);
      i = quoted.end;
      continue;
    }
    let j = i;
    while (j < end) {
      const d = text.charCodeAt(j);
      if (d === 32 || d === 9 || d === 11 || d === 12 || d === 13 || d === 40 || d === 41 || d === 34 || d === 96) break;
      j++;
    }
    tokens.push({ text: text.slice(i, j), start: i, end: j, quoted: false });
    i = j;
  }
  const line: RawLine = { tokens, start, end };
  if (comment) line.comment = comment;
  return line;
}

function readQuoted(text: string, start: number, end: number): GoToken | GoSyntaxError {
  const quote = text[start]!;
  let i = start + 1;
  while (i < end) {
    const c = text[i]!;
    if (quote === '"' && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      const raw = text.slice(start, i + 1);
      return { text: quote === '`' ? raw.slice(1, -1) : unescapeInterpreted(raw), start, end: i + 1, quoted: true };
    }
    i++;
  }
  return { message: 'unterminated quoted string', start, end };
}

/** Go's interpreted string escapes are a superset of JSON's for what go.mod paths use. */
function unescapeInterpreted(raw: string): string {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'string') return value;
  } catch {
    // Escapes JSON lacks (\x41, \a): keep the text between the quotes.
  }
  return raw.slice(1, -1);
}
