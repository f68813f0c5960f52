import type { Dispatcher } from 'undici';
import type { HostBreaker } from '../net/host-breaker';
import { createAutoSource } from './auto-source';
import { createLocalSource } from './local-source';
import { createOnlineSource } from './online-source';
import type { ArchiveLimits } from './record-files';
import type { OsvRecordStore } from './record-store';
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
  store?: OsvRecordStore;
  /** The one connection pool, proxy-aware (net/dispatcher.ts). Required for online and auto modes. */
  dispatcher?: Dispatcher;
  /** The per-host breaker shared with every other network client of the process (default: the source's own). */
  breaker?: HostBreaker;
  /** Longest time one OSV request may take, first byte to last (default 60 s). */
  deadlineMs?: number;
  /** Caps on what offline OSV data may expand to (record-files.ts). */
  archiveLimits?: Partial<ArchiveLimits>;
  /** What to suggest when the network cannot be reached, worded for the caller's own options. */
  offlineHint?: string;
}

/** The effective mode: `osvData` wins, then `offline`, then `mode`. */
export function dataModeOf(options: Pick<SourceOptions, 'osvData' | 'offline' | 'mode'>): DataMode | 'osv-data' {
  if (options.osvData) return 'osv-data';
  return options.offline ? 'offline' : (options.mode ?? 'online');
}

/** Picks the vulnerability source for a scan from the user's options. Prefer openDataSource, which also owns the connection pool. */
export function createSource(options: SourceOptions): VulnerabilitySource {
  const mode = dataModeOf(options);
  if (mode === 'osv-data') return createLocalSource(options.osvData!, { ...(options.archiveLimits ? { limits: options.archiveLimits } : {}) });
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
    ...(options.breaker ? { breaker: options.breaker } : {}),
    ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.offlineHint ? { offlineHint: options.offlineHint } : {}),
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
