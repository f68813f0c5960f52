import { VERSION } from '../version';
import { GUAC_JUSTIFICATIONS, guacArtifact, guacPkg, guacSource, guacSyntheticPkg, guacVuln, push, type GuacPkg, type GuacStamp, type IngestPredicates } from './guac-shapes';
import { findOrigins, type OriginInfo } from './origins';
import { sourceFromUrl } from './source-url';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';

const COLLECTOR = 'chainsight';

/** Every origin of the store, oldest first: the unit the export writes (one IngestPredicates each). */
export function exportOrigins(s: SqlSession, d: SqlDialect): Promise<OriginInfo[]> {
  return findOrigins(s, d, '1 = 1', []).then((list) => list.reverse());
}

/**
 * What one origin taught, as GUAC IngestPredicates (docs/store.md has the mapping, edge by edge).
 * Evidence carries `origin` (the document's file name, or `project@commit`), `collector` =
 * chainsight and `documentRef` (the document's digest, or `chainsight-scan:project@commit`).
 */
export async function exportOrigin(s: SqlSession, d: SqlDialect, o: OriginInfo): Promise<IngestPredicates> {
  const doc: IngestPredicates = {};
  const scanRef = o.commit ? `${o.projectName}@${o.commit}` : o.projectName;
  const stamp: GuacStamp = { origin: o.kind === 'scan' ? scanRef : o.fileName, collector: COLLECTOR, documentRef: o.kind === 'scan' ? `chainsight-scan:${scanRef}` : o.digest };
  const learned = new Date(o.learnedAt).toISOString();
  const [extra] = await s.all(d.statement('SELECT o.data_source AS data_source, o.data_time AS data_time, o.tool AS tool, p.purl AS purl, pr.remote AS remote FROM g_origin o LEFT JOIN g_package p ON p.id = o.subject_pkg LEFT JOIN g_project pr ON pr.id = o.project WHERE o.id = ?'), [o.id]);
  const subjectPurl = text(extra?.purl);
  const subject: GuacPkg = subjectPurl ? guacPkg(subjectPurl) : o.kind === 'scan' ? guacSyntheticPkg('chainsight/project', o.projectName, o.commit) : guacSyntheticPkg(`chainsight/${o.docKind || 'document'}`, o.subjectName || o.fileName, o.subjectVersion);
  const q = (sql: string) => s.all(d.statement(sql), [o.id]);

  for (const r of await q(`SELECT c.purl AS child, p.purl AS parent, g.rel AS rel, g.scope AS scope, g.declared AS declared
      FROM g_dep g JOIN g_package c ON c.id = g.pkg LEFT JOIN g_package p ON p.id = g.parent WHERE g.origin = ? ORDER BY c.purl`)) {
    const parent = text(r.parent);
    const notes = [parent ? 'dependency of package' : 'top level package dependency', text(r.declared) && `range ${text(r.declared)}`, text(r.scope) && `scope ${text(r.scope)}`].filter(Boolean).join('; ');
    const rel = int(r.rel);
    push(doc, 'isDependency', {
      pkg: parent ? guacPkg(parent) : subject,
      depPkg: guacPkg(text(r.child)),
      depPkgMatchFlag: { pkg: 'SPECIFIC_VERSION' },
      isDependency: { dependencyType: rel === 1 ? 'DIRECT' : rel === 2 ? 'INDIRECT' : 'UNKNOWN', justification: notes, ...stamp },
    });
  }
  for (const r of await q(`SELECT a.key AS artifact, p.purl AS purl, s.type AS type, s.namespace AS namespace, s.name AS name, s.tag AS tag, s.commit_sha AS commit_sha
      FROM g_occurrence g JOIN g_artifact a ON a.id = g.artifact LEFT JOIN g_package p ON p.id = g.pkg LEFT JOIN g_source s ON s.id = g.src WHERE g.origin = ?`)) {
    const subjectOf = text(r.purl) ? { pkg: guacPkg(text(r.purl)) } : { src: guacSource(sourceRow(r)) };
    push(doc, 'isOccurrence', { ...subjectOf, artifact: guacArtifact(text(r.artifact)), isOccurrence: { justification: o.kind === 'scan' ? 'lockfile integrity' : `digest in ${o.format}`, ...stamp } });
  }
  for (const r of await q(`SELECT p.purl AS purl, s.type AS type, s.namespace AS namespace, s.name AS name, s.tag AS tag, s.commit_sha AS commit_sha
      FROM g_source_at g JOIN g_package p ON p.id = g.pkg JOIN g_source s ON s.id = g.src WHERE g.origin = ?`)) {
    push(doc, 'hasSourceAt', { pkg: guacPkg(text(r.purl)), pkgMatchFlag: { pkg: 'SPECIFIC_VERSION' }, src: guacSource(sourceRow(r)), hasSourceAt: { knownSince: learned, justification: `source in ${o.format || 'scan'}`, ...stamp } });
  }
  const remote = o.kind === 'scan' && text(extra?.remote) ? sourceFromUrl(text(extra?.remote), o.commit) : undefined;
  if (remote) push(doc, 'hasSourceAt', { pkg: subject, pkgMatchFlag: { pkg: 'SPECIFIC_VERSION' }, src: guacSource(remote), hasSourceAt: { knownSince: learned, justification: 'project checkout', ...stamp } });
  if (o.docKind === 'sbom') {
    const digest = o.digest.replace(/^sha256:/, '');
    push(doc, 'hasSBOM', { ...(o.subjectArtifact && !subjectPurl ? { artifact: guacArtifact(o.subjectArtifact) } : { pkg: subject }), hasSbom: { uri: o.fileName, algorithm: 'sha256', digest, downloadLocation: o.fileName, knownSince: learned, ...stamp } });
  }
  await exportSlsa(s, d, o, doc, stamp);
  for (const r of await q(`SELECT p.purl AS purl, v.name AS vuln, c.severity AS severity FROM g_cert_vuln c JOIN g_package p ON p.id = c.pkg JOIN g_vuln v ON v.id = c.vuln WHERE c.origin = ?`)) {
    const timeScanned = new Date(int(extra?.data_time) || o.learnedAt).toISOString();
    push(doc, 'certifyVuln', { pkg: guacPkg(text(r.purl)), vulnerability: guacVuln(text(r.vuln)), vulnData: { timeScanned, dbUri: text(extra?.data_source), dbVersion: '', scannerUri: 'https://github.com/chainsight/chainsight', scannerVersion: text(extra?.tool) || VERSION, ...stamp } });
  }
  for (const r of await q(`SELECT va.name AS a, vb.name AS b FROM g_vuln_equal e JOIN g_vuln va ON va.id = e.a JOIN g_vuln vb ON vb.id = e.b WHERE e.origin = ?`)) {
    push(doc, 'vulnEqual', { vulnerability: guacVuln(text(r.a)), equalVulnerability: guacVuln(text(r.b)), vulnEqual: { justification: o.kind === 'scan' ? 'aliases in OSV records' : `aliases in ${o.format}`, ...stamp } });
  }
  await exportVex(s, d, o, doc, stamp);
  for (const r of await q(`SELECT p.purl AS purl, m.key AS key, m.value AS value, m.reason AS reason FROM g_meta m JOIN g_package p ON p.id = m.pkg WHERE m.origin = ?`)) {
    push(doc, 'hasMetadata', { pkg: guacPkg(text(r.purl)), pkgMatchFlag: { pkg: 'SPECIFIC_VERSION' }, hasMetadata: { key: `chainsight.${text(r.key)}`, value: text(r.value), timestamp: learned, justification: text(r.reason), ...stamp } });
  }
  return doc;
}

async function exportSlsa(s: SqlSession, d: SqlDialect, o: OriginInfo, doc: IngestPredicates, stamp: GuacStamp): Promise<void> {
  const rows = await s.all(
    d.statement(`SELECT sl.id AS id, a.key AS artifact, b.key AS builder, sl.build_type AS build_type, sl.slsa_version AS slsa_version, sl.invocation AS invocation,
      src.namespace AS src_namespace, src.name AS src_name, src.commit_sha AS src_commit
      FROM g_slsa sl JOIN g_artifact a ON a.id = sl.artifact LEFT JOIN g_builder b ON b.id = sl.builder LEFT JOIN g_source src ON src.id = sl.source WHERE sl.origin = ?`),
    [o.id],
  );
  for (const r of rows) {
    const materials = await s.all(d.statement('SELECT a.key AS artifact, m.uri AS uri FROM g_slsa_material m JOIN g_artifact a ON a.id = m.artifact WHERE m.slsa = ?'), [int(r.id)]);
    const predicate = [
      ['slsa.builder.id', text(r.builder)],
      ['slsa.invocation.url', text(r.invocation)],
      ['slsa.source.repository', text(r.src_name) ? `https://${text(r.src_namespace)}/${text(r.src_name)}` : ''],
      ['slsa.source.commit', text(r.src_commit)],
      ['chainsight.verification', o.verification],
      ...materials.map((m, i) => [`slsa.materials.${i}.uri`, text(m.uri)]),
    ].filter(([, value]) => value !== '');
    push(doc, 'hasSlsa', {
      Artifact: guacArtifact(text(r.artifact)),
      HasSlsa: { buildType: text(r.build_type), slsaPredicate: predicate.map(([key, value]) => ({ key: key!, value: value! })), slsaVersion: text(r.slsa_version), ...stamp },
      Materials: [...materials.map((m) => guacArtifact(text(m.artifact))), ...(text(r.src_commit) ? [{ algorithm: 'gitCommit', digest: text(r.src_commit) }] : [])],
      Builder: { uri: text(r.builder) },
    });
  }
}

async function exportVex(s: SqlSession, d: SqlDialect, o: OriginInfo, doc: IngestPredicates, stamp: GuacStamp): Promise<void> {
  const rows = await s.all(
    d.statement(`SELECT vn.name AS vuln, v.status AS status, v.justification AS justification, v.impact AS impact, v.action AS action, v.stated_at AS stated_at, v.source_status AS source_status,
        pp.purl AS p_purl, pa.key AS p_artifact, sp.purl AS s_purl, sa.key AS s_artifact
      FROM g_vex v JOIN g_vuln vn ON vn.id = v.vuln JOIN g_vex_scope c ON c.vex = v.id
      LEFT JOIN g_package pp ON pp.id = c.product_pkg LEFT JOIN g_artifact pa ON pa.id = c.product_artifact
      LEFT JOIN g_package sp ON sp.id = c.sub_pkg LEFT JOIN g_artifact sa ON sa.id = c.sub_artifact WHERE v.origin = ? ORDER BY v.id, c.n`),
    [o.id],
  );
  for (const r of rows) {
    // GUAC's VEX subject is one package or artifact: the subcomponent when there is one.
    const purl = text(r.s_purl) || (text(r.s_artifact) ? '' : text(r.p_purl));
    const artifact = text(r.s_artifact) || (text(r.s_purl) ? '' : text(r.p_artifact));
    if (!purl && !artifact) continue;
    const justification = text(r.justification).toUpperCase();
    push(doc, 'vex', {
      ...(purl ? { pkg: guacPkg(purl) } : { artifact: guacArtifact(artifact) }),
      vulnerability: guacVuln(text(r.vuln)),
      vexData: {
        status: text(r.status).toUpperCase(),
        vexJustification: GUAC_JUSTIFICATIONS.has(justification) ? justification : 'NOT_PROVIDED',
        statement: text(r.impact),
        statusNotes: [text(r.action), text(r.source_status)].filter(Boolean).join('; '),
        knownSince: text(r.stated_at) || new Date(o.learnedAt).toISOString(),
        ...stamp,
      },
    });
  }
}

function sourceRow(r: Record<string, unknown>) {
  return { type: text(r.type), namespace: text(r.namespace), name: text(r.name), tag: text(r.tag), commit: text(r.commit_sha) };
}
