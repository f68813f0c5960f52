import type { ExtractedPackage } from '../../core/package';
import { normalizePypiName } from './names';
import { constraintSet, contains } from './version-constraints';

/** Hands out ids that stay unique within one file: `a`, then `a#2`, `a#3`, ... */
export class IdAllocator {
  private readonly seen = new Map<string, number>();

  next(base: string): string {
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  }
}

/** Packages of one lockfile by normalised name, for turning `name (constraint)` edges into ids. */
export class PackagesByName {
  private readonly byName = new Map<string, ExtractedPackage[]>();

  constructor(packages: readonly ExtractedPackage[]) {
    for (const pkg of packages) {
      const list = this.byName.get(pkg.name);
      if (list) list.push(pkg);
      else this.byName.set(pkg.name, [pkg]);
    }
  }

  /**
   * Ids of the packages an edge points at. When a lockfile holds several versions of one name (uv
   * forks, Poetry per-marker entries), the edge's exact version or constraint picks among them; when
   * neither decides, the edge goes to all of them, so no path is lost.
   */
  resolve(name: string, options: { version?: string; constraint?: string } = {}): string[] {
    const candidates = this.byName.get(name) ?? [];
    if (candidates.length <= 1) return candidates.map((p) => p.id);
    if (options.version) {
      const exact = candidates.filter((p) => p.version === options.version);
      if (exact.length) return exact.map((p) => p.id);
    }
    const set = options.constraint ? constraintSet(options.constraint) : undefined;
    if (set) {
      const admitted = candidates.filter((p) => p.version && contains(set, p.version));
      if (admitted.length) return admitted.map((p) => p.id);
    }
    return candidates.map((p) => p.id);
  }
}

/** An edge as a lockfile writes it: a name, and the exact version or constraint that picks among its versions. */
export interface PackageReference {
  name: string;
  version?: string;
  constraint?: string;
}

/**
 * Sets each package's dependencies to the ids its references resolve to: in the order written,
 * each once, and never the package itself.
 */
export function linkReferences<T>(entries: ReadonlyArray<{ pkg: ExtractedPackage; table: T }>, referencesOf: (table: T) => Iterable<PackageReference>): void {
  const byName = new PackagesByName(entries.map((e) => e.pkg));
  for (const { pkg, table } of entries) {
    const children = new Set<string>();
    for (const ref of referencesOf(table)) {
      for (const id of byName.resolve(normalizePypiName(ref.name), ref)) if (id !== pkg.id) children.add(id);
    }
    pkg.dependencies = [...children];
  }
}

/**
 * Groups of every package from the graph roots: a package reachable from a root's main
 * dependencies is in the default group (`[]`); otherwise it carries the groups (dev, optional, ...)
 * of the roots' dependency lists that reach it. Packages no root reaches keep the groups they have.
 */
export function propagateGroups(packages: ExtractedPackage[], roots: ReadonlyArray<{ ids: readonly string[]; group?: string }>): void {
  const byId = new Map(packages.map((p) => [p.id, p]));
  const main = reachable(byId, roots.filter((r) => !r.group).flatMap((r) => r.ids));
  const grouped = new Map<string, Set<string>>();
  for (const root of roots) {
    if (!root.group) continue;
    for (const id of reachable(byId, root.ids)) {
      if (main.has(id)) continue;
      let set = grouped.get(id);
      if (!set) grouped.set(id, (set = new Set()));
      set.add(root.group);
    }
  }
  for (const pkg of packages) {
    if (main.has(pkg.id)) pkg.groups = [];
    else if (grouped.has(pkg.id)) pkg.groups = [...grouped.get(pkg.id)!].sort();
  }
}

function reachable(byId: ReadonlyMap<string, ExtractedPackage>, start: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    for (const child of byId.get(id)!.dependencies ?? []) if (!seen.has(child)) stack.push(child);
  }
  return seen;
}

/** A 40-hex-digit commit, or undefined (branch and tag names are not commits). */
export function commitHash(text: string | undefined): string | undefined {
  return text && /^[0-9a-f]{40}$/i.test(text) ? text.toLowerCase() : undefined;
}

/** Folder of a workspace member relative to the lockfile, with '/' separators and '' for the root. */
export function memberPath(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return p === '.' ? '' : p;
}
