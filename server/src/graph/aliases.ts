import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';

export interface VulnNode {
  id: number;
  name: string;
  summary: string;
}

/**
 * The alias class of each vulnerability (every id linked to it by vulnEqual, transitively), as
 * shared sets: `classes.get(a) === classes.get(b)` when a and b name the same issue.
 */
export async function aliasClasses(s: SqlSession, d: SqlDialect, start: Iterable<number>): Promise<Map<number, Set<number>>> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = x; parent.get(node) !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  let frontier = [...new Set(start)];
  for (const id of frontier) parent.set(id, id);
  for (let round = 0; round < 16 && frontier.length > 0; round++) {
    const edges = [
      ...(await selectIn(s, d, (list) => `SELECT a, b FROM g_vuln_equal WHERE a IN (${list})`, frontier)),
      ...(await selectIn(s, d, (list) => `SELECT a, b FROM g_vuln_equal WHERE b IN (${list})`, frontier)),
    ];
    const next: number[] = [];
    for (const row of edges) {
      const a = int(row.a);
      const b = int(row.b);
      for (const id of [a, b]) {
        if (!parent.has(id)) {
          parent.set(id, id);
          next.push(id);
        }
      }
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra, rb);
    }
    frontier = next;
  }
  const byRoot = new Map<number, Set<number>>();
  const out = new Map<number, Set<number>>();
  for (const id of parent.keys()) {
    const root = find(id);
    const set = byRoot.get(root) ?? new Set<number>();
    set.add(id);
    byRoot.set(root, set);
    out.set(id, set);
  }
  return out;
}

export async function vulnNodes(s: SqlSession, d: SqlDialect, ids: Iterable<number>): Promise<Map<number, VulnNode>> {
  const rows = await selectIn(s, d, (list) => `SELECT id, name, summary FROM g_vuln WHERE id IN (${list})`, [...new Set(ids)]);
  return new Map(rows.map((r) => [int(r.id), { id: int(r.id), name: text(r.name), summary: text(r.summary) }]));
}

/** The name to show for a class: the one asked about when it is in the class, else GHSA/CVE first. */
export function preferredName(names: readonly string[], asked?: string): string {
  const wanted = asked?.trim().toUpperCase();
  const hit = wanted ? names.find((n) => n.toUpperCase() === wanted) : undefined;
  if (hit) return hit;
  const rank = (n: string) => (/^GHSA-/i.test(n) ? 0 : /^CVE-/i.test(n) ? 1 : 2);
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))[0] ?? asked ?? '';
}
