import { GraphError } from './graph-error';
import { removeOrigins, type NodeCandidates } from './remove-origins';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';

export interface ForgetResult {
  kind: 'document' | 'project';
  /** The project's name, or the document's file name and digest. */
  name: string;
  /** Origins removed: the document, or every snapshot of the project. */
  origins: number;
  /** Nodes no other fact referenced, removed with it. */
  nodesRemoved: number;
}

/**
 * Resolves `target` (a project name, a document digest or unique digest prefix, or a document file
 * name) and removes it with every fact it taught. Ambiguity is an error naming the candidates.
 */
export async function forgetTarget(s: SqlSession, d: SqlDialect, target: string, kind: 'document' | 'project' | undefined, candidates: NodeCandidates): Promise<Omit<ForgetResult, 'nodesRemoved'>> {
  const wanted = target.trim();
  const projects = kind === 'document' ? [] : await s.all(d.statement('SELECT id, name FROM g_project WHERE name = ?'), [wanted]);
  const documents = kind === 'project' ? [] : await findDocuments(s, d, wanted);
  if (projects.length > 0 && documents.length > 0) throw new GraphError(`"${wanted}" names both a project and a document; say which with --project or --document`);
  if (documents.length > 1) {
    const list = documents.map((r) => `${text(r.digest)} (${text(r.file_name)})`).join(', ');
    throw new GraphError(`"${wanted}" matches ${documents.length} documents: ${list}; give the digest`);
  }
  const [project] = projects;
  if (project) {
    const origins = (await s.all(d.statement('SELECT id FROM g_origin WHERE project = ?'), [int(project.id)])).map((r) => int(r.id));
    await removeOrigins(s, d, origins, candidates);
    await s.run(d.statement('DELETE FROM g_project WHERE id = ?'), [int(project.id)]);
    return { kind: 'project', name: text(project.name), origins: origins.length };
  }
  const [document] = documents;
  if (document) {
    await removeOrigins(s, d, [int(document.id)], candidates);
    return { kind: 'document', name: `${text(document.file_name)} ${text(document.digest)}`, origins: 1 };
  }
  const what = kind ?? 'project or document';
  throw new GraphError(`no ${what} "${wanted}" in the store (store status lists what is there)`);
}

/** Documents by digest (`sha256:…`, or a prefix of at least 8 hex digits) or by file name. */
async function findDocuments(s: SqlSession, d: SqlDialect, wanted: string): Promise<Array<Record<string, unknown>>> {
  const hex = /^(?:sha256:)?([0-9a-f]{8,64})$/i.exec(wanted);
  if (hex) {
    const prefix = `sha256:${hex[1]!.toLowerCase()}`;
    const rows = await s.all(d.statement(`SELECT id, digest, file_name FROM g_origin WHERE kind = 'document' AND digest >= ? AND digest < ? ORDER BY digest`), [prefix, `${prefix}g`]);
    if (rows.length > 0) return rows;
  }
  return s.all(d.statement(`SELECT id, digest, file_name FROM g_origin WHERE kind = 'document' AND file_name = ? ORDER BY digest`), [wanted]);
}
