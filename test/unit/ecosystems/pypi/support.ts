import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractedPackage, ParseResult } from '../../../../server/src/core/package';
import { LineIndex, type Range } from '../../../../server/src/core/text-range';
import type { ParseContext, TextEdit } from '../../../../server/src/ecosystems/types';

export const PYPI_FIXTURES = join(__dirname, '../../../fixtures/ecosystems/pypi');

export function fixture(...parts: string[]): { path: string; text: string } {
  const path = join(PYPI_FIXTURES, ...parts);
  return { path, text: readFileSync(path, 'utf8') };
}

/** A context that reads real files, like the language server does. */
export const diskContext: ParseContext = {
  readFile(path: string) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** A context over an in-memory folder: `{ '/w/a.txt': '...' }`. */
export function memoryContext(files: Record<string, string>): ParseContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(path: string) {
      reads.push(path);
      return files[path.replace(/\\/g, '/')];
    },
  };
}

export function slice(text: string, range: Range | undefined): string | undefined {
  if (!range) return undefined;
  const index = new LineIndex(text);
  return text.slice(index.offset(range.start), index.offset(range.end));
}

/** Applies non-overlapping edits (as an editor does) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function byName(result: ParseResult, name: string): ExtractedPackage {
  const pkg = result.packages.find((p) => p.name === name);
  if (!pkg) throw new Error(`no package ${name} in ${result.packages.map((p) => p.name).join(', ')}`);
  return pkg;
}

export function errorsOnly(result: ParseResult) {
  return result.errors.filter((e) => (e.severity ?? 'error') === 'error');
}
