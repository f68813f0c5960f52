import { basename } from 'node:path';
import { rangesOverlap, type Range } from '../../core/text-range';
import type { TextEdit } from '../../ecosystems/types';
import type { DependencyReport, FileReport } from '../../analysis/report-types';
import type { UnitAnalysis } from '../../analysis/unit';
import type { WorkspaceFiles } from '../../analysis/workspace-files';
import type { FolderState } from '../folder-state';
import { fixAllEdit, fixPlansFor, type FixPlan } from '../fix-plans';
import { findReport, manifestsPullingIn } from './lookup';

/** Fixes for the dependencies overlapping `range`. */
export function codeActionsAt(folders: readonly FolderState[], files: WorkspaceFiles, path: string, range: Range): FixPlan[] {
  const found = findReport(folders, path);
  if (!found) return [];
  const plans: FixPlan[] = [];
  for (const dep of found.report.dependencies) {
    const r = dep.pkg.versionRange ?? dep.pkg.nameRange;
    if (!r || !rangesOverlap(r, range)) continue;
    plans.push(...plansFor(found.report, dep, files, found.unit));
    if (dep.stale && found.report.lockfile) {
      plans.push({ title: `Update ${basename(found.report.lockfile.path)} to match ${basename(path)}`, preferred: false, edits: [], command: { kind: 'update-lockfile', title: 'Update Lockfile', path }, target: { path, range: r } });
    }
  }
  return plans;
}

function plansFor(report: FileReport, dep: DependencyReport, files: WorkspaceFiles, unit: UnitAnalysis | undefined): FixPlan[] {
  return fixPlansFor(report, dep, (p) => files.get(p), (d) => manifestsPullingIn(d, unit));
}

/** Every preferred fix in a manifest, as one edit (source.fixAll.chainsight). */
export function fixAllIn(folders: readonly FolderState[], files: WorkspaceFiles, path: string): { path: string; edit: TextEdit } | undefined {
  const found = findReport(folders, path);
  const file = files.get(path);
  if (!found || !file || found.report.kind !== 'manifest') return undefined;
  const report = found.report;
  const edit = fixAllEdit(path, file.text, (fresh) => {
    const plans: FixPlan[] = [];
    for (const dep of report.dependencies) {
      const current = fresh.result.packages.find((p) => p.id === dep.pkg.id);
      if (current) plans.push(...fixPlansFor(report, { ...dep, pkg: current }, (p) => (p === path ? fresh : files.get(p)), () => []));
    }
    return plans;
  });
  return edit ? { path, edit } : undefined;
}
