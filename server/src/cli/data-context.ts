import { resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import { createDispatcher, networkSettingsWarnings } from '../net/dispatcher';
import { createSource, DATA_MODES, type DataMode } from '../osv/create-source';
import type { VulnerabilitySource } from '../osv/source';
import { defaultStorePath, openStore } from '../store';
import type { MetadataStore } from '../store/metadata-store';
import { type CliIO, RunError, UsageError } from './io';

/** The options every command that reads vulnerability data shares (scan, verify, db). */
export const DATA_OPTIONS = {
  'osv-data': { type: 'string' },
  offline: { type: 'boolean' },
  mode: { type: 'string' },
  'osv-url': { type: 'string' },
  store: { type: 'string' },
} as const;

export const DATA_USAGE = `  --osv-data PATH        OSV records: a folder of <ID>.json files or an OSV all.zip (no store, no network)
  --mode MODE            online (default: osv.dev, cached in the store) | offline (the store only, no network)
                         | auto (online, falling back to the store when the network fails)
  --offline              Same as --mode offline
  --osv-url URL          OSV API base URL (default https://api.osv.dev; for mirrors)
  --store PATH           The metadata store (default $CHAINSIGHT_STORE, else ~/.cache/chainsight/chainsight.db)`;

export interface DataValues {
  'osv-data'?: string;
  offline?: boolean;
  mode?: string;
  'osv-url'?: string;
  store?: string;
}

export interface DataContext {
  source: VulnerabilitySource;
  store?: MetadataStore;
  dispatcher?: Dispatcher;
  dispose(): Promise<void>;
}

/** Where the store lives for this run: `--store`, then `CHAINSIGHT_STORE`, then the user cache. */
export function storePathFor(values: { store?: string }, io: CliIO): string {
  return values.store ? resolve(io.cwd, values.store) : defaultStorePath(io.env);
}

/** Opens the store, reporting a recovered (corrupt, moved aside) file once, on stderr. */
export async function openCliStore(path: string, io: CliIO): Promise<MetadataStore> {
  let store: MetadataStore;
  try {
    store = await openStore(path);
  } catch (err) {
    throw new RunError(`cannot open the store at ${path}: ${(err as Error).message}`);
  }
  if (store.recovered) io.stderr(`chainsight: warning: the store at ${path} was unusable (${store.recovered.reason}); moved it to ${store.recovered.movedTo} and started a new one\n`);
  return store;
}

/** The dispatcher for this process: proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY, NODE_EXTRA_CA_CERTS. */
export function cliDispatcher(io: CliIO): Dispatcher {
  for (const warning of networkSettingsWarnings(io.env)) io.stderr(`chainsight: warning: ${warning}\n`);
  return createDispatcher({}, io.env);
}

export async function openDataContext(values: DataValues, io: CliIO): Promise<DataContext> {
  const osvData = values['osv-data'] ? resolve(io.cwd, values['osv-data']) : undefined;
  const mode = values.offline ? 'offline' : (values.mode ?? 'online');
  if (!(DATA_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${DATA_MODES.join(', ')} (got "${mode}")`);
  if (osvData) {
    const source = createSource({ osvData });
    return { source, dispose: async () => source.dispose?.() };
  }
  const store = await openCliStore(storePathFor(values, io), io);
  const dispatcher = mode === 'offline' ? undefined : cliDispatcher(io);
  const source = createSource({ mode: mode as DataMode, store, ...(dispatcher ? { dispatcher } : {}), ...(values['osv-url'] ? { osvUrl: values['osv-url'] } : {}) });
  return {
    source,
    store,
    ...(dispatcher ? { dispatcher } : {}),
    async dispose() {
      await source.dispose?.();
      await dispatcher?.close().catch(() => undefined);
      await store.close();
    },
  };
}
