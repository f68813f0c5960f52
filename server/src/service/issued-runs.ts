import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { PACKAGE_MANAGERS, type PackageManagerRun } from '../protocol';

const MAX_ISSUED = 1_000;

/**
 * Package-manager runs the server planned for code actions in this session, by opaque id. A command
 * link, another extension or a repository can name an id, but only an id this server issued runs, and
 * only its own plan: no caller can choose the program, its arguments or its folder.
 */
export class IssuedRuns {
  private readonly runs = new Map<string, PackageManagerRun>();
  private readonly ids = new Map<string, string>();

  /** An id for the run (the same run keeps its id); undefined for a program that is not a package manager. */
  issue(run: PackageManagerRun): string | undefined {
    if (!PACKAGE_MANAGERS.has(basename(run.command))) return undefined;
    const key = JSON.stringify(run);
    const existing = this.ids.get(key);
    if (existing) return existing;
    const id = randomUUID();
    this.runs.set(id, run);
    this.ids.set(key, id);
    // Code actions are recomputed on every cursor move: keep the recent ones, not every one ever made.
    if (this.runs.size > MAX_ISSUED) {
      const [oldest, oldRun] = this.runs.entries().next().value as [string, PackageManagerRun];
      this.runs.delete(oldest);
      this.ids.delete(JSON.stringify(oldRun));
    }
    return id;
  }

  resolve(id: unknown): PackageManagerRun | undefined {
    return typeof id === 'string' ? this.runs.get(id) : undefined;
  }
}
