/**
 * The logical lines of a pip requirements file, built the way pip builds them: physical lines
 * ending in `\` are joined first (a comment line never continues), then `#` comments that start
 * the line or follow whitespace are cut. Each logical line keeps, per character, its offset in the
 * source, so every token can be pointed at even when it was split over continuation lines.
 */
export interface LogicalLine {
  /** The joined text with the comment removed (not trimmed). */
  text: string;
  /** `offsets[i]` is the source offset of `text[i]`. */
  offsets: number[];
  /** Source offset of the first physical line's start. */
  start: number;
  /** Source offset just past the last physical line's content (before its newline). */
  end: number;
}

const COMMENT_START = /^\s*#/;
const COMMENT = /(^|\s+)#/;

export function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let pending: { text: string; offsets: number[]; start: number } | undefined;
  let lineStart = 0;
  while (lineStart <= source.length) {
    let newline = source.indexOf('\n', lineStart);
    if (newline === -1) newline = source.length;
    const contentEnd = newline > lineStart && source[newline - 1] === '\r' ? newline - 1 : newline;
    const physical = source.slice(lineStart, contentEnd);
    const isComment = COMMENT_START.test(physical);
    if (!physical.endsWith('\\') || isComment) {
      let text = physical;
      let offsets = range(lineStart, physical.length);
      if (pending) {
        // pip prefixes a joined comment line with a space so that the comment is still cut later.
        text = pending.text + (isComment ? ' ' : '') + physical;
        offsets = [...pending.offsets, ...(isComment ? [lineStart] : []), ...offsets];
      }
      lines.push(finish(text, offsets, pending?.start ?? lineStart, contentEnd));
      pending = undefined;
    } else {
      // pip strips every leading and trailing backslash of a continued line.
      let from = 0;
      let to = physical.length;
      while (from < to && physical[from] === '\\') from++;
      while (to > from && physical[to - 1] === '\\') to--;
      const piece = physical.slice(from, to);
      const pieceOffsets = range(lineStart + from, piece.length);
      if (pending) {
        pending.text += piece;
        pending.offsets.push(...pieceOffsets);
      } else pending = { text: piece, offsets: pieceOffsets, start: lineStart };
      if (newline === source.length) lines.push(finish(pending.text, pending.offsets, pending.start, contentEnd));
    }
    lineStart = newline + 1;
  }
  return lines;
}

function finish(text: string, offsets: number[], start: number, end: number): LogicalLine {
  const comment = COMMENT.exec(text);
  const cut = comment ? comment.index : text.length;
  return { text: text.slice(0, cut), offsets: offsets.slice(0, cut), start, end };
}

function range(from: number, length: number): number[] {
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = from + i;
  return out;
}

/** Source offset of `line.text[index]`, or just past the previous character for an end index. */
export function sourceAt(line: LogicalLine, index: number): number {
  if (index < line.offsets.length) return line.offsets[index]!;
  return line.offsets.length ? line.offsets[line.offsets.length - 1]! + 1 : line.start;
}

/** Source offset just past `line.text[index - 1]`: the end of a token that ends at `index`. */
export function sourceEnd(line: LogicalLine, index: number): number {
  if (index <= 0) return line.offsets.length ? line.offsets[0]! : line.start;
  return line.offsets[Math.min(index, line.offsets.length) - 1]! + 1;
}

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated tokens with their indexes in the line text. */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
