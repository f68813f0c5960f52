import { resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import { createDispatcher, networkSettingsWarnings } from '../net/dispatcher';
import { DATA_MODES, type DataMode } from '../osv/create-source';
import { openDataSource } from '../osv/open-source';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../osv/record-files';
import type { VulnerabilitySource } from '../osv/source';
import { openStore } from '../store';
import type { MetadataStore } from '../store/metadata-store';
import type { OsvRecordStore } from '../osv/record-store';
import { describeLocation } from '../store/store-url';
import { type CliIO, RunError, UsageError } from './io';
import { LayeredVulnerabilityData } from '../store/layered-vulnerability-data';
import { openGraphStore, type GraphStore } from '../store/open-graph-store';
import { embeddedPathFor, graphLocationFor } from './store-location';

/** What a scan suggests when osv.dev cannot be reached, in the CLI's own words. */
export const CLI_OFFLINE_HINT =
  'without network access, scan with --osv-data PATH (a folder or all.zip of OSV records), or run `chainsight db update` where there is network and scan with --offline; behind a proxy, set HTTPS_PROXY / HTTP_PROXY (and NO_PROXY)';

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
  --store PATH|URL       The metadata store (default $CHAINSIGHT_STORE_URL, else $CHAINSIGHT_STORE, else
                         ~/.cache/chainsight/chainsight.db). With a team store's postgres:// URL, vulnerability
                         data comes from it and from the embedded file, and --record writes to it`;

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

/**
 * Where the embedded store lives for this run: `--store`, then `CHAINSIGHT_STORE`, then the user
 * cache. A `--store postgres://…` names the team store, which holds the graph only: vulnerability data
 * then stays in the default embedded store (store-location.ts).
 */
export function storePathFor(values: { store?: string }, io: CliIO): string {
  return embeddedPathFor(values, io);
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
export function cliDispatcher(io: CliIO): Promise<Dispatcher> {
  for (const warning of networkSettingsWarnings(io.env)) io.stderr(`chainsight: warning: ${warning}\n`);
  return createDispatcher({}, io.env);
}

/**
 * How far offline OSV data may expand (zip bombs): CHAINSIGHT_ARCHIVE_MAX_ENTRY_MB per record file,
 * CHAINSIGHT_ARCHIVE_MAX_TOTAL_MB per folder or zip; the defaults otherwise.
 */
export function archiveLimitsFrom(env: NodeJS.ProcessEnv): ArchiveLimits {
  return {
    maxEntryBytes: mebibytes(env, 'CHAINSIGHT_ARCHIVE_MAX_ENTRY_MB') ?? DEFAULT_ARCHIVE_LIMITS.maxEntryBytes,
    maxTotalBytes: mebibytes(env, 'CHAINSIGHT_ARCHIVE_MAX_TOTAL_MB') ?? DEFAULT_ARCHIVE_LIMITS.maxTotalBytes,
  };
}

function mebibytes(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`${name} must be a positive number of MiB (got "${value}")`);
  return Math.round(Number(value) * 1024 * 1024);
}

/**
 * The team store's vulnerability data for a scan (`--store postgres://…` or CHAINSIGHT_STORE_URL),
 * layered over the embedded store. A team store that cannot be opened is a warning, not a failure:
 * the embedded store answers alone, as it does when a query to the team store fails mid-scan.
 */
async function withTeamData(store: MetadataStore, values: DataValues, io: CliIO): Promise<{ records: OsvRecordStore; team?: GraphStore }> {
  const location = graphLocationFor(values, io);
  if (location.kind !== 'postgres') return { records: store };
  const warned = new Set<string>();
  const warn = (why: string) => {
    if (!warned.has(why)) io.stderr(`chainsight: warning: the team store ${describeLocation(location)} is not available (${why}); vulnerability data comes from ${store.path} alone\n`);
    warned.add(why);
  };
  let team: GraphStore;
  try {
    // Never migrated here: a scan with a reader role could not, and `store migrate` is the owner's step.
    team = await openGraphStore(location, { postgres: { migrate: 'never' } });
  } catch (err) {
    warn((err as Error).message);
    return { records: store };
  }
  // Pipelines share what they fetch from osv.dev through the team's cache (with the writer role).
  const records = new LayeredVulnerabilityData(store, async () => team.vulnerabilityData, team.location, { failed: warn, answered: () => undefined }, true);
  return { records, team };
}

export async function openDataContext(values: DataValues, io: CliIO): Promise<DataContext> {
  const osvData = values['osv-data'] ? resolve(io.cwd, values['osv-data']) : undefined;
  const mode = values.offline ? 'offline' : (values.mode ?? 'online');
  if (!(DATA_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${DATA_MODES.join(', ')} (got "${mode}")`);
  const archiveLimits = archiveLimitsFrom(io.env);
  if (osvData) return openDataSource({ osvData, archiveLimits });
  const store = await openCliStore(storePathFor(values, io), io);
  const { records, team } = await withTeamData(store, values, io);
  // Offline mode makes no connection to the internet: no pool, no proxy settings read.
  const dispatcher = mode === 'offline' ? undefined : await cliDispatcher(io);
  const opened = await openDataSource({
    mode: mode as DataMode,
    store: records,
    archiveLimits,
    offlineHint: CLI_OFFLINE_HINT,
    ...(dispatcher ? { dispatcher } : {}),
    ...(values['osv-url'] ? { osvUrl: values['osv-url'] } : {}),
  });
  return {
    source: opened.source,
    store,
    ...(dispatcher ? { dispatcher } : {}),
    async dispose() {
      await opened.dispose();
      await dispatcher?.close().catch(() => undefined);
      await team?.close();
      await store.close();
    },
  };
}
