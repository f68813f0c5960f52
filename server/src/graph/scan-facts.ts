import type { UnitAnalysis } from '../analysis/unit';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { ExtractedPackage } from '../core/package';
import type { Ecosystem } from '../ecosystems/types';
import type { ProjectIdentity } from '../projects/project-identity';
import { emptyBundle, type DepFact, type FactBundle } from './facts';
import { packageKey, packageKeyFor, type PackageKey } from './purls';

/** A signature or provenance verdict on one package version (provenance/ results, by purl). */
export interface PackageVerdict {
  purl: string;
  signature?: { status: string; reason: string };
  provenance?: { status: string; reason: string };
}

/** One scan of a project folder, as `scan --record` and the editor record it. */
export interface ScanSnapshot {
  analysis: WorkspaceAnalysis;
  project: ProjectIdentity;
  /** The folder scanned. */
  root: string;
  /** `chainsight <version>`. */
  tool: string;
  verdicts?: readonly PackageVerdict[];
}

/**
 * What a scan teaches: the project's packages with their dependency edges (lockfile roots are direct,
 * lockfile edges link parents to children, declared ranges come from the manifests), lockfile
 * integrity as artifacts, findings as certifyVuln with their aliases, and verdicts as metadata.
 */
export function scanFacts(snapshot: ScanSnapshot): FactBundle {
  const { analysis, project } = snapshot;
  const status = analysis.status;
  const subject = project.self ? packageKey(project.self.purl) : undefined;
  const bundle = emptyBundle({
    kind: 'scan',
    commit: project.commit ?? '',
    ref: project.branch ?? '',
    root: snapshot.root,
    dataSource: `${status.kind}: ${status.description}`,
    ...(status.dataTime !== undefined ? { dataTime: status.dataTime } : {}),
    tool: snapshot.tool,
    subjectName: project.name,
    subjectVersion: project.self?.version ?? '',
    ...(subject ? { subjectPurl: subject.purl } : {}),
  });
  if (subject) bundle.packages.set(subject.purl, subject);
  const deps = new Map<string, DepFact>();
  const addDep = (fact: DepFact) => {
    const key = `${fact.pkg}\n${fact.parent}`;
    if (!deps.has(key)) deps.set(key, fact);
  };
  for (const unit of analysis.units) {
    if (unit.unit.lockfile) lockedUnit(unit, bundle, addDep);
    else manifestUnit(unit, bundle, addDep);
  }
  bundle.deps = [...deps.values()];
  for (const finding of analysis.findings) {
    const key = remember(bundle, packageKey(finding.purl));
    if (!key) continue;
    for (const v of finding.vulnerabilities) {
      bundle.certVulns.push({ pkg: key.purl, vuln: v.id, severity: v.severity, fixed: v.fixed ?? '' });
      if (v.summary) bundle.vulnSummaries.set(v.id, v.summary);
      for (const alias of new Set([...v.aliases, ...v.records])) if (alias !== v.id) bundle.vulnEquals.push([v.id, alias]);
    }
  }
  for (const verdict of snapshot.verdicts ?? []) {
    const key = remember(bundle, packageKey(verdict.purl));
    if (!key) continue;
    if (verdict.signature) bundle.meta.push({ pkg: key.purl, key: 'signature', value: verdict.signature.status, reason: verdict.signature.reason });
    if (verdict.provenance) bundle.meta.push({ pkg: key.purl, key: 'provenance', value: verdict.provenance.status, reason: verdict.provenance.reason });
  }
  return bundle;
}

function lockedUnit(unit: UnitAnalysis, bundle: FactBundle, addDep: (fact: DepFact) => void): void {
  const lockfile = unit.unit.lockfile!;
  const ecosystem = lockfile.parser.ecosystem;
  const packages = lockfile.result.packages;
  const keys = new Map<string, PackageKey>();
  const cache = new Map<string, PackageKey | undefined>();
  for (const pkg of packages) {
    if (pkg.source !== 'registry' || !pkg.version) continue;
    const id = `${pkg.name}@${pkg.version}`;
    if (!cache.has(id)) cache.set(id, remember(bundle, packageKeyFor(ecosystem.name, pkg.name, pkg.version)));
    const key = cache.get(id);
    if (key) keys.set(pkg.id, key);
  }
  const parents = new Map<string, string[]>();
  for (const pkg of packages) for (const child of pkg.dependencies ?? []) parents.set(child, [...(parents.get(child) ?? []), pkg.id]);
  const roots = new Set(unit.roots.flatMap((r) => r.ids));
  const declared = declaredRanges(unit, lockfile.path);
  for (const pkg of packages) {
    const key = keys.get(pkg.id);
    if (!key) continue;
    const scope = pkg.groups.join(',');
    const registryParents = (parents.get(pkg.id) ?? []).map((id) => keys.get(id)).filter((k): k is PackageKey => k !== undefined);
    if (roots.has(pkg.id)) addDep({ pkg: key.purl, parent: '', rel: 1, scope, declared: declared.get(pkg.id) ?? '' });
    for (const parent of registryParents) addDep({ pkg: key.purl, parent: parent.purl, rel: 1, scope, declared: '' });
    if (!roots.has(pkg.id) && registryParents.length === 0) addDep({ pkg: key.purl, parent: '', rel: pkg.direct ? 1 : 2, scope, declared: '' });
    for (const artifact of integrityArtifacts(pkg.integrity)) bundle.occurrences.push({ artifact, pkg: key.purl });
  }
}

function manifestUnit(unit: UnitAnalysis, bundle: FactBundle, addDep: (fact: DepFact) => void): void {
  for (const { file } of unit.unit.manifests) {
    const ecosystem: Ecosystem = file.parser.ecosystem;
    for (const pkg of file.result.packages) {
      if (pkg.source !== 'registry') continue;
      const version = exactVersion(ecosystem, pkg);
      // A range with no lockfile is still a dependency: stored versionless, with the range declared.
      const key = remember(bundle, packageKeyFor(ecosystem.name, pkg.name, version));
      if (key) addDep({ pkg: key.purl, parent: '', rel: 1, scope: pkg.groups.join(','), declared: pkg.requirement ?? '' });
    }
  }
}

function exactVersion(ecosystem: Ecosystem, pkg: ExtractedPackage): string {
  if (pkg.version) return pkg.version;
  return pkg.requirement !== undefined ? (ecosystem.requirements?.exact(pkg.requirement) ?? '') : '';
}

/** Lockfile id → the range its manifest declares, for the direct dependencies. */
function declaredRanges(unit: UnitAnalysis, lockfilePath: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const report of unit.reports) {
    if (report.kind !== 'manifest') continue;
    for (const dep of report.dependencies) {
      if (dep.resolved?.file === lockfilePath && dep.pkg.requirement !== undefined && !out.has(dep.resolved.pkg.id)) out.set(dep.resolved.pkg.id, dep.pkg.requirement);
    }
  }
  return out;
}

function remember(bundle: FactBundle, key: PackageKey | undefined): PackageKey | undefined {
  if (!key) return undefined;
  const held = bundle.packages.get(key.purl);
  if (held) return held;
  bundle.packages.set(key.purl, key);
  return key;
}

/** Lockfile integrity (SRI `sha512-<base64>`, several allowed) as `algorithm:hex` artifact keys. */
export function integrityArtifacts(integrity: string | undefined): string[] {
  if (!integrity) return [];
  const out: string[] = [];
  for (const part of integrity.split(/\s+/)) {
    const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/.exec(part);
    if (m) out.push(`${m[1]}:${Buffer.from(m[2]!, 'base64').toString('hex')}`);
  }
  return out;
}
