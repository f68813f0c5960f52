import type { Answer, ProjectResult } from './answers';
import { evidenceOf, findOrigins, packageRef, subjectOf } from './origins';
import { provenanceOf } from './query-provenance';
import { resolveProject, resolveSnapshot, snapshotFindings, snapshotView } from './snapshot-view';
import type { SqlDialect, SqlSession } from './sql/executor';

export interface ProjectQuery {
  /** The project's name (or its folder, matched against the path recorded). */
  project: string;
  /** The folder, absolute, tried when no project has that name. */
  path?: string;
  /** A commit (a unique prefix will do); default: the latest snapshot. */
  commit?: string;
}

/** A project's snapshot: its packages, its findings after VEX, provenance coverage, and its history. */
export async function projectQuery(s: SqlSession, d: SqlDialect, query: ProjectQuery): Promise<Answer<ProjectQuery, ProjectResult>> {
  const project = await resolveProject(s, d, query.project, query.path);
  const origin = await resolveSnapshot(s, d, project, query.commit);
  const view = await snapshotView(s, d, origin);
  const versioned = view.packages.filter((p) => p.version);
  const coverage = await provenanceOf(s, d, versioned);
  const counts = { packages: versioned.length, verified: 0, invalid: 0, missing: 0 };
  for (const pkg of versioned) counts[coverage.get(`${pkg.base}@${pkg.version}`)?.status ?? 'missing']++;
  const history = [];
  for (const snapshot of await findOrigins(s, d, 'o.project = ?', [project.id])) {
    const open = (snapshot.id === origin.id ? view.findings : await snapshotFindings(s, d, snapshot)).filter((f) => f.open).length;
    history.push({ ...(snapshot.commit ? { commit: snapshot.commit } : {}), at: new Date(snapshot.learnedAt).toISOString(), open });
  }
  const result: ProjectResult = {
    subject: subjectOf(origin),
    packages: view.packages.map((p) => ({ ...packageRef(p.purl, p.version), direct: p.direct, scope: p.scope, ...(p.declared ? { declared: p.declared } : {}) })),
    findings: view.findings.map(({ key: _key, ...finding }) => finding),
    provenance: counts,
    evidence: [evidenceOf(origin)],
    history,
  };
  return { schemaVersion: 1, query, results: [result] };
}
