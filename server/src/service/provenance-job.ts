import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { PackageProvenance } from '../provenance/types';
import { provenanceKey, WorkspaceProvenance } from '../provenance/workspace-check';
import type { DataResources, HttpSettings } from './data-resources';
import type { FolderState } from './folder-state';

export interface ProvenanceJobHost {
  httpSettings(): Promise<HttpSettings>;
  log(message: string): void;
  /** New results are in (publish again). */
  updated(): void;
  /** The job started or ended (the status changes). */
  stateChanged(): void;
}

/**
 * Registry signatures and provenance of the analysed lockfiles, checked in the background (it is
 * network work) after each analysis. A newer analysis cancels an older check. Results are kept by
 * package@version across analyses, so an edit does not lose what was already verified.
 */
export class ProvenanceJob {
  private readonly results = new Map<string, PackageProvenance>();
  private job: { controller: AbortController; done: Promise<void> } | undefined;

  constructor(
    private readonly host: ProvenanceJobHost,
    private readonly resources: DataResources,
  ) {}

  get running(): boolean {
    return this.job !== undefined;
  }

  get hasResults(): boolean {
    return this.results.size > 0;
  }

  /** Starts a check of the folders that want one (all of them when `force`: the audit was asked for). */
  start(folders: readonly FolderState[], trusted: boolean, force = false): void {
    this.job?.controller.abort();
    const wanted = folders.filter((f) => (force || f.settings.provenance.enable) && f.analysis);
    if (wanted.length === 0) {
      this.job = undefined;
      return;
    }
    const controller = new AbortController();
    const done = this.check(wanted, trusted, controller).finally(() => {
      if (this.job?.controller !== controller) return;
      this.job = undefined;
      this.host.stateChanged();
    });
    this.job = { controller, done };
    this.host.stateChanged();
  }

  private async check(folders: readonly FolderState[], trusted: boolean, controller: AbortController): Promise<void> {
    try {
      const store = await this.resources.store().catch(() => undefined);
      const http = await this.host.httpSettings();
      for (const folder of folders) {
        const root = folder.settings.sigstore.trustedRoot.trim();
        const checker = new WorkspaceProvenance({
          dispatcher: await this.resources.dispatcher(http),
          tufCachePath: store ? dirname(store.path) : join(tmpdir(), 'chainsight'),
          ...(store ? { cache: store.keyedCache() } : {}),
          ...(root ? { trustedRootPath: isAbsolute(root) ? root : resolve(folder.root, root) } : {}),
          trusted,
          workspaceRoots: [folder.root],
          breaker: this.resources.breaker,
          offline: folder.settings.osv.mode === 'offline',
        });
        const lockfiles = folder.analysis!.units.map((u) => u.unit.lockfile).filter((l): l is NonNullable<typeof l> => l !== undefined);
        const results = await checker.check(lockfiles, controller.signal);
        if (controller.signal.aborted) return;
        for (const [key, result] of results) this.results.set(key, result);
      }
      if (!controller.signal.aborted) this.host.updated();
    } catch (err) {
      if (!controller.signal.aborted) this.host.log(`signature and provenance check failed: ${(err as Error).stack ?? err}`);
    }
  }

  /** Waits for the current check, starting one for every folder if none runs. */
  async complete(folders: readonly FolderState[], trusted: boolean, signal?: AbortSignal): Promise<void> {
    if (!this.job) this.start(folders, trusted, true);
    const job = this.job;
    if (!job) return;
    const onAbort = () => job.controller.abort();
    signal?.addEventListener('abort', onAbort);
    try {
      await job.done;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    signal?.throwIfAborted();
  }

  /** The result for one package, if checked. */
  resultFor(ecosystem: PackageProvenance['ecosystem'], name: string, version: string): PackageProvenance | undefined {
    return this.results.get(provenanceKey(ecosystem, name, version));
  }

  /** Everything checked, keyed by `provenanceKey` (older versions included). */
  all(): ReadonlyMap<string, PackageProvenance> {
    return this.results;
  }

  /** Results for the packages of the current analyses only. */
  current(folders: readonly FolderState[]): PackageProvenance[] {
    const keys = new Set<string>();
    for (const folder of folders) {
      for (const unit of folder.analysis?.units ?? []) {
        for (const pkg of unit.unit.lockfile?.result.packages ?? []) if (pkg.source === 'registry' && pkg.version) keys.add(provenanceKey(pkg.ecosystem, pkg.name, pkg.version));
      }
    }
    return [...keys].map((k) => this.results.get(k)).filter((r): r is PackageProvenance => r !== undefined);
  }

  dispose(): void {
    this.job?.controller.abort();
  }
}
