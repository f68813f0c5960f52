import { dirname, resolve } from 'node:path';
import { scanTarget } from '../analysis/scan';
import { DEFAULT_OSV_BUCKET, downloadOfflineDatabase, type OfflineProgress } from '../osv/offline-download';
import { importOfflineDatabase } from '../osv/offline-import';
import { ECOSYSTEMS } from '../ecosystems';
import { ageText } from '../provenance/present/labels';
import type { VulnerabilityDataStore } from '../store/metadata-store';
import { mustExist, parseCommandArgs, tableOrJson } from './arguments';
import { archiveLimitsFrom, cliDispatcher, openCliStore, storePathFor } from './data-context';
import { openCliGraphStore, storeFailure } from './graph-context';
import { graphLocationFor } from './store-location';
import { type CliIO, EXIT_ERROR, EXIT_OK, RunError, UsageError } from './io';

export const DB_USAGE = `Usage: chainsight db <update|import|status> [options]

  chainsight db update [PATH] [--ecosystem NAME]... [--bucket URL]
      Downloads OSV's offline database ({bucket}/{ecosystem}/all.zip) for the ecosystems of the
      dependency files under PATH (default: the current folder), or the ones named, and swaps it in.
      Resumes an interrupted download. Default bucket: ${DEFAULT_OSV_BUCKET}
  chainsight db import FILE.zip|DIR [--ecosystem NAME]
      Imports an OSV export copied onto this machine (an all.zip, a folder of records, or a folder
      of those per ecosystem).
  chainsight db status [--format table|json]
      Record counts and age per ecosystem.

Options:
  --store PATH|URL       The metadata store (default $CHAINSIGHT_STORE_URL, else $CHAINSIGHT_STORE, else
                         ~/.cache/chainsight/chainsight.db). A team store's postgres:// URL keeps the
                         offline database there, for every developer and pipeline that reads it
  -h, --help             Show this help

An export that expands past CHAINSIGHT_ARCHIVE_MAX_ENTRY_MB (default 16) for one record file, or
CHAINSIGHT_ARCHIVE_MAX_TOTAL_MB (default 2048) in all, is refused whole (a zip bomb).

Exit codes: 0 done, 2 usage error or a failed download or import (the previous data is kept).`;

export async function dbCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    store: { type: 'string' },
    ecosystem: { type: 'string', multiple: true },
    bucket: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const [action, ...rest] = positionals;
  if (values.help || !action) {
    io.stdout(`${DB_USAGE}\n`);
    return values.help ? EXIT_OK : EXIT_ERROR;
  }
  const ecosystems = (values.ecosystem ?? []).map(canonicalEcosystem);
  // Downloads are cached beside the embedded store, even when the data goes to the team store.
  const storePath = storePathFor(values, io);
  switch (action) {
    case 'update':
      return withStore(values, io, (store) => update(store, storePath, resolve(io.cwd, rest[0] ?? '.'), ecosystems, values.bucket, io));
    case 'import':
      if (!rest[0]) throw new UsageError('db import needs a FILE.zip or DIR');
      return withStore(values, io, (store) => importCommand(store, resolve(io.cwd, rest[0]!), ecosystems[0], io));
    case 'status':
      return withStore(values, io, (store) => status(store, values.format ?? 'table', io));
    default:
      throw new UsageError(`unknown db action "${action}" (update, import or status)`);
  }
}

/** The store the data goes to: the team store for a postgres:// location (brought up to date if this role may), else the embedded file. */
async function withStore(values: { store?: string }, io: CliIO, run: (store: VulnerabilityDataStore) => Promise<number>): Promise<number> {
  const location = graphLocationFor(values, io);
  if (location.kind === 'postgres') {
    const team = await openCliGraphStore(location, io);
    try {
      return await run(team.vulnerabilityData);
    } catch (err) {
      throw storeFailure(err, team);
    } finally {
      await team.close();
    }
  }
  const store = await openCliStore(storePathFor(values, io), io);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function canonicalEcosystem(name: string): string {
  const found = ECOSYSTEMS.find((e) => e.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new UsageError(`unknown ecosystem "${name}" (known: ${ECOSYSTEMS.map((e) => e.name).join(', ')})`);
  return found.name;
}

async function update(store: VulnerabilityDataStore, storePath: string, root: string, named: string[], bucket: string | undefined, io: CliIO): Promise<number> {
  let ecosystems = named;
  if (ecosystems.length === 0) {
    await mustExist(root);
    const target = await scanTarget(root);
    ecosystems = [...new Set(target.paths.map((p) => target.files.get(p)?.parser.ecosystem.name).filter((e): e is NonNullable<typeof e> => e !== undefined))].sort();
    if (ecosystems.length === 0) throw new RunError(`no dependency files under ${root}: name the ecosystems with --ecosystem`);
  }
  const dispatcher = await cliDispatcher(io);
  try {
    const results = await downloadOfflineDatabase({
      ecosystems,
      store,
      dispatcher,
      cacheDir: resolve(dirname(storePath), 'downloads'),
      limits: archiveLimitsFrom(io.env),
      ...(bucket ? { bucket } : {}),
      onProgress: progressPrinter(io),
    });
    let failed = false;
    for (const r of results) {
      if (r.error) {
        failed = true;
        io.stderr(`chainsight db update: ${r.ecosystem}: ${r.error} (previous data kept)\n`);
      } else io.stdout(`${r.ecosystem}: ${r.import?.records ?? 0} records imported${r.import?.malformed ? `, ${r.import.malformed} malformed skipped` : ''}\n`);
    }
    return failed ? EXIT_ERROR : EXIT_OK;
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}

async function importCommand(store: VulnerabilityDataStore, location: string, ecosystem: string | undefined, io: CliIO): Promise<number> {
  await mustExist(location);
  const results = await importOfflineDatabase(store, location, { ...(ecosystem ? { ecosystem } : {}), onProgress: progressPrinter(io), limits: archiveLimitsFrom(io.env) });
  let failed = results.length === 0;
  if (failed) io.stderr(`chainsight db import: ${location}: no OSV records found\n`);
  for (const r of results) {
    if (r.error) {
      failed = true;
      io.stderr(`chainsight db import: ${r.ecosystem}: ${r.error} (previous data kept)\n`);
      continue;
    }
    io.stdout(`${r.ecosystem}: ${r.records} records imported from ${r.source}${r.malformed ? `, ${r.malformed} malformed skipped` : ''}\n`);
    for (const problem of r.problems) io.stderr(`  ${problem}\n`);
  }
  return failed ? EXIT_ERROR : EXIT_OK;
}

async function status(store: VulnerabilityDataStore, format: string, io: CliIO): Promise<number> {
  const output = tableOrJson(format);
  const s = await store.status();
  if (output === 'json') {
    io.stdout(`${JSON.stringify({ schemaVersion: 1, store: s.path, sizeBytes: s.sizeBytes, ecosystems: s.offline.map((g) => ({ ecosystem: g.ecosystem, records: g.records, malformed: g.malformed, importedAt: new Date(g.importedAt).toISOString(), source: g.source })), cache: s.cache }, null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(`Store: ${s.path} (${(s.sizeBytes / 1e6).toFixed(1)} MB)\n`);
  if (s.offline.length === 0) io.stdout('Offline database: none imported (chainsight db update, or db import FILE)\n');
  else {
    io.stdout(`${'ECOSYSTEM'.padEnd(12)} ${'RECORDS'.padStart(8)}  AGE       SOURCE\n`);
    for (const g of s.offline) io.stdout(`${g.ecosystem.padEnd(12)} ${String(g.records).padStart(8)}  ${ageText(Date.now() - g.importedAt).padEnd(8)}  ${g.source}\n`);
  }
  io.stdout(`Online cache: ${s.cache.packages} packages, ${s.cache.advisories} advisories${s.cache.newestQuery ? `, newest ${ageText(Date.now() - s.cache.newestQuery)} old` : ''}\n`);
  return EXIT_OK;
}

function progressPrinter(io: CliIO): (p: OfflineProgress) => void {
  let last = '';
  return (p) => {
    const line =
      p.phase === 'download'
        ? `${p.ecosystem}: downloading ${(p.bytes / 1e6).toFixed(1)}${p.totalBytes ? ` / ${(p.totalBytes / 1e6).toFixed(1)}` : ''} MB`
        : `${p.ecosystem ?? p.source}: ${p.records} records imported so far`;
    // Progress arrives often; print when the visible figure changes.
    if (line !== last) io.stderr(`${line}\n`);
    last = line;
  };
}
