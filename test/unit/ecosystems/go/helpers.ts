import { readFileSync } from 'node:fs';
import { LineIndex, type Range } from '../../../../server/src/core/text-range';
import type { ParseResult } from '../../../../server/src/core/package';
import type { ParseContext } from '../../../../server/src/ecosystems/types';

/** The text a range covers: what position tests compare with the token they expect. */
export function slice(text: string, range: Range | undefined): string | undefined {
  if (!range) return undefined;
  const index = new LineIndex(text);
  return text.slice(index.offset(range.start), index.offset(range.end));
}

/** A parse context over the fixture folders, recording every path asked for. */
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

/** A parse context over in-memory files. */
export function memoryContext(files: Record<string, string>): ParseContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(path) {
      reads.push(path);
      return files[path];
    },
  };
}

/** A path from an importer down to `id`, following `dependencies` edges breadth-first. */
export function pathTo(result: ParseResult, id: string): string[] | undefined {
  const byId = new Map(result.packages.map((p) => [p.id, p]));
  for (const importer of result.importers ?? []) {
    const queue: string[][] = importer.dependencies.map((d) => [d]);
    const seen = new Set<string>();
    while (queue.length) {
      const path = queue.shift()!;
      const last = path[path.length - 1]!;
      if (last === id) return [importer.name ?? importer.path, ...path];
      if (seen.has(last)) continue;
      seen.add(last);
      for (const child of byId.get(last)?.dependencies ?? []) queue.push([...path, child]);
    }
  }
  return undefined;
}
