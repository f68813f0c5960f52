import type { Answer, ProvenanceResult, ProvenanceVerdict } from './answers';
import { compareText, evidenceOf, loadOrigins, packageRef } from './origins';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';
import { sourceUrl } from './source-url';

export interface ProvenanceQuery {
  /** Only packages with no verified signature or provenance and nothing invalid. */
  missing?: boolean;
  /** Only packages with an invalid signature, provenance or attestation. */
  invalid?: boolean;
}

export interface PackageNode {
  id: number;
  purl: string;
  base: string;
  version: string;
}

type Coverage = Omit<ProvenanceResult, 'package' | 'usedBy'>;

/**
 * Packages across the store (each project's latest snapshot and every SBOM) without verified
 * provenance or signatures: by default those missing one or with an invalid one.
 */
export async function provenanceQuery(s: SqlSession, d: SqlDialect, query: ProvenanceQuery): Promise<Answer<ProvenanceQuery, ProvenanceResult>> {
  const used = await s.all(
    d.statement(`SELECT g.pkg AS pkg, count(DISTINCT g.origin) AS n FROM g_dep g JOIN g_origin o ON o.id = g.origin LEFT JOIN g_project p ON p.id = o.project
      WHERE o.project IS NULL OR p.latest = o.id GROUP BY g.pkg`),
  );
  const counts = new Map(used.map((r) => [int(r.pkg), int(r.n)]));
  const nodes = (await selectIn(s, d, (list) => `SELECT id, purl, base, version FROM g_package WHERE id IN (${list}) AND version <> ''`, [...counts.keys()])).map(toNode);
  const coverage = await provenanceOf(s, d, nodes);
  const byKey = new Map<string, { node: PackageNode; usedBy: number }>();
  for (const node of nodes) {
    const key = `${node.base}@${node.version}`;
    const held = byKey.get(key);
    // Several spellings of one version (qualifiers, subpaths): shown once, by the plainest purl.
    if (!held) byKey.set(key, { node, usedBy: counts.get(node.id) ?? 0 });
    else {
      held.usedBy += counts.get(node.id) ?? 0;
      if (node.purl.length < held.node.purl.length) held.node = node;
    }
  }
  const wanted = (status: ProvenanceResult['status']) => (query.missing || query.invalid ? (query.missing && status === 'missing') || (query.invalid && status === 'invalid') : status !== 'verified');
  const results: ProvenanceResult[] = [];
  for (const [key, { node, usedBy }] of byKey) {
    const c = coverage.get(key) ?? { status: 'missing' as const, attestations: [] };
    if (wanted(c.status)) results.push({ package: packageRef(node.purl, node.version), ...c, usedBy });
  }
  results.sort((a, b) => statusOrder(a.status) - statusOrder(b.status) || compareText(a.package.purl, b.package.purl));
  return { schemaVersion: 1, query, results };
}

const statusOrder = (s: ProvenanceResult['status']) => (s === 'invalid' ? 0 : s === 'missing' ? 1 : 2);

/**
 * Signature and provenance of package versions (keyed `base@version`): the latest verdict of each
 * kind recorded on any spelling of the version, and the SLSA provenance of attestations about any of
 * its artifacts.
 */
export async function provenanceOf(s: SqlSession, d: SqlDialect, nodes: readonly PackageNode[]): Promise<Map<string, Coverage>> {
  const versions = new Set(nodes.map((n) => `${n.base}@${n.version}`));
  const bases = [...new Set(nodes.map((n) => n.base))];
  const meta = await selectIn(s, d, (list) => `SELECT m.origin AS origin, m.key AS key, m.value AS value, m.reason AS reason, p.base AS base, p.version AS version FROM g_meta m JOIN g_package p ON p.id = m.pkg WHERE p.base IN (${list})`, bases);
  const slsa = await selectIn(
    s,
    d,
    (list) => `SELECT DISTINCT sl.origin AS origin, sl.build_type AS build_type, b.key AS builder, src.namespace AS src_namespace, src.name AS src_name, p.base AS base, p.version AS version
      FROM g_occurrence oc JOIN g_package p ON p.id = oc.pkg JOIN g_slsa sl ON sl.artifact = oc.artifact
      LEFT JOIN g_builder b ON b.id = sl.builder LEFT JOIN g_source src ON src.id = sl.source WHERE p.base IN (${list})`,
    bases,
  );
  const origins = await loadOrigins(s, d, [...meta, ...slsa].map((r) => int(r.origin)));
  const out = new Map<string, Coverage>();
  const entry = (key: string) => out.get(key) ?? out.set(key, { status: 'missing', attestations: [] }).get(key)!;
  for (const row of meta) {
    const key = `${text(row.base)}@${text(row.version)}`;
    const origin = origins.get(int(row.origin));
    const kind = text(row.key);
    if (!versions.has(key) || !origin || (kind !== 'signature' && kind !== 'provenance')) continue;
    const c = entry(key);
    const held = c[kind];
    const verdict: ProvenanceVerdict = { status: text(row.value), reason: text(row.reason), evidence: evidenceOf(origin) };
    if (!held || held.evidence.at < verdict.evidence.at) c[kind] = verdict;
  }
  for (const row of slsa) {
    const key = `${text(row.base)}@${text(row.version)}`;
    const origin = origins.get(int(row.origin));
    if (!versions.has(key) || !origin) continue;
    const source = text(row.src_name) ? sourceUrl({ type: 'git', namespace: text(row.src_namespace), name: text(row.src_name), tag: '', commit: '' }) : undefined;
    entry(key).attestations.push({ builder: text(row.builder), buildType: text(row.build_type), ...(source ? { source } : {}), verification: origin.verification || 'unverified', evidence: evidenceOf(origin) });
  }
  for (const c of out.values()) c.status = overall(c);
  return out;
}

function overall(c: Coverage): ProvenanceResult['status'] {
  const statuses = [c.signature?.status, c.provenance?.status, ...c.attestations.map((a) => a.verification)];
  if (statuses.includes('invalid')) return 'invalid';
  return statuses.includes('verified') ? 'verified' : 'missing';
}

export function toNode(row: Record<string, unknown>): PackageNode {
  return { id: int(row.id), purl: text(row.purl), base: text(row.base), version: text(row.version) };
}

