import { sourceKey, vulnKey, type FactBundle, type SourceRef, type VexRefFact } from './facts';
import { int, type SqlDialect, type SqlSession, type SqlValue } from './sql/executor';
import { ARTIFACT_NODES, BUILDER_NODES, ensureNodes, insertRows, PACKAGE_NODES, SOURCE_NODES, VULN_NODES } from './sql/rows';

/** Ids of the nodes one bundle names, by natural key. */
interface NodeIds {
  packages: Map<string, number>;
  artifacts: Map<string, number>;
  sources: Map<string, number>;
  builders: Map<string, number>;
  vulns: Map<string, number>;
}

/**
 * Writes one origin and everything it teaches, inside the caller's transaction. Returns the new
 * origin's id. Nodes are shared: an existing package, artifact, … is reused, never duplicated.
 */
export async function writeFacts(s: SqlSession, d: SqlDialect, bundle: FactBundle, context: { learnedAt: number; project?: number }): Promise<number> {
  const ids = await ensureAllNodes(s, d, bundle);
  const o = bundle.origin;
  const [row] = await s.all(
    d.statement(`INSERT INTO g_origin (kind, learned_at, digest, file_name, format, doc_kind, spec_version, doc_id, issued_at, author, project, commit_sha, ref, root,
      data_source, data_time, tool, subject_name, subject_version, subject_pkg, subject_artifact, verification, verification_reason, signer)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
    [
      o.kind, context.learnedAt, o.digest ?? null, o.fileName ?? '', o.format ?? '', o.docKind ?? '', o.specVersion ?? '', o.docId ?? '', o.issuedAt ?? '', o.author ?? '',
      context.project ?? null, o.kind === 'scan' ? (o.commit ?? '') : null, o.ref ?? '', o.root ?? '', o.dataSource ?? '', o.dataTime ?? 0, o.tool ?? '',
      o.subjectName ?? '', o.subjectVersion ?? '', o.subjectPurl ? (ids.packages.get(o.subjectPurl) ?? 0) : 0, o.subjectArtifact ? (ids.artifacts.get(o.subjectArtifact) ?? 0) : 0,
      o.verification ?? '', o.verificationReason ?? '', o.signer ?? '',
    ],
  );
  const origin = int(row!.id);
  const pkg = (purl: string | undefined) => (purl ? (ids.packages.get(purl) ?? 0) : 0);
  const art = (key: string | undefined) => (key ? (ids.artifacts.get(key) ?? 0) : 0);
  const src = (ref: SourceRef | undefined) => (ref ? (ids.sources.get(sourceKey(ref)) ?? 0) : 0);
  const vuln = (id: string) => ids.vulns.get(vulnKey(id)) ?? 0;

  await insertRows(s, d, 'g_dep', ['origin', 'pkg', 'parent', 'rel', 'scope', 'declared'], bundle.deps.map((f) => [origin, pkg(f.pkg), pkg(f.parent), f.rel, f.scope, f.declared]));
  await insertRows(s, d, 'g_occurrence', ['origin', 'artifact', 'pkg', 'src'], bundle.occurrences.map((f) => [origin, art(f.artifact), pkg(f.pkg), src(f.src)]));
  await insertRows(s, d, 'g_source_at', ['origin', 'pkg', 'src'], bundle.sourceAt.map((f) => [origin, pkg(f.pkg), src(f.src)]));
  await insertRows(s, d, 'g_cert_vuln', ['origin', 'pkg', 'vuln', 'severity', 'fixed'], bundle.certVulns.map((f) => [origin, pkg(f.pkg), vuln(f.vuln), f.severity, f.fixed]));
  const pairs = bundle.vulnEquals.map(([a, b]) => [vuln(a), vuln(b)].sort((x, y) => x - y)).filter(([a, b]) => a !== b);
  await insertRows(s, d, 'g_vuln_equal', ['origin', 'a', 'b'], pairs.map(([a, b]) => [origin, a!, b!]));
  await insertRows(s, d, 'g_meta', ['origin', 'pkg', 'key', 'value', 'reason'], bundle.meta.map((f) => [origin, pkg(f.pkg), f.key, f.value, f.reason]));
  for (const f of bundle.slsa) {
    const [slsa] = await s.all(
      d.statement(`INSERT INTO g_slsa (origin, artifact, builder, source, build_type, slsa_version, invocation, started_on, finished_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (origin, artifact) DO NOTHING RETURNING id`),
      [origin, art(f.artifact), ids.builders.get(f.builder) ?? 0, src(f.source), f.buildType, f.slsaVersion, f.invocation, f.startedOn, f.finishedOn],
    );
    if (slsa) await insertRows(s, d, 'g_slsa_material', ['slsa', 'artifact', 'uri'], f.materials.map((m) => [int(slsa.id), art(m.artifact), m.uri]));
  }
  const ref = (r: VexRefFact | undefined): [number, number, string] => [pkg(r?.pkg), art(r?.artifact), r?.other ?? ''];
  for (const f of bundle.vex) {
    const [vex] = await s.all(
      d.statement('INSERT INTO g_vex (origin, vuln, status, justification, impact, action, stated_at, source_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id'),
      [origin, vuln(f.vuln), f.status, f.justification, f.impact, f.action, f.statedAt, f.sourceStatus],
    );
    await insertRows(s, d, 'g_vex_scope', ['vex', 'n', 'product_pkg', 'product_artifact', 'product_other', 'sub_pkg', 'sub_artifact', 'sub_other'], f.scopes.map((scope, n) => [int(vex!.id), n, ...ref(scope.product), ...ref(scope.sub)]));
  }
  return origin;
}

async function ensureAllNodes(s: SqlSession, d: SqlDialect, bundle: FactBundle): Promise<NodeIds> {
  const packages = new Map<string, SqlValue[]>();
  for (const key of bundle.packages.values()) packages.set(key.purl, [key.purl, key.base, key.nameKey, key.version]);
  const artifacts = new Map<string, SqlValue[]>();
  const addArtifact = (key: string | undefined) => {
    if (key) artifacts.set(key, [key]);
  };
  const sources = new Map<string, SqlValue[]>();
  const addSource = (ref: SourceRef | undefined) => {
    if (ref) sources.set(sourceKey(ref), [sourceKey(ref), ref.type, ref.namespace, ref.name, ref.tag, ref.commit]);
  };
  const vulns = new Map<string, SqlValue[]>();
  const addVuln = (id: string) => {
    if (!vulns.has(vulnKey(id))) vulns.set(vulnKey(id), [vulnKey(id), id.trim()]);
  };
  addArtifact(bundle.origin.subjectArtifact);
  for (const f of bundle.occurrences) {
    addArtifact(f.artifact);
    addSource(f.src);
  }
  for (const f of bundle.sourceAt) addSource(f.src);
  for (const f of bundle.slsa) {
    addArtifact(f.artifact);
    addSource(f.source);
    for (const m of f.materials) addArtifact(m.artifact);
  }
  for (const f of bundle.vex) {
    addVuln(f.vuln);
    for (const scope of f.scopes) {
      addArtifact(scope.product.artifact);
      addArtifact(scope.sub?.artifact);
    }
  }
  for (const f of bundle.certVulns) addVuln(f.vuln);
  for (const [a, b] of bundle.vulnEquals) {
    addVuln(a);
    addVuln(b);
  }
  const builders = new Map<string, SqlValue[]>(bundle.slsa.map((f) => [f.builder, [f.builder]]));
  const ids: NodeIds = {
    packages: await ensureNodes(s, d, PACKAGE_NODES, packages),
    artifacts: await ensureNodes(s, d, ARTIFACT_NODES, artifacts),
    sources: await ensureNodes(s, d, SOURCE_NODES, sources),
    builders: await ensureNodes(s, d, BUILDER_NODES, builders),
    vulns: await ensureNodes(s, d, VULN_NODES, vulns),
  };
  for (const [id, summary] of bundle.vulnSummaries) {
    const node = ids.vulns.get(vulnKey(id));
    if (node) await s.run(d.statement('UPDATE g_vuln SET summary = ? WHERE id = ? AND summary <> ?'), [summary, node, summary]);
  }
  return ids;
}
