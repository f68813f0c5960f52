import type { ExtractedPackage, ParseResult } from '../../server/src/core/package';

/** Paths through a parse result's dependency edges, for tests that check the graph a parser built. */

/** The shortest path of ids from one of `starts` down to `target`, following `dependencies` breadth-first. */
export function shortestPath(packages: readonly ExtractedPackage[], starts: readonly string[], target: string): string[] | undefined {
  const byId = new Map(packages.map((p) => [p.id, p]));
  const queue: string[][] = starts.map((id) => [id]);
  const seen = new Set<string>();
  while (queue.length) {
    const path = queue.shift()!;
    const id = path[path.length - 1]!;
    if (id === target) return path;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of byId.get(id)?.dependencies ?? []) queue.push([...path, child]);
  }
  return undefined;
}

/** From the first importer that reaches `id`: the importer's name (or path), then the ids. */
export function pathFromImporter(result: ParseResult, id: string): string[] | undefined {
  for (const importer of result.importers ?? []) {
    const path = shortestPath(result.packages, importer.dependencies, id);
    if (path) return [importer.name ?? importer.path, ...path];
  }
  return undefined;
}

/** From any direct package, for formats that mark direct packages but record no importers. */
export function pathFromDirect(packages: readonly ExtractedPackage[], target: string): string[] | undefined {
  return shortestPath(
    packages,
    packages.filter((p) => p.direct).map((p) => p.id),
    target,
  );
}

/** From one package to another. */
export function pathFrom(packages: readonly ExtractedPackage[], from: string, to: string): string[] | undefined {
  return shortestPath(packages, [from], to);
}
