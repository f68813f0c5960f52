import type { Evidence, PackageRef, Subject } from './answers';
import { packageKey } from './purls';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';

/** An origin as the questions show it. */
export interface OriginInfo {
  id: number;
  kind: 'scan' | 'document';
  learnedAt: number;
  digest: string;
  fileName: string;
  format: string;
  docKind: string;
  project: number;
  projectName: string;
  /** This is its project's latest snapshot. */
  latest: boolean;
  commit: string;
  subjectName: string;
  subjectVersion: string;
  subjectPkg: number;
  subjectArtifact: string;
  verification: string;
}

const ORIGIN_COLUMNS = `o.id AS id, o.kind AS kind, o.learned_at AS learned_at, o.digest AS digest, o.file_name AS file_name, o.format AS format,
  o.doc_kind AS doc_kind, o.project AS project, o.commit_sha AS commit_sha, o.subject_name AS subject_name, o.subject_version AS subject_version,
  o.subject_pkg AS subject_pkg, a.key AS subject_artifact, p.name AS project_name, p.latest AS latest, o.verification AS verification`;

export const ORIGIN_FROM = 'g_origin o LEFT JOIN g_project p ON p.id = o.project LEFT JOIN g_artifact a ON a.id = o.subject_artifact';

export async function loadOrigins(s: SqlSession, d: SqlDialect, ids: Iterable<number>): Promise<Map<number, OriginInfo>> {
  const rows = await selectIn(s, d, (list) => `SELECT ${ORIGIN_COLUMNS} FROM ${ORIGIN_FROM} WHERE o.id IN (${list})`, [...new Set(ids)]);
  return new Map(rows.map((row) => [int(row.id), toOrigin(row)]));
}

/** Origins matching a condition on `o` (and `p`), e.g. `o.kind = ?`. */
export async function findOrigins(s: SqlSession, d: SqlDialect, where: string, params: Array<string | number>): Promise<OriginInfo[]> {
  const rows = await s.all(d.statement(`SELECT ${ORIGIN_COLUMNS} FROM ${ORIGIN_FROM} WHERE ${where} ORDER BY o.learned_at DESC, o.id DESC`), params);
  return rows.map(toOrigin);
}

function toOrigin(row: Record<string, unknown>): OriginInfo {
  const project = int(row.project);
  return {
    id: int(row.id),
    kind: text(row.kind) === 'scan' ? 'scan' : 'document',
    learnedAt: int(row.learned_at),
    digest: text(row.digest),
    fileName: text(row.file_name),
    format: text(row.format),
    docKind: text(row.doc_kind),
    project,
    projectName: text(row.project_name),
    latest: project > 0 && int(row.latest) === int(row.id),
    commit: text(row.commit_sha),
    subjectName: text(row.subject_name),
    subjectVersion: text(row.subject_version),
    subjectPkg: int(row.subject_pkg),
    subjectArtifact: text(row.subject_artifact),
    verification: text(row.verification),
  };
}

export function evidenceOf(o: OriginInfo): Evidence {
  const at = new Date(o.learnedAt).toISOString();
  if (o.kind === 'scan') return { kind: 'scan', ref: o.commit ? `${o.projectName}@${o.commit}` : o.projectName, at };
  return { kind: 'document', ref: o.digest, at, name: o.fileName, format: o.format };
}

export function subjectOf(o: OriginInfo): Subject {
  if (o.kind === 'scan') return { kind: 'project', name: o.projectName, ...(o.commit ? { commit: o.commit } : {}) };
  const name = o.subjectName || o.fileName;
  const version = o.subjectVersion ? { version: o.subjectVersion } : {};
  const digest = o.subjectArtifact ? { digest: o.subjectArtifact } : {};
  return { kind: o.docKind === 'sbom' ? 'sbom' : 'artifact', name, ...version, ...digest };
}

/**
 * A package node as answers show it; the name comes from the purl. Pass one `names` map per answer:
 * the same few purls recur across many results.
 */
export function packageRef(purl: string, version: string, names?: Map<string, string>): PackageRef {
  let name = names?.get(purl);
  if (name === undefined) {
    name = packageKey(purl)?.name ?? purl;
    names?.set(purl, name);
  }
  return { purl, name, version };
}

/** Code-point order: stable across locales, and far cheaper than localeCompare on large answers. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ordering of answers: projects, then SBOMs, then artifacts; by name, then commit. */
export function compareSubjects(a: Subject, b: Subject): number {
  const order = { project: 0, sbom: 1, artifact: 2 };
  return order[a.kind] - order[b.kind] || compareText(a.name, b.name) || compareText(a.commit ?? '', b.commit ?? '');
}
