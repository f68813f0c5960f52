import type { Dispatcher } from 'undici';
import { createDispatcher, networkSettingsWarnings } from '../net/dispatcher';
import { HostBreaker } from '../net/host-breaker';
import { openStore } from '../store';
import type { MetadataStore } from '../store/metadata-store';
import { TeamStore } from './team-store';

/** The editor's network settings (VS Code's `http.proxy`, `http.proxyStrictSSL`, `http.noProxy`). */
export interface HttpSettings {
  proxy?: string;
  strictSSL?: boolean;
  noProxy?: string[];
}

export interface DataResourceOptions {
  /** The environment proxies and CA files are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Asks the client's secret storage for the team store's password (VS Code's SecretStorage). */
  storePassword?: (location: string) => Promise<string | undefined>;
  /** Shows a team-store notice when it happens (a hover may be the first to find the store down); queued otherwise. */
  notify?: (message: string) => void;
}

/**
 * The process-wide resources the vulnerability sources share: one metadata store (opened on first
 * use; one per process, as the store's lock expects) and one connection pool, rebuilt when the
 * network settings change.
 */
export class DataResources {
  private storePromise: Promise<MetadataStore> | undefined;
  private pool: { key: string; dispatcher: Promise<Dispatcher> } | undefined;
  /**
   * One breaker for every network client of the server (OSV, downloads, registries, TUF): a host
   * that fails is given a few attempts in all, not a few per package.
   */
  readonly breaker = new HostBreaker();
  /** Messages the user should see once (a recovered store, an unreadable CA file, a team store down). */
  readonly notices: string[] = [];
  /** The team store `chainsight.store.url` names, shared by every reader in the process. */
  readonly team: TeamStore;

  private readonly env: NodeJS.ProcessEnv;

  /** `storePath` is read on first use: the client names it during initialisation. */
  constructor(
    private readonly storePath: () => string,
    options: DataResourceOptions = {},
  ) {
    this.env = options.env ?? process.env;
    this.notices.push(...networkSettingsWarnings(this.env));
    const notify = options.notify ?? ((message: string) => this.notices.push(message));
    this.team = new TeamStore({ embedded: () => this.store(), notify, ...(options.storePassword ? { password: options.storePassword } : {}) });
  }

  async store(): Promise<MetadataStore> {
    const path = this.storePath();
    this.storePromise ??= openStore(path).then((store) => {
      if (store.recovered) this.notices.push(`Chainsight's metadata store at ${path} was unusable (${store.recovered.reason}); it was moved to ${store.recovered.movedTo} and rebuilt.`);
      return store;
    });
    try {
      return await this.storePromise;
    } catch (err) {
      this.storePromise = undefined;
      throw err;
    }
  }

  dispatcher(http: HttpSettings): Promise<Dispatcher> {
    const key = JSON.stringify(http);
    if (this.pool?.key === key) return this.pool.dispatcher;
    const previous = this.pool?.dispatcher;
    this.pool = {
      key,
      dispatcher: createDispatcher(
        {
          ...(http.proxy ? { proxy: http.proxy } : {}),
          ...(http.strictSSL !== undefined ? { strictSSL: http.strictSSL } : {}),
          ...(http.noProxy?.length ? { noProxy: http.noProxy.join(',') } : {}),
        },
        this.env,
      ),
    };
    void previous?.then((d) => d.close()).catch(() => undefined);
    return this.pool.dispatcher;
  }

  /** Takes the notices, so each is shown once. */
  takeNotices(): string[] {
    return this.notices.splice(0);
  }

  async dispose(): Promise<void> {
    await this.team.dispose();
    await this.pool?.dispatcher.then((d) => d.close()).catch(() => undefined);
    if (this.storePromise) await (await this.storePromise.catch(() => undefined))?.close();
  }
}
