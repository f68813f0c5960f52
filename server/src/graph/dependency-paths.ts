import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';

/** One package in one origin, with its parents there (0: the subject itself). */
export interface Instance {
  origin: number;
  pkg: number;
  parents: number[];
}

const MAX_DEPTH = 32;

/**
 * For each instance, one shortest chain of package ids from a direct dependency of its subject down
 * to the package, walking parent edges upwards one level at a time for all instances at once (one
 * statement per level and batch, not one per instance). Instances whose chain cannot be completed
 * (a cycle, or deeper than 32) get none.
 */
export async function shortestChains(s: SqlSession, d: SqlDialect, instances: readonly Instance[]): Promise<Map<Instance, number[]>> {
  const out = new Map<Instance, number[]>();
  type Walk = { instance: Instance; next: Map<number, number>; frontier: number[] };
  let walks: Walk[] = [];
  for (const instance of instances) {
    if (instance.parents.includes(0)) {
      out.set(instance, [instance.pkg]);
      continue;
    }
    const next = new Map<number, number>([[instance.pkg, instance.pkg]]);
    for (const parent of instance.parents) if (!next.has(parent)) next.set(parent, instance.pkg);
    walks.push({ instance, next, frontier: instance.parents.filter((p) => p !== instance.pkg) });
  }
  for (let depth = 0; depth < MAX_DEPTH && walks.length > 0; depth++) {
    const parentsOf = await parentRows(s, d, walks.flatMap((w) => w.frontier.map((pkg) => [w.instance.origin, pkg] as const)));
    const remaining: Walk[] = [];
    for (const walk of walks) {
      const frontier: number[] = [];
      let found: number | undefined;
      for (const node of walk.frontier) {
        const parents = parentsOf.get(`${walk.instance.origin}:${node}`) ?? [];
        if (parents.includes(0)) {
          found = node;
          break;
        }
        for (const parent of parents) {
          if (walk.next.has(parent)) continue;
          walk.next.set(parent, node);
          frontier.push(parent);
        }
      }
      if (found !== undefined) out.set(walk.instance, chainFrom(found, walk.next, walk.instance.pkg));
      else if (frontier.length > 0) remaining.push({ ...walk, frontier });
    }
    walks = remaining;
  }
  return out;
}

function chainFrom(start: number, next: Map<number, number>, target: number): number[] {
  const chain = [start];
  for (let node = start; node !== target && chain.length <= MAX_DEPTH + 1; ) {
    node = next.get(node)!;
    chain.push(node);
  }
  return chain;
}

/** Parents of (origin, pkg) pairs: one statement per batch of origins × packages, filtered here. */
async function parentRows(s: SqlSession, d: SqlDialect, pairs: ReadonlyArray<readonly [number, number]>): Promise<Map<string, number[]>> {
  const wanted = new Set(pairs.map(([o, p]) => `${o}:${p}`));
  const byOrigin = new Map<number, Set<number>>();
  for (const [origin, pkg] of pairs) byOrigin.set(origin, (byOrigin.get(origin) ?? new Set()).add(pkg));
  const packages = [...new Set(pairs.map(([, p]) => p))];
  const origins = [...byOrigin.keys()];
  const out = new Map<string, number[]>();
  for (let i = 0; i < origins.length; i += 250) {
    const originPart = origins.slice(i, i + 250);
    const rows = await selectIn(s, d, (list) => `SELECT origin, pkg, parent FROM g_dep WHERE pkg IN (${list}) AND origin IN (${originPart.map(() => '?').join(',')})`, packages, originPart);
    for (const row of rows) {
      const key = `${int(row.origin)}:${int(row.pkg)}`;
      if (!wanted.has(key)) continue;
      const list = out.get(key) ?? [];
      list.push(int(row.parent));
      out.set(key, list);
    }
  }
  return out;
}

/** Purls of package ids, for naming chains. */
export async function purlsOf(s: SqlSession, d: SqlDialect, ids: Iterable<number>): Promise<Map<number, { purl: string; version: string }>> {
  const rows = await selectIn(s, d, (list) => `SELECT id, purl, version FROM g_package WHERE id IN (${list})`, [...new Set(ids)]);
  return new Map(rows.map((r) => [int(r.id), { purl: text(r.purl), version: text(r.version) }]));
}
