import { LineIndex, type TextEdit } from './text-range';

/** Applies non-overlapping edits to a text (used by fix-all, the CLI and tests). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Number.POSITIVE_INFINITY;
  for (const e of sorted) {
    if (e.end > lastStart) continue; // overlapping: the later-starting edit already won
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

/** Offset-based edits (jsonc-parser's shape) → range-based edits. */
export function offsetEditsToTextEdits(text: string, edits: ReadonlyArray<{ offset: number; length: number; content: string }>): TextEdit[] {
  const index = new LineIndex(text);
  return edits.map((e) => ({ range: index.range(e.offset, e.offset + e.length), newText: e.content }));
}

/** The indentation and line ending a file already uses, so inserted text matches it. */
export function detectFormatting(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match) return { insertSpaces: true, tabSize: 2, eol };
  const indent = match[1]!;
  if (indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent.length, eol };
}
