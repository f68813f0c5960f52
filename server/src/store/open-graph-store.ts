import { SupplyChainGraph, type GraphOptions } from '../graph/graph-store';
import type { MetadataStore, VulnerabilityDataStore } from './metadata-store';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { openStore } from './open-store';
import type { PgStoreOptions } from './pg-store';
import { describeLocation, type StoreLocation } from './store-url';

export interface GraphStoreStatus {
  /** The file path, or the URL with any password redacted. */
  location: string;
  schemaVersion: number;
  latestSchema: number;
  sizeBytes: number;
}

/**
 * The aggregated store wherever it lives: the embedded file (the default) or the team's PostgreSQL
 * database. Both answer through the same SupplyChainGraph, with the same queries and JSON.
 */
export interface GraphStore {
  readonly kind: StoreLocation['kind'];
  /** How to name the store in messages: the path, or the redacted URL. */
  readonly location: string;
  readonly graph: SupplyChainGraph;
  /** The embedded store, when the graph lives in it (its file lock, caches, …); undefined for PostgreSQL. */
  readonly embedded: MetadataStore | undefined;
  /** The OSV cache and offline databases in the same database (the team's shared copy on PostgreSQL). */
  readonly vulnerabilityData: VulnerabilityDataStore;
  status(): Promise<GraphStoreStatus>;
  /** PostgreSQL: applies pending schema steps (the embedded store migrates whenever it opens). */
  migrate(): Promise<{ from: number; to: number }>;
  /** Between the steps of a long job: lets other processes use an embedded store (a no-op on PostgreSQL). */
  yieldLock(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenGraphStoreOptions extends GraphOptions {
  /** An embedded store already open at that path (the language server keeps one): used, not closed. */
  embedded?: MetadataStore;
  /** PostgreSQL only: connection and query timeouts, migration policy, a password from a secret store. */
  postgres?: PgStoreOptions;
}

/**
 * THE way to open the aggregated store for the CLI and the language server: `location` is a path or
 * a `postgres://` URL (see store-url.ts). The PostgreSQL driver is loaded only here, and only for a
 * URL. Rejects with a StoreError whose message never contains a password.
 */
export async function openGraphStore(location: StoreLocation, options: OpenGraphStoreOptions = {}): Promise<GraphStore> {
  const graphOptions: GraphOptions = { ...(options.historyLimit !== undefined ? { historyLimit: options.historyLimit } : {}), ...(options.now ? { now: options.now } : {}) };
  if (location.kind === 'postgres') {
    const { PgStore } = await import('./pg-store.js');
    const store = await PgStore.open(location.url, options.postgres);
    return {
      kind: 'postgres',
      location: store.location,
      graph: new SupplyChainGraph(store.sqlExecutor(), graphOptions),
      embedded: undefined,
      vulnerabilityData: store.vulnerabilityData(),
      status: () => store.status(),
      migrate: () => store.migrate(),
      yieldLock: async () => undefined,
      close: () => store.close(),
    };
  }
  const store = options.embedded ?? (await openStore(location.path));
  return {
    kind: 'file',
    location: location.path ? describeLocation(location) : 'the embedded store',
    graph: new SupplyChainGraph(store.sqlExecutor(), graphOptions),
    embedded: store,
    vulnerabilityData: store,
    async status() {
      const file = await store.status();
      return { location: file.path, schemaVersion: file.schemaVersion, latestSchema: LATEST_SCHEMA_VERSION, sizeBytes: file.sizeBytes };
    },
    migrate: async () => {
      const version = (await store.status()).schemaVersion;
      return { from: version, to: version };
    },
    yieldLock: () => store.yieldLock(),
    close: async () => {
      if (!options.embedded) await store.close();
    },
  };
}
