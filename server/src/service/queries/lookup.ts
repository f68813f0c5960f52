import type { ExtractedPackage } from '../../core/package';
import { rangeContains, type Position } from '../../core/text-range';
import type { DependencyReport, FileReport } from '../../analysis/report-types';
import type { UnitAnalysis } from '../../analysis/unit';
import type { FolderState } from '../folder-state';

/** A file's report, the folder it belongs to and the unit that analysed it. */
export interface FileLookup {
  folder: FolderState;
  report: FileReport;
  unit?: UnitAnalysis;
}

export function findReport(folders: readonly FolderState[], path: string): FileLookup | undefined {
  for (const folder of folders) {
    const report = folder.analysis?.reports.get(path);
    if (!report) continue;
    const unit = folder.analysis!.units.find((u) => u.reports.some((r) => r.path === path));
    return { folder, report, ...(unit ? { unit } : {}) };
  }
  return undefined;
}

/** The dependency whose version or name token holds the position. */
export function dependencyAt(report: FileReport, position: Position): DependencyReport | undefined {
  return report.dependencies.find((d) => (d.pkg.versionRange && rangeContains(d.pkg.versionRange, position)) || (d.pkg.nameRange && rangeContains(d.pkg.nameRange, position)));
}

/** Dependency paths from the project down to this entry, project name first, shortest first. */
export function dependencyPaths(report: FileReport, dep: DependencyReport, unit: UnitAnalysis | undefined): string[][] {
  if (report.kind === 'manifest') {
    const name = dep.resolved?.pkg.name ?? dep.pkg.name;
    return [[report.project, dep.pkg.alias ?? name]];
  }
  if (!unit?.graph) return [];
  const graph = unit.graph;
  const out: string[][] = [];
  for (const root of unit.roots) {
    for (const ids of graph.pathsTo(dep.pkg.id, root.ids).values()) out.push([root.project, ...ids.map((id) => graph.package(id)?.name ?? id)]);
  }
  return out.sort((a, b) => a.length - b.length);
}

export interface PullingManifest {
  manifest: string;
  lockfileParser?: string;
  /** The manifest's own declaration when the entry is one of its direct dependencies. */
  declared?: ExtractedPackage;
}

/** For a lockfile entry: the manifests whose projects pull it in, and their own declaration if direct. */
export function manifestsPullingIn(dep: DependencyReport, unit: UnitAnalysis | undefined): PullingManifest[] {
  const out: PullingManifest[] = [];
  if (!unit?.graph) return out;
  for (const root of unit.roots) {
    if (!root.manifest || unit.graph.pathsTo(dep.pkg.id, root.ids).size === 0) continue;
    const manifestReport = unit.reports.find((r) => r.path === root.manifest!.path);
    const declared = manifestReport?.dependencies.find((d) => d.resolved?.pkg.id === dep.pkg.id)?.pkg;
    out.push({ manifest: root.manifest.path, ...(unit.unit.lockfile ? { lockfileParser: unit.unit.lockfile.parser.kind.parser } : {}), ...(declared ? { declared } : {}) });
  }
  return out;
}
