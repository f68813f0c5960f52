import { FACT_TABLES } from './schema';
import { int, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';

/** Nodes an origin referenced: removed afterwards if nothing references them any more. */
export interface NodeCandidates {
  packages: Set<number>;
  artifacts: Set<number>;
  sources: Set<number>;
  builders: Set<number>;
  vulns: Set<number>;
}

export function noCandidates(): NodeCandidates {
  return { packages: new Set(), artifacts: new Set(), sources: new Set(), builders: new Set(), vulns: new Set() };
}

/** Which candidate set each referencing column feeds, per table. */
const REFERENCES: Array<{ sql: (ids: string) => string; into: keyof NodeCandidates }> = [
  { sql: (ids) => `SELECT DISTINCT pkg AS id FROM g_dep WHERE origin IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT pkg AS id FROM g_occurrence WHERE origin IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT artifact AS id FROM g_occurrence WHERE origin IN (${ids})`, into: 'artifacts' },
  { sql: (ids) => `SELECT DISTINCT src AS id FROM g_occurrence WHERE origin IN (${ids})`, into: 'sources' },
  { sql: (ids) => `SELECT DISTINCT pkg AS id FROM g_source_at WHERE origin IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT src AS id FROM g_source_at WHERE origin IN (${ids})`, into: 'sources' },
  { sql: (ids) => `SELECT DISTINCT pkg AS id FROM g_cert_vuln WHERE origin IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT vuln AS id FROM g_cert_vuln WHERE origin IN (${ids})`, into: 'vulns' },
  { sql: (ids) => `SELECT DISTINCT a AS id FROM g_vuln_equal WHERE origin IN (${ids})`, into: 'vulns' },
  { sql: (ids) => `SELECT DISTINCT b AS id FROM g_vuln_equal WHERE origin IN (${ids})`, into: 'vulns' },
  { sql: (ids) => `SELECT DISTINCT pkg AS id FROM g_meta WHERE origin IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT artifact AS id FROM g_slsa WHERE origin IN (${ids})`, into: 'artifacts' },
  { sql: (ids) => `SELECT DISTINCT builder AS id FROM g_slsa WHERE origin IN (${ids})`, into: 'builders' },
  { sql: (ids) => `SELECT DISTINCT source AS id FROM g_slsa WHERE origin IN (${ids})`, into: 'sources' },
  { sql: (ids) => `SELECT DISTINCT m.artifact AS id FROM g_slsa_material m JOIN g_slsa s ON s.id = m.slsa WHERE s.origin IN (${ids})`, into: 'artifacts' },
  { sql: (ids) => `SELECT DISTINCT vuln AS id FROM g_vex WHERE origin IN (${ids})`, into: 'vulns' },
  { sql: (ids) => `SELECT DISTINCT c.product_pkg AS id FROM g_vex_scope c JOIN g_vex v ON v.id = c.vex WHERE v.origin IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT c.sub_pkg AS id FROM g_vex_scope c JOIN g_vex v ON v.id = c.vex WHERE v.origin IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT c.product_artifact AS id FROM g_vex_scope c JOIN g_vex v ON v.id = c.vex WHERE v.origin IN (${ids})`, into: 'artifacts' },
  { sql: (ids) => `SELECT DISTINCT c.sub_artifact AS id FROM g_vex_scope c JOIN g_vex v ON v.id = c.vex WHERE v.origin IN (${ids})`, into: 'artifacts' },
  { sql: (ids) => `SELECT DISTINCT subject_pkg AS id FROM g_origin WHERE id IN (${ids})`, into: 'packages' },
  { sql: (ids) => `SELECT DISTINCT subject_artifact AS id FROM g_origin WHERE id IN (${ids})`, into: 'artifacts' },
];

/**
 * Deletes origins and every fact they taught, inside the caller's transaction; projects whose latest
 * snapshot went point at their newest remaining one. The nodes they referenced are added to
 * `candidates` for collectGarbage, which runs in a transaction of its own (see graph-store.ts).
 */
export async function removeOrigins(s: SqlSession, d: SqlDialect, origins: readonly number[], candidates: NodeCandidates): Promise<void> {
  if (origins.length === 0) return;
  for (const ref of REFERENCES) {
    for (const row of await selectIn(s, d, ref.sql, origins)) {
      const id = int(row.id);
      if (id > 0) candidates[ref.into].add(id);
    }
  }
  await selectIn(s, d, (ids) => `DELETE FROM g_slsa_material WHERE slsa IN (SELECT id FROM g_slsa WHERE origin IN (${ids}))`, origins);
  await selectIn(s, d, (ids) => `DELETE FROM g_vex_scope WHERE vex IN (SELECT id FROM g_vex WHERE origin IN (${ids}))`, origins);
  for (const table of [...FACT_TABLES, 'g_slsa', 'g_vex']) await selectIn(s, d, (ids) => `DELETE FROM ${table} WHERE origin IN (${ids})`, origins);
  const projects = await selectIn(s, d, (ids) => `SELECT DISTINCT project FROM g_origin WHERE id IN (${ids}) AND project IS NOT NULL`, origins);
  await selectIn(s, d, (ids) => `DELETE FROM g_origin WHERE id IN (${ids})`, origins);
  for (const row of projects) await refreshLatest(s, d, int(row.project));
}

/** Points the project at its most recently recorded snapshot (0 when none is left). */
export async function refreshLatest(s: SqlSession, d: SqlDialect, project: number): Promise<void> {
  const [row] = await s.all(d.statement('SELECT id FROM g_origin WHERE project = ? ORDER BY learned_at DESC, id DESC LIMIT 1'), [project]);
  await s.run(d.statement('UPDATE g_project SET latest = ? WHERE id = ?'), [row ? int(row.id) : 0, project]);
}

/** What still references a node, per node table: a node with none of these is garbage. */
const STILL_USED: Record<keyof NodeCandidates, { table: string; uses: string[] }> = {
  packages: {
    table: 'g_package',
    uses: ['g_dep WHERE pkg = n.id', 'g_occurrence WHERE pkg = n.id', 'g_source_at WHERE pkg = n.id', 'g_cert_vuln WHERE pkg = n.id', 'g_meta WHERE pkg = n.id', 'g_vex_scope WHERE product_pkg = n.id', 'g_vex_scope WHERE sub_pkg = n.id', 'g_origin WHERE subject_pkg = n.id'],
  },
  artifacts: {
    table: 'g_artifact',
    uses: ['g_occurrence WHERE artifact = n.id', 'g_slsa WHERE artifact = n.id', 'g_slsa_material WHERE artifact = n.id', 'g_vex_scope WHERE product_artifact = n.id', 'g_vex_scope WHERE sub_artifact = n.id', 'g_origin WHERE subject_artifact = n.id'],
  },
  sources: { table: 'g_source', uses: ['g_occurrence WHERE src = n.id AND src <> 0', 'g_source_at WHERE src = n.id', 'g_slsa WHERE source = n.id'] },
  builders: { table: 'g_builder', uses: ['g_slsa WHERE builder = n.id'] },
  vulns: { table: 'g_vuln', uses: ['g_cert_vuln WHERE vuln = n.id', 'g_vuln_equal WHERE a = n.id', 'g_vuln_equal WHERE b = n.id', 'g_vex WHERE vuln = n.id'] },
};

/** Deletes the candidates nothing references any more; returns how many nodes went. */
export async function collectGarbage(s: SqlSession, d: SqlDialect, candidates: NodeCandidates): Promise<number> {
  let removed = 0;
  for (const kind of Object.keys(STILL_USED) as Array<keyof NodeCandidates>) {
    const { table, uses } = STILL_USED[kind];
    const ids = [...candidates[kind]].sort((a, b) => a - b);
    const unused = uses.map((u) => `NOT EXISTS (SELECT 1 FROM ${u})`).join(' AND ');
    for (const row of await selectIn(s, d, (list) => `DELETE FROM ${table} WHERE id IN (SELECT n.id FROM ${table} n WHERE n.id IN (${list}) AND ${unused}) RETURNING id`, ids)) {
      if (row.id !== undefined) removed++;
    }
  }
  return removed;
}
