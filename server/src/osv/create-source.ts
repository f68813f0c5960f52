import type { Dispatcher } from 'undici';
import type { MetadataStore } from '../store/metadata-store';
import { createAutoSource } from './auto-source';
import { createLocalSource } from './local-source';
import { createOnlineSource } from './online-source';
import type { SourceStatus, VulnerabilitySource } from './source';
import { createStoreSource } from './store-source';

export type DataMode = 'online' | 'offline' | 'auto';
export const DATA_MODES: readonly DataMode[] = ['online', 'offline', 'auto'];

export interface SourceOptions {
  /** A folder of OSV records or an OSV `all.zip` (`--osv-data`, `chainsight.osv.offlineData`): wins over everything else. */
  osvData?: string;
  /**
   * `online` (default): osv.dev with the store as cache; `offline`: the store only (imported offline
   * databases and the cache), no network at all; `auto`: online, falling back to the store when the
   * network fails, with a stale status.
   */
  mode?: DataMode;
  /** Shorthand for `mode: 'offline'` (the CLI's `--offline`). */
  offline?: boolean;
  /** `chainsight.osv.url` / `--osv-url`; default https://api.osv.dev. */
  osvUrl?: string;
  /** Cache time-to-live for online answers, ms. */
  ttlMs?: number;
  /** The metadata store (cache and offline databases). Without one, online mode asks the network every time. */
  store?: MetadataStore;
  /** The one connection pool, proxy-aware (net/dispatcher.ts). Required for online and auto modes. */
  dispatcher?: Dispatcher;
}

/** Picks the vulnerability source for a scan from the user's options. */
export function createSource(options: SourceOptions): VulnerabilitySource {
  if (options.osvData) return createLocalSource(options.osvData);
  const mode: DataMode = options.offline ? 'offline' : (options.mode ?? 'online');
  if (mode === 'offline') {
    if (!options.store) return unavailable('offline mode needs OSV data: pass --osv-data, set chainsight.osv.offlineData, or import an offline database (chainsight db update / db import)');
    return createStoreSource(options.store);
  }
  if (!options.dispatcher) return unavailable('no network client configured for online mode');
  const online = createOnlineSource({
    dispatcher: options.dispatcher,
    ...(options.osvUrl ? { baseUrl: options.osvUrl } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
  });
  if (mode === 'online' || !options.store) return online;
  return createAutoSource(online, createStoreSource(options.store));
}

/** A source that has nothing to say, and says why: an empty answer is never a clean bill of health. */
function unavailable(error: string): VulnerabilitySource {
  const status: SourceStatus = { kind: 'none', description: 'no vulnerability data', incomplete: true, stale: false, error };
  return {
    async recordsFor(queries) {
      return { records: new Map(queries.map((q) => [`${q.ecosystem}:${q.name}`, []])), status };
    },
  };
}
