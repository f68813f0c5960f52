import type { Answer, DiffResult, PackageRef } from './answers';
import { compareText, packageRef } from './origins';
import { resolveProject, resolveSnapshot, snapshotView, type SnapshotPackage } from './snapshot-view';
import type { SqlDialect, SqlSession } from './sql/executor';

export interface DiffQuery {
  project: string;
  path?: string;
  /** The earlier snapshot's commit (a unique prefix will do). */
  from: string;
  /** The later snapshot's commit. */
  to: string;
}

/**
 * What changed between two snapshots of a project: packages added, removed and changed (by name,
 * every version of it compared), and open findings (after VEX) opened and closed.
 */
export async function diffQuery(s: SqlSession, d: SqlDialect, query: DiffQuery): Promise<Answer<DiffQuery, DiffResult>> {
  const project = await resolveProject(s, d, query.project, query.path);
  const from = await snapshotView(s, d, await resolveSnapshot(s, d, project, query.from));
  const to = await snapshotView(s, d, await resolveSnapshot(s, d, project, query.to));
  const before = byBase(from.packages);
  const after = byBase(to.packages);
  const added: PackageRef[] = [];
  const removed: PackageRef[] = [];
  const changed: DiffResult['changed'] = [];
  for (const [base, list] of after) {
    const old = before.get(base);
    if (!old) added.push(...list.map((p) => packageRef(p.purl, p.version)));
    else if (versions(old) !== versions(list)) changed.push({ name: packageRef(list[0]!.purl, '').name, purl: base, from: versions(old), to: versions(list) });
  }
  for (const [base, list] of before) if (!after.has(base)) removed.push(...list.map((p) => packageRef(p.purl, p.version)));
  const openBefore = new Map(from.findings.filter((f) => f.open).map((f) => [f.key, f]));
  const openAfter = new Map(to.findings.filter((f) => f.open).map((f) => [f.key, f]));
  const strip = <T extends { key: string }>({ key: _key, ...rest }: T) => rest;
  const when = (o: typeof from.origin) => ({ ...(o.commit ? { commit: o.commit } : {}), at: new Date(o.learnedAt).toISOString() });
  const result: DiffResult = {
    project: project.name,
    from: when(from.origin),
    to: when(to.origin),
    added: added.sort(byPurl),
    removed: removed.sort(byPurl),
    changed: changed.sort((a, b) => compareText(a.purl, b.purl)),
    opened: [...openAfter].filter(([key]) => !openBefore.has(key)).map(([, f]) => strip(f)),
    closed: [...openBefore].filter(([key]) => !openAfter.has(key)).map(([, f]) => strip(f)),
  };
  return { schemaVersion: 1, query, results: [result] };
}

function byBase(packages: readonly SnapshotPackage[]): Map<string, SnapshotPackage[]> {
  const out = new Map<string, SnapshotPackage[]>();
  for (const p of packages) out.set(p.base, [...(out.get(p.base) ?? []), p]);
  return out;
}

function versions(list: readonly SnapshotPackage[]): string {
  return [...new Set(list.map((p) => p.version || '(range)'))].sort().join(', ');
}

const byPurl = (a: PackageRef, b: PackageRef) => compareText(a.purl, b.purl);
