import { dirname } from 'node:path';
import type { Finding } from '../core/findings';
import { packageKey } from '../core/package';
import type { PackageQuery, SourceStatus, VulnerabilitySource } from '../osv/source';
import { type DependencyFile, hasFatalError } from './dependency-file';
import { type Omission, uniqueOmissions } from './omissions';
import type { FileReport } from './report-types';
import { type AnalysisMemos, analysisMemos, type AnalysisUnit, analyzeUnit, type UnitAnalysis, unitQueries } from './unit';
import type { WorkspaceFiles } from './workspace-files';

export interface WorkspaceAnalysis {
  units: UnitAnalysis[];
  /** One report per dependency file, by path. */
  reports: Map<string, FileReport>;
  findings: Finding[];
  packagesScanned: number;
  status: SourceStatus;
  /**
   * What was not read, so the answer is incomplete: files refused by the file reader (too large, not
   * a regular file, outside the workspace), includes refused the same way, and what discovery
   * skipped (passed in through `AnalyzeOptions.omissions`).
   */
  omissions: Omission[];
}

/**
 * Groups files into units: each lockfile with the manifests it resolves, each manifest without a
 * lockfile on its own. A lockfile that does not parse resolves nothing; its manifests are then read
 * on their own, and the lockfile keeps its one parse error.
 */
export function buildUnits(files: WorkspaceFiles, paths: readonly string[], root?: string): { units: AnalysisUnit[]; broken: DependencyFile[] } {
  const byLockfile = new Map<string, AnalysisUnit>();
  const alone: AnalysisUnit[] = [];
  const broken: DependencyFile[] = [];
  const all = paths.map((p) => files.get(p)).filter((f): f is DependencyFile => f !== undefined);
  const shadowed = shadowedLockfiles(all);
  const parsed = all.filter((f) => !shadowed.has(f));
  for (const file of parsed) {
    if (hasFatalError(file)) broken.push(file);
    else if (file.result.kind === 'lockfile' && !byLockfile.has(file.path)) byLockfile.set(file.path, { lockfile: file, manifests: [] });
  }
  for (const file of parsed) {
    if (file.result.kind !== 'manifest' || hasFatalError(file)) continue;
    const pair = files.lockfileFor(file, root);
    if (pair && !hasFatalError(pair.lockfile)) {
      const unit = byLockfile.get(pair.lockfile.path) ?? { lockfile: pair.lockfile, manifests: [] };
      byLockfile.set(pair.lockfile.path, unit);
      unit.manifests.push({ file, importerPath: pair.importerPath });
    } else {
      alone.push({ manifests: [{ file, importerPath: '' }] });
    }
  }
  return { units: [...byLockfile.values(), ...alone], broken };
}

export interface AnalyzeOptions {
  signal?: AbortSignal;
  root?: string;
  /** Omissions found before the analysis (discovery's), reported with the analysis's own. */
  omissions?: readonly Omission[];
  /** Memos kept by a long-lived caller (the language server) between analyses. */
  memos?: AnalysisMemos;
}

export async function analyzeWorkspace(files: WorkspaceFiles, paths: readonly string[], source: VulnerabilitySource, options: AnalyzeOptions = {}): Promise<WorkspaceAnalysis> {
  const { units, broken } = buildUnits(files, paths, options.root);
  const omissions = uniqueOmissions([...(options.omissions ?? []), ...paths.flatMap((p) => files.omissionsFor(p))]);
  const queries = new Map<string, PackageQuery>();
  for (const unit of units) {
    for (const q of unitQueries(unit)) {
      const key = packageKey(q.ecosystem.name, q.name);
      if (!queries.has(key)) queries.set(key, { ecosystem: q.ecosystem.name, name: q.name });
    }
  }
  const answer = await source.recordsFor([...queries.values()], options.signal);
  options.signal?.throwIfAborted();
  const memos = options.memos ?? analysisMemos();
  const analyses = units.map((unit) => analyzeUnit(unit, (ecosystem, name) => answer.records.get(packageKey(ecosystem.name, name)) ?? [], memos));
  const reports = new Map<string, FileReport>();
  for (const analysis of analyses) for (const report of analysis.reports) reports.set(report.path, report);
  for (const file of broken) {
    reports.set(file.path, {
      path: file.path,
      parser: file.parser.kind.parser,
      ecosystem: file.parser.ecosystem.name,
      kind: file.result.kind,
      errors: file.result.errors,
      dependencies: [],
      project: file.result.project?.name ?? '',
    });
  }
  return {
    units: analyses,
    reports,
    findings: analyses.flatMap((a) => a.findings),
    packagesScanned: analyses.reduce((n, a) => n + a.packagesScanned, 0),
    status: answer.status,
    omissions,
  };
}

/** Lockfiles the package manager ignores because a preferred one sits next to them. */
function shadowedLockfiles(files: readonly DependencyFile[]): Set<DependencyFile> {
  const out = new Set<DependencyFile>();
  for (const file of files) {
    const shadows = file.parser.kind.shadows;
    if (!shadows?.length || hasFatalError(file)) continue;
    for (const other of files) {
      if (other !== file && dirname(other.path) === dirname(file.path) && shadows.includes(other.parser.kind.parser)) out.add(other);
    }
  }
  return out;
}
