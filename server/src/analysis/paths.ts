import type { ExtractedPackage } from '../core/package';

/**
 * Dependency paths in one lockfile's graph. Searching upwards from each vulnerable package (there
 * are few) is cheaper than searching down from every direct dependency (there are many, and the
 * graph has thousands of nodes): one reverse breadth-first search per vulnerable package gives, for
 * every ancestor, its next step on a shortest path down to it.
 */
export class DependencyGraph {
  private readonly byId = new Map<string, ExtractedPackage>();
  private readonly parents = new Map<string, string[]>();

  constructor(packages: readonly ExtractedPackage[]) {
    for (const pkg of packages) this.byId.set(pkg.id, pkg);
    for (const pkg of packages) {
      for (const child of pkg.dependencies ?? []) {
        const list = this.parents.get(child);
        if (list) list.push(pkg.id);
        else this.parents.set(child, [pkg.id]);
      }
    }
  }

  package(id: string): ExtractedPackage | undefined {
    return this.byId.get(id);
  }

  /**
   * For each root (a direct dependency id) that reaches `target`, one shortest path of ids from that
   * root down to the target (both included).
   */
  pathsTo(target: string, roots: readonly string[]): Map<string, string[]> {
    const next = new Map<string, string>([[target, target]]);
    const queue = [target];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i]!;
      for (const parent of this.parents.get(node) ?? []) {
        if (next.has(parent)) continue;
        next.set(parent, node);
        queue.push(parent);
      }
    }
    const out = new Map<string, string[]>();
    for (const root of roots) {
      if (!next.has(root)) continue;
      const path = [root];
      for (let cur = root; cur !== target; ) {
        cur = next.get(cur)!;
        path.push(cur);
      }
      out.set(root, path);
    }
    return out;
  }
}
