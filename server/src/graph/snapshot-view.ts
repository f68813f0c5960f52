import { aliasClasses, preferredName, vulnNodes } from './aliases';
import type { ProjectFinding } from './answers';
import { GraphError } from './graph-error';
import { compareText, findOrigins, loadOrigins, packageRef, type OriginInfo } from './origins';
import type { PackageNode } from './query-provenance';
import { subjectKeys } from './query-vuln';
import { int, text, type SqlDialect, type SqlSession } from './sql/executor';
import { applicableVex, isOpen, loadVexScopes } from './vex-match';

export interface SnapshotPackage extends PackageNode {
  direct: boolean;
  scope: string[];
  declared: string;
}

/** One recorded snapshot: its packages and its findings after VEX. */
export interface SnapshotView {
  origin: OriginInfo;
  packages: SnapshotPackage[];
  /** Open findings first; each keyed by package base and the alias class. */
  findings: Array<ProjectFinding & { key: string }>;
}

/** A project by name, else by folder path. */
export async function resolveProject(s: SqlSession, d: SqlDialect, name: string, path?: string): Promise<{ id: number; name: string }> {
  const [byName] = await s.all(d.statement('SELECT id, name FROM g_project WHERE name = ?'), [name]);
  const [byPath] = byName ? [] : await s.all(d.statement('SELECT id, name FROM g_project WHERE path = ? ORDER BY id'), [path ?? name]);
  const row = byName ?? byPath;
  if (!row) throw new GraphError(`no project "${name}" in the store (store status lists the projects)`);
  return { id: int(row.id), name: text(row.name) };
}

/** The project's snapshot at `commit` (a unique prefix will do), or its latest. */
export async function resolveSnapshot(s: SqlSession, d: SqlDialect, project: { id: number; name: string }, commit?: string): Promise<OriginInfo> {
  const snapshots = await findOrigins(s, d, 'o.project = ?', [project.id]);
  if (snapshots.length === 0) throw new GraphError(`project "${project.name}" has no recorded snapshot`);
  if (!commit) return snapshots.find((o) => o.latest) ?? snapshots[0]!;
  const prefix = commit.trim().toLowerCase();
  const hits = snapshots.filter((o) => o.commit.startsWith(prefix));
  if (hits.length === 1) return hits[0]!;
  const known = snapshots.map((o) => o.commit.slice(0, 12) || '(no commit)').join(', ');
  if (hits.length === 0) throw new GraphError(`project "${project.name}" has no snapshot at ${commit}; recorded: ${known}`);
  throw new GraphError(`${commit} matches ${hits.length} snapshots of "${project.name}"; give more of the commit`);
}

export async function snapshotView(s: SqlSession, d: SqlDialect, origin: OriginInfo): Promise<SnapshotView> {
  return { origin, packages: await snapshotPackages(s, d, origin), findings: await snapshotFindings(s, d, origin) };
}

async function snapshotPackages(s: SqlSession, d: SqlDialect, origin: OriginInfo): Promise<SnapshotPackage[]> {
  const rows = await s.all(
    d.statement(`SELECT g.pkg AS id, p.purl AS purl, p.base AS base, p.version AS version, g.parent AS parent, g.rel AS rel, g.scope AS scope, g.declared AS declared
      FROM g_dep g JOIN g_package p ON p.id = g.pkg WHERE g.origin = ? ORDER BY p.purl`),
    [origin.id],
  );
  const packages = new Map<number, SnapshotPackage>();
  for (const row of rows) {
    const id = int(row.id);
    const held = packages.get(id) ?? { id, purl: text(row.purl), base: text(row.base), version: text(row.version), direct: false, scope: [], declared: '' };
    if (int(row.parent) === 0 && int(row.rel) === 1) held.direct = true;
    if (!held.scope.length && text(row.scope)) held.scope = text(row.scope).split(',');
    held.declared ||= text(row.declared);
    packages.set(id, held);
  }
  return [...packages.values()];
}

/** The snapshot's findings with the VEX verdict that applies to each, open ones first. */
export async function snapshotFindings(s: SqlSession, d: SqlDialect, origin: OriginInfo): Promise<SnapshotView['findings']> {
  const certs = await s.all(
    d.statement(`SELECT c.pkg AS pkg, c.vuln AS vuln, c.severity AS severity, c.fixed AS fixed, p.purl AS purl, p.base AS base, p.version AS version
      FROM g_cert_vuln c JOIN g_package p ON p.id = c.pkg WHERE c.origin = ?`),
    [origin.id],
  );
  const classes = await aliasClasses(s, d, certs.map((c) => int(c.vuln)));
  const allIds = new Set([...classes.values()].flatMap((set) => [...set]));
  const names = await vulnNodes(s, d, allIds);
  const scopes = await loadVexScopes(s, d, allIds);
  const vexOrigins = await loadOrigins(s, d, [origin.id, ...scopes.map((sc) => sc.origin)]);
  const subject = (await subjectKeys(s, d, [origin])).get(origin.id);
  const findings = new Map<string, ProjectFinding & { key: string }>();
  for (const cert of certs) {
    const members = classes.get(int(cert.vuln)) ?? new Set([int(cert.vuln)]);
    const memberNames = [...members].map((id) => names.get(id)?.name ?? '').filter(Boolean);
    const id = preferredName(memberNames, names.get(int(cert.vuln))?.name);
    const key = `${text(cert.base)} ${[...memberNames].sort()[0] ?? id}`;
    if (findings.has(`${key}@${text(cert.version)}`)) continue;
    const pkg = { base: text(cert.base), version: text(cert.version) };
    const vex = applicableVex(scopes, { origin, pkg, vulns: members, ...(subject ? { subject } : {}) }, vexOrigins);
    const summary = [...members].map((m) => names.get(m)?.summary).find(Boolean);
    findings.set(`${key}@${text(cert.version)}`, {
      key,
      package: packageRef(text(cert.purl), text(cert.version)),
      vulnerability: {
        id,
        aliases: memberNames.filter((n) => n !== id).sort(),
        ...(text(cert.severity) ? { severity: text(cert.severity) } : {}),
        ...(summary ? { summary } : {}),
        ...(text(cert.fixed) ? { fixed: text(cert.fixed) } : {}),
      },
      ...(vex ? { vex: vex.verdict } : {}),
      open: isOpen(vex?.verdict),
    });
  }
  return [...findings.values()].sort((a, b) => Number(b.open) - Number(a.open) || compareText(a.package.purl, b.package.purl) || compareText(a.vulnerability.id, b.vulnerability.id));
}
