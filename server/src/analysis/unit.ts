import { basename, dirname } from 'node:path';
import type { FileLocation, Finding } from '../core/findings';
import type { ExtractedPackage } from '../core/package';
import { maxSeverity } from '../core/severity';
import type { Ecosystem } from '../ecosystems/types';
import type { OsvRecord } from '../osv/types';
import { assessPackage, type PackageAssessment } from './assess-package';
import type { DependencyFile } from './dependency-file';
import { rangeNotes } from './range-notes';
import type { DependencyReport, FileReport } from './report-types';
import { DependencyGraph } from './paths';
import { type ManifestResolution, ManifestResolutions } from './manifest-resolutions';
import { AdvisoryMemo } from './advisory-memo';
import { staleness } from './staleness';

/**
 * The unit of analysis: a lockfile and the manifests it resolves (one per workspace member), or a
 * manifest alone when it has no lockfile. Everything in a unit shares one dependency graph.
 */
export interface AnalysisUnit {
  lockfile?: DependencyFile;
  manifests: Array<{ file: DependencyFile; importerPath: string }>;
}

export interface UnitAnalysis {
  unit: AnalysisUnit;
  findings: Finding[];
  reports: FileReport[];
  /** Registry packages whose versions were checked. */
  packagesScanned: number;
  graph?: DependencyGraph;
  /** Direct dependency ids of each project in the unit (lockfile ids). */
  roots: Array<{ manifest?: DependencyFile; project: string; ids: string[] }>;
}

export type RecordLookup = (ecosystem: Ecosystem, name: string) => readonly OsvRecord[];

/** Packages of the unit that need advisory records: what the source must be asked for. */
export function unitQueries(unit: AnalysisUnit): Array<{ ecosystem: Ecosystem; name: string }> {
  const out: Array<{ ecosystem: Ecosystem; name: string }> = [];
  if (unit.lockfile) for (const pkg of unit.lockfile.result.packages) if (pkg.source === 'registry' && pkg.version) out.push({ ecosystem: unit.lockfile.parser.ecosystem, name: pkg.name });
  for (const { file } of unit.manifests) for (const pkg of file.result.packages) if (pkg.source === 'registry') out.push({ ecosystem: file.parser.ecosystem, name: pkg.name });
  return out;
}

/**
 * What may outlive one analysis (the language server keeps one per workspace): manifest resolutions
 * and what was derived from advisory records, each keyed on the parsed files and records themselves.
 */
export interface AnalysisMemos {
  resolutions: ManifestResolutions;
  advisories: AdvisoryMemo;
}

export function analysisMemos(): AnalysisMemos {
  return { resolutions: new ManifestResolutions(), advisories: new AdvisoryMemo() };
}

export function analyzeUnit(unit: AnalysisUnit, records: RecordLookup, memos: AnalysisMemos = analysisMemos()): UnitAnalysis {
  return unit.lockfile ? analyzeLockedUnit(unit, unit.lockfile, records, memos) : analyzeManifestOnly(unit, records, memos.advisories);
}

// ---- a lockfile and its manifests ------------------------------------------------------------------

function analyzeLockedUnit(unit: AnalysisUnit, lockfile: DependencyFile, records: RecordLookup, { resolutions, advisories }: AnalysisMemos): UnitAnalysis {
  const ecosystem = lockfile.parser.ecosystem;
  const packages = lockfile.result.packages;
  const graph = new DependencyGraph(packages);
  const roots = projectRoots(unit, lockfile, resolutions);
  const allRoots = [...new Set(roots.flatMap((r) => r.ids))];
  const directIds = new Set(allRoots);

  // Where each direct dependency is declared, for locations and related information.
  const declarations = new Map<string, FileLocation[]>();
  const manifestReports = new Map<DependencyFile, ManifestResolution>();
  for (const root of roots) {
    if (!root.manifest) continue;
    const mapping = resolveManifest(root.manifest, lockfile, root.importer, resolutions);
    manifestReports.set(root.manifest, mapping);
    for (const [pkg, id] of mapping) {
      if (!id || !pkg.versionRange) continue;
      const list = declarations.get(id) ?? [];
      list.push({ file: root.manifest.path, range: pkg.versionRange });
      declarations.set(id, list);
    }
  }

  const assessments = new Map<string, PackageAssessment | undefined>();
  const findings = new Map<string, Finding>();
  let scanned = 0;
  for (const pkg of packages) {
    if (pkg.source !== 'registry' || !pkg.version) continue;
    scanned++;
    const key = `${pkg.name}@${pkg.version}`;
    if (!assessments.has(key)) assessments.set(key, assessPackage(records(ecosystem, pkg.name), ecosystem, pkg.name, pkg.version, advisories));
    const assessment = assessments.get(key);
    if (!assessment || assessment.vulnerabilities.length === 0) continue;
    const pathIds = graph.pathsTo(pkg.id, allRoots);
    const locations: FileLocation[] = [];
    if (pkg.versionRange) locations.push({ file: lockfile.path, range: pkg.versionRange });
    locations.push(...(declarations.get(pkg.id) ?? []));
    findings.set(pkg.id, {
      ecosystem: ecosystem.name,
      name: pkg.name,
      version: pkg.version,
      purl: ecosystem.purl(pkg.name, pkg.version),
      direct: directIds.has(pkg.id),
      paths: sortedPaths([...pathIds.values()].map((ids) => ids.map((id) => graph.package(id)?.name ?? id))),
      locations,
      vulnerabilities: assessment.vulnerabilities,
      severity: maxSeverity(assessment.vulnerabilities.map((v) => v.severity)),
      ...(assessment.fix ? { fix: assessment.fix } : {}),
      file: lockfile.path,
      packageId: pkg.id,
    });
  }

  const unorderedOf = (id: string | undefined): Pick<DependencyReport, 'unordered'> => {
    const pkg = id === undefined ? undefined : graph.package(id);
    const unordered = pkg ? assessments.get(`${pkg.name}@${pkg.version}`)?.unordered : undefined;
    return unordered?.length ? { unordered } : {};
  };

  // Which direct dependencies pull in each finding, and along which path.
  const reach = new Map<string, Map<string, string[]>>();
  for (const id of findings.keys()) reach.set(id, graph.pathsTo(id, allRoots));

  const reports: FileReport[] = [];
  for (const root of roots) {
    if (!root.manifest) continue;
    const mapping = manifestReports.get(root.manifest)!;
    const stale = staleness(root.manifest, lockfile, root.importer, mapping);
    // Packages an override, or a direct requirement where one version serves everyone, is about to
    // replace: their locked versions will not survive the next install, so no parent is blamed for them.
    const normalize = (name: string) => lockfile.parser.ecosystem.normalizeName(name);
    const replacedNames = new Set([...stale.overrides.map((o) => normalize(o.declaration.name)), ...stale.replaced]);
    const replacedFindings = new Set([...findings].filter(([, f]) => replacedNames.has(normalize(f.name))).map(([findingId]) => findingId));
    const dependencies: DependencyReport[] = [];
    for (const [pkg, id] of mapping) {
      const resolved = id ? graph.package(id) : undefined;
      const transitive = [];
      if (id) {
        for (const [findingId, byRoot] of reach) {
          if (findingId === id || replacedFindings.has(findingId)) continue;
          const path = byRoot.get(id);
          if (path) transitive.push({ finding: findings.get(findingId)!, path: path.map((p) => graph.package(p)?.name ?? p) });
        }
      }
      dependencies.push({
        file: root.manifest.path,
        pkg,
        ...(resolved ? { resolved: { file: lockfile.path, pkg: resolved } } : {}),
        ...(id && findings.has(id) ? { own: findings.get(id)! } : {}),
        transitive: transitive.sort((a, b) => a.path.length - b.path.length || a.finding.name.localeCompare(b.finding.name)),
        notes: [],
        ...(stale.byPackage.has(pkg) ? { stale: stale.byPackage.get(pkg)! } : {}),
        ...unorderedOf(id),
        pulledInBy: [],
      });
    }
    reports.push({
      ...fileReportBase(root.manifest, root.project),
      dependencies,
      lockfile: { path: lockfile.path, parser: lockfile.parser.kind.parser },
      ...(stale.removed.length ? { staleRemoved: stale.removed } : {}),
      ...(stale.overrides.length ? { staleOverrides: stale.overrides.map((o) => ({ range: o.declaration.range, message: o.message })) } : {}),
    });
  }

  const lockReport: FileReport = { ...fileReportBase(lockfile, roots[0]?.project ?? projectName(lockfile)), dependencies: [] };
  for (const pkg of packages) {
    const finding = findings.get(pkg.id);
    const pulledInBy = finding ? [...(reach.get(pkg.id)?.keys() ?? [])].flatMap((rootId) => declarations.get(rootId) ?? []) : [];
    lockReport.dependencies.push({ file: lockfile.path, pkg: directIds.has(pkg.id) === pkg.direct ? pkg : { ...pkg, direct: directIds.has(pkg.id) }, ...(finding ? { own: finding } : {}), ...unorderedOf(pkg.id), transitive: [], notes: [], pulledInBy });
  }
  reports.push(lockReport);

  return { unit, findings: [...findings.values()], reports, packagesScanned: scanned, graph, roots: roots.map((r) => ({ ...(r.manifest ? { manifest: r.manifest } : {}), project: r.project, ids: r.ids })) };
}

interface ProjectRoot {
  manifest?: DependencyFile;
  importer: string;
  project: string;
  ids: string[];
}

/** The direct dependencies of every project the unit covers, as lockfile ids. */
function projectRoots(unit: AnalysisUnit, lockfile: DependencyFile, resolutions: ManifestResolutions): ProjectRoot[] {
  const importers = lockfile.result.importers;
  if (unit.manifests.length === 0) {
    if (importers?.length) return importers.map((i) => ({ importer: i.path, project: i.name ?? (i.path || projectName(lockfile)), ids: i.dependencies }));
    return [{ importer: '', project: projectName(lockfile), ids: lockfile.result.packages.filter((p) => p.direct).map((p) => p.id) }];
  }
  return unit.manifests.map(({ file, importerPath }) => {
    const ids = [...new Set([...resolveManifest(file, lockfile, importerPath, resolutions).values()].filter((id): id is string => id !== undefined))];
    return { manifest: file, importer: importerPath, project: file.result.project?.name ?? projectName(file), ids };
  });
}

/**
 * Maps each manifest dependency to the lockfile entry it resolves to. The lockfile's own record of
 * the project's direct dependencies wins; lockfiles that keep none (yarn v1, poetry.lock, npm v1)
 * are matched by name, preferring the entry whose version satisfies the declared requirement and,
 * among those, the shallowest.
 */
function resolveManifest(manifest: DependencyFile, lockfile: DependencyFile, importerPath: string, resolutions: ManifestResolutions): ManifestResolution {
  return resolutions.get(manifest, lockfile, importerPath, () => resolveManifestNow(manifest, lockfile, importerPath));
}

function resolveManifestNow(manifest: DependencyFile, lockfile: DependencyFile, importerPath: string): ManifestResolution {
  const ecosystem = lockfile.parser.ecosystem;
  const out = new Map<ExtractedPackage, string | undefined>();
  const importer = lockfile.result.importers?.find((i) => i.path === importerPath);
  const byName = new Map<string, ExtractedPackage[]>();
  for (const pkg of lockfile.result.packages) {
    for (const key of new Set([pkg.alias ?? pkg.name, pkg.name])) {
      const list = byName.get(key);
      if (list) list.push(pkg);
      else byName.set(key, [pkg]);
    }
  }
  const importerIds = importer ? new Set(importer.dependencies) : undefined;
  for (const dep of manifest.result.packages) {
    const key = dep.alias ?? dep.name;
    let candidates = byName.get(key) ?? [];
    if (importerIds) {
      candidates = candidates.filter((c) => importerIds.has(c.id));
    } else if (candidates.length > 1 && dep.requirement && candidates.some((c) => c.descriptors?.includes(`${key}@${dep.requirement}`))) {
      candidates = candidates.filter((c) => c.descriptors?.includes(`${key}@${dep.requirement}`));
    } else if (candidates.length > 1 && dep.requirement && ecosystem.requirements) {
      const satisfying = candidates.filter((c) => c.version && ecosystem.requirements!.admits(dep.requirement!, { introduced: c.version, lastAffected: c.version }) === true);
      if (satisfying.length) candidates = satisfying;
    }
    const best = [...candidates].sort((a, b) => a.id.length - b.id.length || a.id.localeCompare(b.id))[0];
    out.set(dep, best?.id);
  }
  return out;
}

// ---- a manifest without a lockfile -----------------------------------------------------------------

function analyzeManifestOnly(unit: AnalysisUnit, records: RecordLookup, advisories: AdvisoryMemo): UnitAnalysis {
  const findings: Finding[] = [];
  const reports: FileReport[] = [];
  let scanned = 0;
  for (const { file } of unit.manifests) {
    const ecosystem = file.parser.ecosystem;
    const dependencies: DependencyReport[] = [];
    for (const pkg of file.result.packages) {
      const report: DependencyReport = { file: file.path, pkg, transitive: [], notes: [], pulledInBy: [] };
      dependencies.push(report);
      if (pkg.source !== 'registry') continue;
      const exact = pkg.version || (pkg.requirement !== undefined ? ecosystem.requirements?.exact(pkg.requirement) : undefined);
      const all = records(ecosystem, pkg.name);
      if (exact) {
        scanned++;
        const assessment = assessPackage(all, ecosystem, pkg.name, exact, advisories);
        if (assessment.unordered.length) report.unordered = assessment.unordered;
        if (assessment.vulnerabilities.length) {
          const finding: Finding = {
            ecosystem: ecosystem.name,
            name: pkg.name,
            version: exact,
            purl: ecosystem.purl(pkg.name, exact),
            direct: true,
            paths: [[pkg.name]],
            locations: pkg.versionRange ? [{ file: file.path, range: pkg.versionRange }] : [],
            vulnerabilities: assessment.vulnerabilities,
            severity: maxSeverity(assessment.vulnerabilities.map((v) => v.severity)),
            ...(assessment.fix ? { fix: assessment.fix } : {}),
            file: file.path,
            packageId: pkg.id,
          };
          findings.push(finding);
          report.own = finding;
        }
      } else if (pkg.requirement !== undefined) {
        report.notes = rangeNotes(all, ecosystem, pkg.name, pkg.requirement, advisories);
      }
    }
    reports.push({ ...fileReportBase(file, file.result.project?.name ?? projectName(file)), dependencies });
  }
  return { unit, findings, reports, packagesScanned: scanned, roots: [] };
}

// ---- shared ----------------------------------------------------------------------------------------

function fileReportBase(file: DependencyFile, project: string): Omit<FileReport, 'dependencies'> {
  return { path: file.path, parser: file.parser.kind.parser, ecosystem: file.parser.ecosystem.name, kind: file.result.kind, errors: file.result.errors, project };
}

function projectName(file: DependencyFile): string {
  return basename(dirname(file.path)) || file.path;
}

function sortedPaths(paths: string[][]): string[][] {
  return paths.sort((a, b) => a.length - b.length || a.join('>').localeCompare(b.join('>')));
}

