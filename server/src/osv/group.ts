import type { OsvRecord } from './types';

/**
 * Groups records that describe the same issue: two records belong together when one's id or alias
 * is shared with the other's (GHSA ↔ CVE ↔ PYSEC ↔ GO ↔ RUSTSEC). Union-find over the ids, so
 * chains (A aliases B, B aliases C) join too.
 */
export function groupRecords(records: readonly OsvRecord[]): OsvRecord[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let cur = x; cur !== root; ) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const record of records) {
    add(record.id);
    for (const alias of aliasesOf(record)) {
      add(alias);
      union(record.id, alias);
    }
  }
  const groups = new Map<string, OsvRecord[]>();
  for (const record of records) {
    const root = find(record.id);
    const list = groups.get(root);
    if (list) {
      if (!list.some((r) => r.id === record.id)) list.push(record);
    } else groups.set(root, [record]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => idRank(a.id) - idRank(b.id) || a.id.localeCompare(b.id)));
}

export function aliasesOf(record: OsvRecord): string[] {
  return Array.isArray(record.aliases) ? record.aliases.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * Which id a group shows first: an ecosystem's own database id where one exists (GO, RUSTSEC), then
 * GitHub's (the richest severity data), then the rest; CVE ids come last because they say least
 * about the package.
 */
const ID_PREFERENCE = ['GO-', 'RUSTSEC-', 'GHSA-', 'PYSEC-', 'MAL-'];

function idRank(id: string): number {
  const i = ID_PREFERENCE.findIndex((p) => id.startsWith(p));
  if (i !== -1) return i;
  return id.startsWith('CVE-') ? ID_PREFERENCE.length + 1 : ID_PREFERENCE.length;
}

/** Every id a group is known by (records' ids and their aliases), the shown id first. */
export function groupIds(group: readonly OsvRecord[]): string[] {
  const ids = new Set<string>();
  for (const r of group) ids.add(r.id);
  for (const r of group) for (const a of aliasesOf(r)) ids.add(a);
  return [...ids].sort((a, b) => idRank(a) - idRank(b) || a.localeCompare(b));
}
