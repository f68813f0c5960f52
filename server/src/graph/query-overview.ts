import { findOrigins } from './origins';
import { snapshotFindings } from './snapshot-view';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';

export interface OverviewQuery {
  /** Projects read, in name order; the rest are counted. */
  limit: number;
  /** How many of them (those with the most open findings now) get every snapshot's open findings; the others their latest only. */
  historyFor: number;
}

export interface ProjectOverview {
  name: string;
  path: string;
  remote: string;
  /** Packages of the latest snapshot. */
  packages: number;
  /** Snapshots recorded. */
  snapshots: number;
  /** Open findings of the latest snapshot, after VEX. */
  open: number;
  latest: { commit?: string; at: string };
  /** Oldest first: every snapshot for the projects `historyFor` chose, else the latest alone. */
  history: Array<{ commit?: string; at: string; open: number }>;
}

/**
 * Every project's latest state in one read, for the editor's view and chart: what `project` gives,
 * without the package list and provenance coverage it does not need (on a store of 200 projects × 5
 * snapshots × 1,000 packages the full answers took seconds for 50 projects).
 */
export async function overviewQuery(s: SqlSession, d: SqlDialect, query: OverviewQuery): Promise<{ projects: ProjectOverview[]; omitted: number }> {
  const rows = await s.all(d.statement('SELECT id, name, path, remote, latest FROM g_project WHERE latest IS NOT NULL AND latest > 0 ORDER BY name'));
  const read = rows.slice(0, Math.max(0, query.limit));
  const projects: Array<ProjectOverview & { id: number; latestId: number }> = [];
  for (const row of read) {
    const [latest] = await findOrigins(s, d, 'o.id = ?', [int(row.latest)]);
    if (!latest) continue;
    const open = (await snapshotFindings(s, d, latest)).filter((f) => f.open).length;
    const [count] = await s.all(d.statement('SELECT count(DISTINCT pkg) AS n FROM g_dep WHERE origin = ?'), [latest.id]);
    const [snapshots] = await s.all(d.statement('SELECT count(*) AS n FROM g_origin WHERE project = ?'), [int(row.id)]);
    const point = { ...(latest.commit ? { commit: latest.commit } : {}), at: new Date(latest.learnedAt).toISOString() };
    projects.push({ id: int(row.id), latestId: latest.id, name: text(row.name), path: text(row.path), remote: text(row.remote), packages: int(count?.n), snapshots: int(snapshots?.n), open, latest: point, history: [{ ...point, open }] });
  }
  const charted = [...projects].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)).slice(0, Math.max(0, query.historyFor));
  for (const project of charted) {
    const history = [];
    for (const snapshot of (await findOrigins(s, d, 'o.project = ?', [project.id])).reverse()) {
      const open = snapshot.id === project.latestId ? project.open : (await snapshotFindings(s, d, snapshot)).filter((f) => f.open).length;
      history.push({ ...(snapshot.commit ? { commit: snapshot.commit } : {}), at: new Date(snapshot.learnedAt).toISOString(), open });
    }
    project.history = history;
  }
  return { projects: projects.map(({ id: _id, latestId: _latest, ...p }) => p), omitted: Math.max(0, rows.length - read.length) };
}
