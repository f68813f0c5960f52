import { readFileSync } from 'node:fs';
import type { ParseContext } from '../../server/src/ecosystems/types';

/**
 * Parse contexts for parser tests (formats that include other files: parent POMs, `-r` includes,
 * workspace members, go.sum). Each records the paths asked for, so a test can check what a parser
 * listed in `inputs` against what it read.
 */

/** Reads real files, like the language server does; a missing file or a folder is undefined. */
export function diskContext(): ParseContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(path) {
      reads.push(path);
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** An in-memory folder: `{ '/w/a.txt': '...' }`, looked up with `/` separators. */
export function memoryContext(files: Record<string, string>): ParseContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(path) {
      reads.push(path);
      return files[path.replace(/\\/g, '/')];
    },
  };
}
