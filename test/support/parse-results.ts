import type { ExtractedPackage, ParseResult } from '../../server/src/core/package';
import { LineIndex, type Range } from '../../server/src/core/text-range';

/** Reading a parse result in assertions. */

/** The text a range covers: what position tests compare with the token they expect. */
export function slice(text: string, range: Range | undefined): string | undefined {
  if (!range) return undefined;
  const index = new LineIndex(text);
  return text.slice(index.offset(range.start), index.offset(range.end));
}

export function byName(result: ParseResult, name: string): ExtractedPackage {
  const pkg = result.packages.find((p) => p.name === name);
  if (!pkg) throw new Error(`no package ${name} in ${result.packages.map((p) => p.name).join(', ')}`);
  return pkg;
}

/** The errors that stop extraction (warnings left out). */
export function errorsOnly(result: ParseResult) {
  return result.errors.filter((e) => (e.severity ?? 'error') === 'error');
}
