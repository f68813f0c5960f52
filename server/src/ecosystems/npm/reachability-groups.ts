/**
 * Dependency groups that a lockfile does not record per package but implies through its graph: a
 * package is `dev` when only development roots reach it, `optional` when only optional edges do.
 * Used by the pnpm 9, bun and yarn readers (pnpm 5/6 record `dev`/`optional` on each package).
 */
export function reachableFrom(roots: Iterable<string>, children: (id: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const root of roots) {
    if (seen.has(root)) continue;
    seen.add(root);
    queue.push(root);
  }
  for (let i = 0; i < queue.length; i++) {
    for (const child of children(queue[i]!)) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return seen;
}

/**
 * Edges as the readers collect them: the children of each package in file order, without
 * duplicates, and which of them only an optional dependency asks for.
 */
export class EdgeSet {
  private readonly children = new Map<string, string[]>();
  private readonly optional = new Map<string, Set<string>>();

  add(from: string, to: string, optional: boolean): void {
    let list = this.children.get(from);
    if (!list) this.children.set(from, (list = []));
    if (list.includes(to)) {
      // Asked for both ways: required wins.
      if (!optional) this.optional.get(from)?.delete(to);
      return;
    }
    list.push(to);
    if (!optional) return;
    let set = this.optional.get(from);
    if (!set) this.optional.set(from, (set = new Set()));
    set.add(to);
  }

  /** Children of `from`: the array to store as the package's `dependencies`. */
  of(from: string): string[] {
    return this.children.get(from) ?? [];
  }

  required(from: string): readonly string[] {
    const list = this.of(from);
    const optional = this.optional.get(from);
    return optional?.size ? list.filter((to) => !optional.has(to)) : list;
  }

  get hasOptional(): boolean {
    for (const set of this.optional.values()) if (set.size) return true;
    return false;
  }
}

export interface GroupRoots {
  /** Roots of the production graph (dependencies, optional and peer dependencies of the projects). */
  prod: readonly string[];
  /** Roots of the development graph (devDependencies). */
  dev: readonly string[];
  /** Roots that are themselves optional (optionalDependencies of the projects). */
  optional?: readonly string[];
}

/** Adds `dev` and `optional` (or only the ones asked for) to the groups of packages only reached that way. */
export function addReachGroups(
  packages: ReadonlyArray<{ id: string; groups: string[] }>,
  edges: EdgeSet,
  roots: GroupRoots,
  which: { dev: boolean; optional: boolean } = { dev: true, optional: true },
): void {
  const all = (id: string) => edges.of(id);
  const prod = reachableFrom(roots.prod, all);
  const dev = which.dev && roots.dev.length ? reachableFrom(roots.dev, all) : new Set<string>();
  const optionalRoots = new Set(roots.optional ?? []);
  const needed = which.optional && (optionalRoots.size > 0 || edges.hasOptional) ? reachableFrom([...roots.prod, ...roots.dev].filter((id) => !optionalRoots.has(id)), (id) => edges.required(id)) : undefined;
  for (const pkg of packages) {
    if (which.dev && dev.has(pkg.id) && !prod.has(pkg.id) && !pkg.groups.includes('dev')) pkg.groups.push('dev');
    // Packages no root reaches at all (an orphaned cycle) stay ungrouped rather than guessed.
    if (needed && (prod.has(pkg.id) || dev.has(pkg.id)) && !needed.has(pkg.id) && !pkg.groups.includes('optional')) pkg.groups.push('optional');
  }
}
