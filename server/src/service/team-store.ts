import type { TeamHealth } from '../store/layered-vulnerability-data';
import type { MetadataStore, VulnerabilityDataStore } from '../store/metadata-store';
import { type EditorGraphStore, openEditorGraphStore } from '../store/editor-graph-store';
import { redactUrl } from '../store/store-url';

/** How long a team store that could not be opened is left alone before the next use tries again (ms). */
export const TEAM_RETRY_MS = 60_000;

/** What the status says of the team store: where it is, and why it does not answer, if it does not. */
export interface TeamStoreState {
  location: string;
  error?: string;
}

export interface TeamStoreOptions {
  embedded: () => Promise<MetadataStore>;
  /** A password from the client's secret storage (VS Code's SecretStorage), asked before each connection. */
  password?: (location: string) => Promise<string | undefined>;
  notify: (message: string) => void;
  now?: () => number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
}

/**
 * The team store `chainsight.store.url` names, as one editor process holds it: opened once per URL
 * for every reader (the hover's "Across your store", the Supply Chain view, vulnerability data),
 * never migrated, and when it cannot be reached, the embedded store answers, the status says so
 * (`state()`), the user is told once, and the next use after TEAM_RETRY_MS tries again: a server
 * that comes back is used without a restart.
 */
export class TeamStore {
  private opened: { url: string; at: number; store: Promise<EditorGraphStore> } | undefined;
  private current: TeamStoreState | undefined;
  /** The failure last told to the user, so a store that stays down is not announced at every retry. */
  private told: string | undefined;

  constructor(private readonly options: TeamStoreOptions) {}

  /** The aggregated store for `url` (the embedded one for an empty URL, or while the team store is down). */
  async open(url: string): Promise<EditorGraphStore> {
    const wanted = url.trim();
    const now = (this.options.now ?? Date.now)();
    const stale = this.opened && (this.opened.url !== wanted || (this.current?.error !== undefined && now - this.opened.at >= TEAM_RETRY_MS));
    if (!this.opened || stale) {
      const previous = this.opened;
      this.opened = { url: wanted, at: now, store: this.connect(wanted) };
      void previous?.store.then((p) => p.store.close()).catch(() => undefined);
    }
    return this.opened.store;
  }

  /**
   * The team store's vulnerability data, or undefined when none is configured or it failed within
   * the last TEAM_RETRY_MS: a scan does not wait on a server that just failed (a dropped host costs the
   * whole connect timeout), and the retry after that reconnects.
   */
  async vulnerabilityData(url: string): Promise<VulnerabilityDataStore | undefined> {
    const opened = await this.open(url);
    return opened.store.kind === 'postgres' && !this.current?.error ? opened.store.vulnerabilityData : undefined;
  }

  /** For the status: undefined when no team store is configured. */
  state(): TeamStoreState | undefined {
    return this.current;
  }

  /** What the layered vulnerability data reports: a query that failed, or one that answered again. */
  health(): TeamHealth {
    return {
      failed: (message) => this.failed(message),
      answered: () => {
        if (this.current?.error) this.current = { location: this.current.location };
      },
    };
  }

  /** The password changed: the next use connects again with it. */
  forget(): void {
    const previous = this.opened;
    this.opened = undefined;
    this.told = undefined;
    void previous?.store.then((p) => p.store.close()).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await this.opened?.store.then((p) => p.store.close()).catch(() => undefined);
  }

  private async connect(url: string): Promise<EditorGraphStore> {
    if (!url) {
      this.current = undefined;
      return openEditorGraphStore('', this.options.embedded);
    }
    const location = redactUrl(url);
    const password = await this.options.password?.(location).catch(() => undefined);
    const opened = await openEditorGraphStore(url, this.options.embedded, {
      ...(password ? { password } : {}),
      ...(this.options.connectTimeoutMs !== undefined ? { connectTimeoutMs: this.options.connectTimeoutMs } : {}),
      ...(this.options.queryTimeoutMs !== undefined ? { queryTimeoutMs: this.options.queryTimeoutMs } : {}),
      onIdleError: (message) => this.failed(message),
    });
    if (opened.store.kind === 'postgres') {
      this.current = { location };
      this.told = undefined;
      if (opened.notice) this.options.notify(opened.notice);
    } else {
      this.current = { location, error: opened.error ?? 'not available' };
      if (opened.notice && this.told !== this.current.error) this.options.notify(opened.notice);
      this.told = this.current.error;
    }
    return opened;
  }

  private failed(message: string): void {
    if (this.current) this.current = { location: this.current.location, error: message };
  }
}
