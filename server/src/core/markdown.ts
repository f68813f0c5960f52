import { safeMultilineText, withoutBidiControls } from './terminal-text';

/**
 * Escaping for text we did not write (advisory summaries, package metadata, file contents) before it
 * enters Markdown (CommonMark with GitHub's extensions, as VS Code, GitHub and markdown-it read it).
 *
 * Only what would become markup is escaped, because some editors show hover Markdown as it is
 * (Neovim 0.7 prints `2\.2\.0` and `&gt;` literally): versions, advisory ids, `a > b` paths and
 * `>=1.0.0, <2.0.0` ranges come out unchanged. What stays neutralised: links and images, raw HTML,
 * `<…>` autolinks and bare `http://` / `www.` links, emphasis and strikethrough, code spans,
 * entities, theme icons, and every construct that only counts at the start of a line (headings,
 * quotes, lists, thematic breaks, setext underlines, fences, table delimiter rows, link reference
 * definitions, indented code). GitHub-style e-mail autolinks (`name@1.2.3`) are left alone: their
 * target is their visible text and they can only open a mail client.
 *
 * The escaped text may sit anywhere in a template (inside `**…**`, before `(`), so characters at
 * its edges are escaped as if anything could be next to them.
 */
export function escapeMarkdown(text: string): string {
  return escape(safeMultilineText(text), true);
}

/** Escapes one line of text placed at the start of a line (a list item, a paragraph). */
export function escapeLine(text: string): string {
  return escape(oneLine(text), true);
}

/**
 * Escapes one line of text placed after other text on the same line (`Fixed in: …`, `**…**`), where
 * `>=1.0.0` or `# 3` cannot start a quote or a heading.
 */
export function escapeInline(text: string): string {
  return escape(oneLine(text), false);
}

/** Escapes for a cell of a GitHub table, where `|` ends the cell. */
export function escapeTableCell(text: string): string {
  return inTableCell(escapeInline(text));
}

/** Markdown we built (a link, escaped text) made fit for a table cell: GitHub splits cells at any unescaped `|`. */
export function inTableCell(markdown: string): string {
  return escapeAlso(markdown, /\|/);
}

/**
 * Text as an inline code span, on one line: fenced with more backticks than any run inside (code
 * spans have no escapes), and without control or bidirectional characters.
 */
export function codeSpan(text: string): string {
  const code = oneLine(text);
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/** Escapes more characters in already escaped text, leaving its escape pairs whole. */
function escapeAlso(escaped: string, chars: RegExp): string {
  return escaped.replace(/\\[\s\S]|[\s\S]/g, (m) => (m.length === 1 && chars.test(m) ? `\\${m}` : m));
}

function oneLine(text: string): string {
  return safeMultilineText(text).replace(/\s+/g, ' ').trim();
}

function escape(t: string, startsLine: boolean): string {
  let out = '';
  let lineStart = startsLine;
  for (let i = 0; i < t.length; ) {
    const c = t[i]!;
    if (c === '\n') {
      out += c;
      lineStart = true;
      i++;
      continue;
    }
    if (lineStart) {
      // Indentation is dropped: four spaces would start a code block, and Markdown ignores the rest.
      if (c === ' ' || c === '\t') {
        i++;
        continue;
      }
      lineStart = false;
      const escaped = escapeLineStart(t, i);
      if (escaped) {
        out += escaped.text;
        i += escaped.length;
        continue;
      }
    }
    const run = delimiterRun(t, i);
    if (run) {
      out += run.escape ? t.slice(i, i + run.length).replace(/./g, '\\$&') : t.slice(i, i + run.length);
      i += run.length;
      continue;
    }
    out += escapeInlineChar(t, i);
    i++;
  }
  return out;
}

/**
 * A link to a URL we accept only when it is http(s); anything else (command:, javascript:, file:) is
 * shown as text. Characters that would end the Markdown link are percent-encoded.
 */
export function markdownLink(label: string, url: string): string {
  const safe = safeHttpUrl(url);
  if (!safe) return escapeInline(label);
  const text = escapeAlso(escapeInline(label), /[[\]]/);
  return `[${text}](${safe.replace(/[()<> \\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

export function safeHttpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.toString();
}

/** Escapes text for HTML element content and attribute values (webviews). */
export function escapeHtml(text: string): string {
  return withoutBidiControls(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---- the rules -------------------------------------------------------------------------------------

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
const AUTOLINK_SCHEME = /(?:https?|ftp)$/i;

/** A construct the first character of a line starts, escaped; undefined when the line is plain. */
function escapeLineStart(t: string, i: number): { text: string; length: number } | undefined {
  const end = t.indexOf('\n', i);
  const line = t.slice(i, end === -1 ? t.length : end);
  const c = line[0]!;
  const list = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line);
  if (list) return { text: `${list[0].slice(0, -1)}\\${list[0].slice(-1)}`, length: list[0].length };
  const breaks =
    c === '>' ||
    c === '[' ||
    (c === '#' && /^#{1,6}(?:[ \t]|$)/.test(line)) ||
    ('-+*'.includes(c) && /^.(?:[ \t]|$)/.test(line)) ||
    ('-_*'.includes(c) && /^[-_* \t]*$/.test(line)) ||
    (c === '=' && /^=+[ \t]*$/.test(line)) ||
    ('|:-'.includes(c) && /^[-|: \t]*$/.test(line)) ||
    (c === '~' && line.startsWith('~~~'));
  return breaks ? { text: `\\${c}`, length: 1 } : undefined;
}

/**
 * A run of `*`, `_` or `~` and whether it must be escaped because it could open or close emphasis
 * (CommonMark's flanking rules; strikethrough follows the same ones). A run that touches the edge of
 * the text is always escaped, since what the template puts next to it decides.
 */
function delimiterRun(t: string, i: number): { length: number; escape: boolean } | undefined {
  const c = t[i]!;
  if (c !== '*' && c !== '_' && c !== '~') return undefined;
  let j = i;
  while (t[j] === c) j++;
  const length = j - i;
  if (i === 0 || j === t.length) return { length, escape: true };
  const before = t[i - 1]!;
  const after = t[j]!;
  const left = flanking(after, before);
  const right = flanking(before, after);
  if (c === '_') {
    // Inside a word (`snake_case`) an underscore neither opens nor closes.
    const canOpen = left && (!right || isPunctuation(before));
    const canClose = right && (!left || isPunctuation(after));
    return { length, escape: canOpen || canClose };
  }
  // Templates never write `~`, so a strikethrough needs a closer from untrusted text: escaping every
  // run that could close is enough, and `~> 6.1.7` keeps its tilde.
  if (c === '~') return { length, escape: right };
  return { length, escape: left || right };
}

/** Left-flanking when called as (next, previous), right-flanking as (previous, next). */
function flanking(inner: string, outer: string): boolean {
  if (isWhitespace(inner)) return false;
  return !isPunctuation(inner) || isWhitespace(outer) || isPunctuation(outer);
}

function escapeInlineChar(t: string, i: number): string {
  const c = t[i]!;
  const next = t[i + 1];
  switch (c) {
    case '\\':
      return next === undefined || next === '\n' || ASCII_PUNCTUATION.test(next) ? '\\\\' : c;
    case '`':
      return '\\`';
    case '<':
      // HTML tags, comments, declarations and `<scheme:…>` autolinks all start with one of these.
      return next === undefined || /[A-Za-z/!?]/.test(next) ? '&lt;' : c;
    case '&':
      return ENTITY.test(t.slice(i, i + 40)) ? '&amp;' : c;
    case ']':
      return next === undefined || next === '(' || next === '[' ? '\\]' : c;
    case '$':
      return next === '(' ? '\\$' : c;
    case ':':
      return t.startsWith('//', i + 1) && AUTOLINK_SCHEME.test(t.slice(Math.max(0, i - 6), i)) ? '\\:' : c;
    case '.':
      return /www$/i.test(t.slice(Math.max(0, i - 3), i)) ? '\\.' : c;
    default:
      return c;
  }
}

function isWhitespace(c: string): boolean {
  return /\s/.test(c);
}

function isPunctuation(c: string): boolean {
  return /[\p{P}\p{S}]/u.test(c);
}
