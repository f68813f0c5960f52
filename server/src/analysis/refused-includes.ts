import { dirname, relative, sep } from 'node:path';
import type { ParseError } from '../core/package';
import { LineIndex } from '../core/text-range';
import type { DependencyFile } from './dependency-file';
import type { Omission } from './omissions';

/**
 * A parser sees a refused include as a missing file, and says so where it can ("could not read the
 * requirements file …", at the `-r` line). This adds why it was not read to that warning, or, for
 * parsers that probe quietly (Cargo workspace roots, parent POMs), adds a warning of its own at the
 * place the file names the include (or at the top), so a refused read is never silent.
 */
export function withRefusedIncludes(file: DependencyFile, refused: readonly Omission[]): DependencyFile {
  if (refused.length === 0) return file;
  const errors: ParseError[] = [...file.result.errors];
  let lines: LineIndex | undefined;
  for (const omission of refused) {
    const spellings = spellingsOf(file.path, omission.path);
    // The absolute path is unambiguous; a short relative one is tried only when it is absent.
    const said = [...spellings].reverse().reduce((found, s) => (found !== -1 ? found : errors.findIndex((e) => e.message.includes(s))), -1);
    if (said !== -1) {
      errors[said] = { ...errors[said]!, message: `${errors[said]!.message}; not read: ${omission.detail}` };
      continue;
    }
    lines ??= new LineIndex(file.text);
    const at = firstOccurrence(file.text, spellings);
    errors.push({
      message: `did not read ${at?.spelling ?? omission.path}: ${omission.detail}; what it declares is not checked`,
      range: at ? lines.range(at.offset, at.offset + at.spelling.length) : lines.range(0, 0),
      severity: 'warning',
    });
  }
  return { ...file, result: { ...file.result, errors } };
}

/** How a file may name the include: relative to the including file (either separator), or absolute. */
function spellingsOf(from: string, included: string): string[] {
  const rel = relative(dirname(from), included);
  return [...new Set([rel.split(sep).join('/'), rel, included].filter((s) => s !== ''))];
}

function firstOccurrence(text: string, spellings: readonly string[]): { offset: number; spelling: string } | undefined {
  for (const spelling of spellings) {
    const offset = text.indexOf(spelling);
    if (offset !== -1) return { offset, spelling };
  }
  return undefined;
}
