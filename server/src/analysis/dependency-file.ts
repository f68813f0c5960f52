import { basename } from 'node:path';
import type { ParseResult } from '../core/package';
import { parserForFile, type ParserEntry } from '../ecosystems';
import type { ParseContext } from '../ecosystems/types';
import { LineIndex } from '../core/text-range';

/** A dependency file read and parsed, with the parser entry that read it. */
export interface DependencyFile {
  path: string;
  text: string;
  parser: ParserEntry;
  result: ParseResult;
}

/**
 * Parses one file with the parser registered for its name. A parser that throws is a bug in
 * Chainsight, not in the user's file; it still must not take the other files down, so it becomes
 * one error at the top of the file.
 */
export function parseDependencyFile(path: string, text: string, context?: ParseContext): DependencyFile | undefined {
  const parser = parserForFile(basename(path));
  if (!parser) return undefined;
  let result: ParseResult;
  try {
    result = parser.parse(path, text, context);
  } catch (err) {
    result = {
      kind: parser.kind.kind,
      packages: [],
      errors: [{ message: `could not read ${basename(path)}: internal error (${(err as Error).message})`, range: new LineIndex(text).range(0, 0), severity: 'error' }],
    };
  }
  return { path, text, parser, result };
}

/** A parse error that stopped extraction (as opposed to a warning such as a missing include). */
export function hasFatalError(file: DependencyFile): boolean {
  return file.result.errors.some((e) => e.severity !== 'warning');
}
