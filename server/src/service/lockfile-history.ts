import type { WorkspaceAnalysis } from '../analysis/workspace-analysis';
import { lockedScripts, type LockedScripts } from '../triage/package-extras';

/**
 * The previous text of each lockfile, as far as install scripts go: when a package manager (or the
 * user) rewrites a lockfile while the editor is open, what it locked before is remembered here, so a
 * policy can ask whether a new version brought install scripts the old one did not have
 * (`pkg.newInstallScripts`). The first text a session sees has no previous one.
 */
export class LockfileHistory {
  private readonly current = new Map<string, { versions: string; scripts: LockedScripts }>();
  private readonly before = new Map<string, LockedScripts>();

  /** Records the lockfiles of an analysis; a lockfile whose locked versions changed moves its old record to "previous". */
  observe(analysis: WorkspaceAnalysis): void {
    for (const unit of analysis.units) {
      const lockfile = unit.unit.lockfile;
      if (!lockfile) continue;
      const packages = lockfile.result.packages;
      const versions = packages.map((p) => `${p.name}@${p.version}:${p.installScripts ?? ''}`).join('\n');
      const seen = this.current.get(lockfile.path);
      if (seen?.versions === versions) continue;
      if (seen) this.before.set(lockfile.path, seen.scripts);
      this.current.set(lockfile.path, { versions, scripts: lockedScripts(packages) });
    }
  }

  /** The previous record of each lockfile that has one. */
  previous(): ReadonlyMap<string, LockedScripts> {
    return this.before;
  }
}
