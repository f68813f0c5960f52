import { int, text, type SqlDialect, type SqlSession } from './sql/executor';

export interface GraphStatus {
  projects: Array<{ name: string; path: string; remote: string; snapshots: number; latest?: { commit?: string; at: string } }>;
  documents: Array<{ kind: string; count: number }>;
  nodes: { packages: number; sources: number; artifacts: number; builders: number; vulnerabilities: number };
  facts: { dependencies: number; occurrences: number; sourceAt: number; slsa: number; certifyVuln: number; vulnEqual: number; vex: number; metadata: number };
  historyLimit: number;
}

const COUNT = (table: string) => `SELECT count(*) AS n FROM ${table}`;

export async function graphStatus(s: SqlSession, d: SqlDialect): Promise<Omit<GraphStatus, 'historyLimit'>> {
  const count = async (table: string) => int((await s.all(d.statement(COUNT(table))))[0]?.n);
  const projects = await s.all(
    d.statement(`SELECT p.name AS name, p.path AS path, p.remote AS remote, count(o.id) AS snapshots, l.commit_sha AS commit_sha, l.learned_at AS learned_at
      FROM g_project p LEFT JOIN g_origin o ON o.project = p.id LEFT JOIN g_origin l ON l.id = p.latest
      GROUP BY p.id, p.name, p.path, p.remote, l.commit_sha, l.learned_at ORDER BY p.name`),
  );
  const documents = await s.all(d.statement(`SELECT doc_kind, count(*) AS n FROM g_origin WHERE kind = 'document' GROUP BY doc_kind ORDER BY doc_kind`));
  return {
    projects: projects.map((r) => ({
      name: text(r.name),
      path: text(r.path),
      remote: text(r.remote),
      snapshots: int(r.snapshots),
      ...(r.learned_at !== null && r.learned_at !== undefined ? { latest: { ...(text(r.commit_sha) ? { commit: text(r.commit_sha) } : {}), at: new Date(int(r.learned_at)).toISOString() } } : {}),
    })),
    documents: documents.map((r) => ({ kind: text(r.doc_kind), count: int(r.n) })),
    nodes: { packages: await count('g_package'), sources: await count('g_source'), artifacts: await count('g_artifact'), builders: await count('g_builder'), vulnerabilities: await count('g_vuln') },
    facts: {
      dependencies: await count('g_dep'),
      occurrences: await count('g_occurrence'),
      sourceAt: await count('g_source_at'),
      slsa: await count('g_slsa'),
      certifyVuln: await count('g_cert_vuln'),
      vulnEqual: await count('g_vuln_equal'),
      vex: await count('g_vex'),
      metadata: await count('g_meta'),
    },
  };
}
