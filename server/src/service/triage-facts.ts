import type { KevCatalog } from '../kev/catalog';
import { KevSource, type KevStatus } from '../kev/kev-source';
import type { ChainsightSettings } from '../settings';
import { npmReleaseTimes } from '../triage/release-times';
import type { DataResources, HttpSettings } from './data-resources';
import type { FolderState } from './folder-state';

export interface TriageFactsHost {
  httpSettings(): Promise<HttpSettings>;
  log(message: string): void;
  /** New facts arrived (a KEV catalog, publish times): apply triage again and publish. */
  updated(): void;
}

/** Offline means no connection (docs/security.md): offline mode, or offline data that stands in for OSV. */
export function isOffline(settings: ChainsightSettings): boolean {
  return settings.osv.mode === 'offline' || settings.osv.offlineData.trim() !== '';
}

/**
 * The facts triage needs from the network, fetched in the background so diagnostics never wait on
 * them: CISA's KEV catalog (through the store's cache; offline, only the copy already there) and,
 * when a policy rule reads the release age, npm publish times. Kept across analyses.
 */
export class TriageFacts {
  private readonly kevSources = new Map<string, KevSource>();
  private kev: { catalog?: KevCatalog; status?: KevStatus } = {};
  /** Publish time per `npm|name|version`. */
  readonly published = new Map<string, string>();
  private job: AbortController | undefined;
  private kevLoading: Promise<void> | undefined;

  constructor(
    private readonly host: TriageFactsHost,
    private readonly resources: DataResources,
  ) {}

  get catalog(): KevCatalog | undefined {
    return this.kev.catalog;
  }

  get kevStatus(): KevStatus | undefined {
    return this.kev.status;
  }

  /** Starts loading what is missing; `releaseAge` lists the folders whose policy reads the release age. */
  refresh(settings: ChainsightSettings | undefined, releaseAge: readonly FolderState[], trusted: boolean): void {
    // KEV is one download for the whole session: a load in flight is not cancelled by the next
    // analysis (typing would otherwise restart it for ever).
    this.kevLoading ??= this.loadKev(settings)
      .catch((err: unknown) => this.host.log(`loading the KEV catalog failed: ${(err as Error).stack ?? err}`))
      .finally(() => (this.kevLoading = undefined));
    this.job?.abort();
    const online = releaseAge.filter((f) => !isOffline(f.settings));
    if (online.length === 0) return;
    const controller = new AbortController();
    this.job = controller;
    void this.loadReleaseTimes(online, trusted, controller.signal).catch((err: unknown) => {
      if (!controller.signal.aborted) this.host.log(`fetching publish times failed: ${(err as Error).stack ?? err}`);
    });
  }

  private async loadKev(settings: ChainsightSettings | undefined): Promise<void> {
    if (!settings?.kev.enable) {
      if (!this.kev.catalog && !this.kev.status) return;
      this.kev = {};
      return this.host.updated();
    }
    const load = await (await this.kevSource(settings)).load();
    // Only a new catalog changes findings; its status shows with the next analysis.
    const changed = load.catalog !== this.kev.catalog;
    this.kev = { ...(load.catalog ? { catalog: load.catalog } : {}), status: load.status };
    if (changed) this.host.updated();
  }

  private async loadReleaseTimes(folders: readonly FolderState[], trusted: boolean, signal: AbortSignal): Promise<void> {
    const store = await this.resources.store().catch(() => undefined);
    const lockfiles = folders.flatMap((f) => f.analysis?.units.map((u) => u.unit.lockfile).filter((l): l is NonNullable<typeof l> => l !== undefined) ?? []);
    const http = { dispatcher: await this.resources.dispatcher(await this.host.httpSettings()), breaker: this.resources.breaker };
    const times = await npmReleaseTimes(lockfiles, { http, ...(store ? { cache: store.keyedCache() } : {}), trusted, signal }, this.published);
    if (signal.aborted) return;
    for (const [key, at] of times) this.published.set(key, at);
    if (times.size) this.host.updated();
  }

  private async kevSource(settings: ChainsightSettings): Promise<KevSource> {
    const mode = isOffline(settings) ? 'offline' : 'online';
    const key = `${mode}|${settings.kev.url}|${settings.kev.cacheTtl}`;
    let source = this.kevSources.get(key);
    if (!source) {
      const store = await this.resources.store();
      source = new KevSource({
        http: { dispatcher: await this.resources.dispatcher(await this.host.httpSettings()), breaker: this.resources.breaker },
        cache: store.keyedCache(),
        mode,
        url: settings.kev.url,
        ttlMs: Math.max(0, settings.kev.cacheTtl) * 60 * 60 * 1000,
      });
      this.kevSources.set(key, source);
    }
    return source;
  }

  dispose(): void {
    this.job?.abort();
  }
}
