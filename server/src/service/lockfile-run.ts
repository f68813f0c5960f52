import { dirname } from 'node:path';
import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import type { PackageManagerRun } from '../protocol';

/**
 * The package-manager run that brings a project's lockfile back in line with its manifests: for the
 * project `path` (a manifest or lockfile) belongs to, or the first stale project when no path is given.
 */
export function lockfileRunFor(analyses: readonly WorkspaceAnalysis[], path: string | undefined): PackageManagerRun | undefined {
  for (const analysis of analyses) {
    for (const unit of analysis.units) {
      const lockfile = unit.unit.lockfile;
      if (!lockfile) continue;
      const members = [lockfile.path, ...unit.unit.manifests.map((m) => m.file.path)];
      const stale = unit.reports.some((r) => r.dependencies.some((d) => d.stale) || r.staleRemoved?.length);
      if (path ? !members.includes(path) : !stale) continue;
      const command = lockfile.parser.ecosystem.lockfileCommand?.(lockfile.parser.kind.parser, lockfile.text);
      if (command) return { ...command, cwd: dirname(lockfile.path), lockfile: lockfile.path };
    }
  }
  return undefined;
}
