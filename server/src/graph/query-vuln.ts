import { aliasClasses, preferredName, vulnNodes } from './aliases';
import type { Answer, Evidence, VulnResult } from './answers';
import { vulnKey } from './facts';
import { compareSubjects, compareText, evidenceOf, loadOrigins, packageRef, subjectOf, type OriginInfo } from './origins';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { selectIn } from './sql/rows';
import { applicableVex, isOpen, loadVexScopes, type BaseVersion } from './vex-match';
import { SEVERITIES, type Severity } from '../core/severity';

export interface VulnQuery {
  /** Any id of the issue: GHSA, CVE, PYSEC, GO, RUSTSEC, OSV, … */
  id: string;
  /** Every recorded snapshot of each project, not only its latest. */
  history?: boolean;
}

/**
 * Every affected package instance (a package version some fact says the issue affects — a scan's
 * finding, an attestation, a VEX statement — wherever a snapshot or SBOM contains it) with its
 * subject, and the VEX status that applies to it.
 */
export async function vulnQuery(s: SqlSession, d: SqlDialect, query: VulnQuery): Promise<Answer<VulnQuery, VulnResult>> {
  const empty = { schemaVersion: 1 as const, query, results: [] };
  const [start] = await s.all(d.statement('SELECT id FROM g_vuln WHERE key = ?'), [vulnKey(query.id)]);
  if (!start) return empty;
  const classes = await aliasClasses(s, d, [int(start.id)]);
  const members = classes.get(int(start.id))!;
  const nodes = await vulnNodes(s, d, members);
  const names = [...nodes.values()].map((n) => n.name);
  const name = preferredName(names, query.id);
  const summary = [...nodes.values()].find((n) => n.summary)?.summary;

  const certs = await selectIn(
    s,
    d,
    (list) => `SELECT c.origin AS origin, c.pkg AS pkg, c.severity AS severity, c.fixed AS fixed, p.base AS base, p.version AS version
      FROM g_cert_vuln c JOIN g_package p ON p.id = c.pkg WHERE c.vuln IN (${list})`,
    [...members],
  );
  const scopes = await loadVexScopes(s, d, members);
  // The affected package versions, by (base, version): what facts say, whatever node spells them.
  const affected = new Map<string, { severity: string; fixed: string; origins: Set<number> }>();
  const keyOf = (bv: BaseVersion) => `${bv.base}@${bv.version}`;
  for (const c of certs) {
    const key = keyOf({ base: text(c.base), version: text(c.version) });
    const entry = affected.get(key) ?? { severity: '', fixed: '', origins: new Set<number>() };
    if (rankOf(text(c.severity)) > rankOf(entry.severity)) entry.severity = text(c.severity);
    entry.fixed ||= text(c.fixed);
    entry.origins.add(int(c.origin));
    affected.set(key, entry);
  }
  for (const scope of scopes) {
    const pkg = scope.sub ? scope.sub.pkg : scope.product.pkg;
    if (pkg?.version && !affected.has(keyOf(pkg))) affected.set(keyOf(pkg), { severity: '', fixed: '', origins: new Set() });
  }
  const bases = [...new Set([...affected.keys()].map((k) => k.slice(0, k.lastIndexOf('@'))))];
  const packages = (await selectIn(s, d, (list) => `SELECT id, purl, base, version FROM g_package WHERE base IN (${list})`, bases)).filter((p) => affected.has(keyOf({ base: text(p.base), version: text(p.version) })));
  const byId = new Map(packages.map((p) => [int(p.id), { purl: text(p.purl), base: text(p.base), version: text(p.version) }]));
  const latestOnly = query.history ? '' : ' AND (o.project IS NULL OR p.latest = o.id)';
  const contained = await selectIn(
    s,
    d,
    (list) => `SELECT DISTINCT g.origin AS origin, g.pkg AS pkg FROM g_dep g JOIN g_origin o ON o.id = g.origin LEFT JOIN g_project p ON p.id = o.project WHERE g.pkg IN (${list})${latestOnly}`,
    [...byId.keys()],
  );
  const instances = new Map<string, { origin: number; pkg: number }>();
  for (const row of contained) instances.set(`${int(row.origin)}:${int(row.pkg)}`, { origin: int(row.origin), pkg: int(row.pkg) });
  const containedPackages = new Set([...instances.values()].map((i) => i.pkg));
  // Facts about a package no snapshot or SBOM contains (an attestation's subject) are instances of their own.
  const certOrigins = await loadOrigins(s, d, certs.map((c) => int(c.origin)));
  for (const c of certs) {
    const origin = certOrigins.get(int(c.origin));
    const key = `${int(c.origin)}:${int(c.pkg)}`;
    if (origin && origin.kind === 'document' && !instances.has(key) && !containedPackages.has(int(c.pkg))) instances.set(key, { origin: int(c.origin), pkg: int(c.pkg) });
  }
  const origins = new Map(certOrigins);
  for (const [id, o] of await loadOrigins(s, d, [...instances.values()].map((i) => i.origin).concat(scopes.map((sc) => sc.origin)).filter((id) => !origins.has(id)))) origins.set(id, o);
  const subjects = await subjectKeys(s, d, origins.values());
  const results: VulnResult[] = [];
  const nameOf = new Map<string, string>();
  for (const instance of instances.values()) {
    const origin = origins.get(instance.origin);
    const pkg = byId.get(instance.pkg);
    if (!origin || !pkg) continue;
    const facts = affected.get(keyOf(pkg))!;
    const subject = subjects.get(origin.id);
    const vex = applicableVex(scopes, { origin, pkg, vulns: members, ...(subject ? { subject } : {}) }, origins);
    // The instance's own finding is its evidence; otherwise the facts that say this version is affected.
    const evidence = facts.origins.has(origin.id) ? [evidenceOf(origin)] : dedupe([evidenceOf(origin), ...otherEvidence(facts.origins, origins, query.history === true)]);
    results.push({
      subject: subjectOf(origin),
      package: packageRef(pkg.purl, pkg.version, nameOf),
      vulnerability: {
        id: name,
        aliases: names.filter((n) => n !== name).sort(),
        ...(facts.severity ? { severity: facts.severity } : {}),
        ...(summary ? { summary } : {}),
        ...(facts.fixed ? { fixed: facts.fixed } : {}),
      },
      ...(vex ? { vex: vex.verdict } : {}),
      open: isOpen(vex?.verdict),
      evidence,
    });
  }
  results.sort((a, b) => compareSubjects(a.subject, b.subject) || compareText(a.package.purl, b.package.purl));
  return { schemaVersion: 1, query, results };
}

/** Each origin's subject as a package version, for matching VEX products. */
export async function subjectKeys(s: SqlSession, d: SqlDialect, origins: Iterable<OriginInfo>): Promise<Map<number, BaseVersion>> {
  const list = [...origins];
  const rows = await selectIn(s, d, (ids) => `SELECT id, base, version FROM g_package WHERE id IN (${ids})`, [...new Set(list.map((o) => o.subjectPkg).filter((id) => id > 0))]);
  const byId = new Map(rows.map((r) => [int(r.id), { base: text(r.base), version: text(r.version) }]));
  const out = new Map<number, BaseVersion>();
  for (const o of list) {
    const key = byId.get(o.subjectPkg);
    if (key) out.set(o.id, key);
  }
  return out;
}

/** Evidence of the facts (from other origins) that say a version is affected: documents, and current snapshots unless `history`. */
function otherEvidence(ids: ReadonlySet<number>, origins: ReadonlyMap<number, OriginInfo>, history: boolean): Evidence[] {
  const out: Evidence[] = [];
  for (const id of ids) {
    const o = origins.get(id);
    if (o && (o.kind === 'document' || o.latest || history)) out.push(evidenceOf(o));
  }
  return out;
}

export function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.kind}:${e.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Severity order, with no severity (a VEX-only instance) below every rating. */
function rankOf(severity: string): number {
  const index = SEVERITIES.indexOf(severity as Severity);
  return index < 0 ? -1 : SEVERITIES.length - index;
}
