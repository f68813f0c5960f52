/** A 0-based position in a file: the same convention as LSP, but owned by the engine. */
export interface Position {
  line: number;
  character: number;
}

/** A 0-based half-open range in a file. */
export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of one range of a file's text. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Converts string offsets to line/character positions for one text, in O(log lines) per call. The
 * line starts are one typed array, counted before it is filled: a lockfile of millions of lines
 * would otherwise hold a growing array of boxed numbers several times that size.
 */
export class LineIndex {
  private readonly starts: Uint32Array | Float64Array;

  constructor(private readonly text: string) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    // Offsets past 2^32 (a text of 4 G characters) need the wider array.
    const starts = text.length < 0xffffffff ? new Uint32Array(lines) : new Float64Array(lines);
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
    this.starts = starts;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo]! };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(position: Position): number {
    const lineStart = this.starts[Math.min(Math.max(position.line, 0), this.starts.length - 1)] ?? 0;
    return Math.min(lineStart + Math.max(position.character, 0), this.text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

export function rangeContains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return rangeContains(a, b.start) || rangeContains(a, b.end) || rangeContains(b, a.start);
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
