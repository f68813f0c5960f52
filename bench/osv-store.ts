// Benchmarks for the metadata store and the OSV sources: offline import, offline matching against a
// synthetic 200,000-record npm database, memory, and an online cold scan against a local server.
// Run with `npm run bench` (all benches) or `npx tsx bench/osv-store.ts` (this one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Agent } from 'undici';
import { importOfflineDatabase, importRecordFiles } from '../server/src/osv/offline-import';
import { createOnlineSource } from '../server/src/osv/online-source';
import { parseRecord, readRecordFiles, type RecordFile } from '../server/src/osv/record-files';
import type { PackageQuery } from '../server/src/osv/source';
import { createStoreSource } from '../server/src/osv/store-source';
import { openStore } from '../server/src/store/open-store';
import { startOsvServer } from '../test/support/osv-server';
import { BenchReporter, timeIt } from './report';

const GROUP = 'osv-store';
const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, '.bench-tmp', 'osv-store');
const CORPUS = path.resolve(ROOT, '../shared/corpus/osv');
const FIXTURES = path.join(ROOT, 'test/fixtures/osv-server/records');
const CORPUS_ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'Maven'];
const SYNTHETIC = 200_000;
const INVENTORY = 5_000;

export async function run(report: BenchReporter): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const recordsRoot = existsSync(CORPUS) ? CORPUS : FIXTURES;
  if (recordsRoot === FIXTURES) process.stdout.write(`${GROUP}: ../shared/corpus/osv not found; using the test fixtures (smaller)\n`);
  await benchImport(report, recordsRoot);
  await benchOfflineMatching(report);
  await benchOnline(report, recordsRoot);
}

async function benchImport(report: BenchReporter, recordsRoot: string): Promise<void> {
  const folders = CORPUS_ECOSYSTEMS.map((e) => path.join(recordsRoot, e)).filter((f) => existsSync(f));
  let records = 0;
  const readOnly = await timeIt(async () => {
    records = 0;
    for (const folder of folders) for await (const file of readRecordFiles(folder)) if ('record' in parseRecord(file)) records++;
  }, 3, 1);
  const file = path.join(WORK, 'import', 'chainsight.db');
  const importMs = await timeIt(async () => {
    rmSync(path.dirname(file), { recursive: true, force: true });
    const store = await openStore(file, { idleReleaseMs: Infinity });
    for (const folder of folders) await importOfflineDatabase(store, folder);
    await store.close();
  }, 3, 0);
  report.add({ group: GROUP, name: `offline import, ${records} corpus records`, value: importMs, unit: 'ms', baseline: { name: 'read+parse only', value: readOnly } });
}

async function benchOfflineMatching(report: BenchReporter): Promise<void> {
  const file = path.join(WORK, 'synthetic-200k', 'chainsight.db');
  if (!existsSync(file)) {
    const store = await openStore(file, { idleReleaseMs: Infinity });
    const started = process.hrtime.bigint();
    await importRecordFiles(store, syntheticMalware(SYNTHETIC), 'synthetic', { ecosystem: 'npm', batchSize: 5_000 });
    report.add({ group: GROUP, name: `build synthetic ${SYNTHETIC} npm records (once)`, value: Number(process.hrtime.bigint() - started) / 1e6, unit: 'ms' });
    await store.close();
  }
  // Measured in a fresh process, like a language server that has just opened its store: this process
  // already holds the corpus and the import's garbage, which would blur the memory figure.
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--matching-child', file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (child.status !== 0 || !line) throw new Error(`matching child failed: ${child.stderr}`);
  const result = JSON.parse(line) as MatchingFigures;
  for (const c of result.cases) {
    report.add({ group: GROUP, name: `offline recordsFor cold: ${c.name}`, value: c.cold, unit: 'ms', baseline: { name: 'JSON.parse of the answer', value: c.parseOnly } });
    report.add({ group: GROUP, name: `offline recordsFor warm: ${c.name}`, value: c.warm, unit: 'ms', baseline: { name: 'JSON.parse of the answer', value: c.parseOnly }, target: '≤ 200 ms' });
  }
  report.add({ group: GROUP, name: 'RSS after offline matching (200k-record store)', value: result.rss, unit: 'MB', baseline: { name: 'RSS of the same process before opening the store', value: result.rssBefore }, target: '≤ 250 MB' });
  report.add({ group: GROUP, name: 'RSS after offline matching, after a full GC', value: result.rssAfterGc, unit: 'MB', baseline: { name: 'RSS before opening the store', value: result.rssBefore }, target: '≤ 250 MB' });
}

interface MatchingFigures {
  cases: Array<{ name: string; cold: number; warm: number; parseOnly: number }>;
  rss: number;
  rssAfterGc: number;
  rssBefore: number;
}

/** The child side of benchOfflineMatching: prints one JSON line of figures. */
async function matchingChild(file: string): Promise<void> {
  const rssBefore = process.memoryUsage().rss / 1e6;
  const store = await openStore(file, { idleReleaseMs: Infinity });
  const source = createStoreSource(store);
  const cases = [
    { name: `${INVENTORY} packages, 10% named by records`, inventory: inventory(INVENTORY, 0.1) },
    { name: `${INVENTORY} packages, all named by records`, inventory: inventory(INVENTORY, 1) },
  ];
  const figures: MatchingFigures = { cases: [], rss: 0, rssAfterGc: 0, rssBefore };
  for (const c of cases) {
    const cold = await measure(() => source.recordsFor(c.inventory));
    const warm = await timeIt(() => source.recordsFor(c.inventory));
    figures.cases.push({ name: c.name, cold, warm, parseOnly: 0 });
  }
  // The server's memory after that work, taken before the baselines below: their copies of every
  // answer are the bench's own garbage, not the language server's.
  figures.rss = process.memoryUsage().rss / 1e6;
  (globalThis as { gc?: () => void }).gc?.();
  figures.rssAfterGc = process.memoryUsage().rss / 1e6;
  for (const [i, c] of cases.entries()) {
    const answer = await source.recordsFor(c.inventory);
    const texts: string[] = [];
    for (const list of answer.records.values()) for (const r of list) texts.push(JSON.stringify(r));
    figures.cases[i]!.parseOnly = await timeIt(() => texts.map((t) => JSON.parse(t) as unknown));
  }
  await store.close();
  // The same warm scan with the in-memory record cache off: SQLite page cache and JSON.parse only.
  const uncached = await openStore(file, { idleReleaseMs: Infinity, recordCacheEntries: 0 });
  const all = cases[1]!;
  const plain = createStoreSource(uncached);
  figures.cases.push({ name: `${all.name}, record cache off`, cold: await measure(() => plain.recordsFor(all.inventory)), warm: await timeIt(() => plain.recordsFor(all.inventory)), parseOnly: figures.cases[1]!.parseOnly });
  await uncached.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function benchOnline(report: BenchReporter, recordsRoot: string): Promise<void> {
  const folders = CORPUS_ECOSYSTEMS.map((e) => path.join(recordsRoot, e)).filter((f) => existsSync(f));
  const server = await startOsvServer({ recordsDir: folders });
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  const names = new Map<string, PackageQuery>();
  for (const record of server.records) {
    for (const a of record.affected ?? []) {
      if (a.package && CORPUS_ECOSYSTEMS.includes(a.package.ecosystem)) names.set(`${a.package.ecosystem}:${a.package.name}`, { ecosystem: a.package.ecosystem as PackageQuery['ecosystem'], name: a.package.name });
    }
  }
  // Real names with advisories first (up to 1,000), padded with clean names to 5,000.
  const queries: PackageQuery[] = [...names.values()].slice(0, 1_000);
  for (let i = 0; queries.length < INVENTORY; i++) queries.push({ ecosystem: 'npm', name: `clean-package-${i}` });
  const file = path.join(WORK, 'online', 'chainsight.db');
  rmSync(path.dirname(file), { recursive: true, force: true });
  const store = await openStore(file, { idleReleaseMs: Infinity });
  const source = createOnlineSource({ baseUrl: server.url, dispatcher, store });
  const cold = await measure(() => source.recordsFor(queries));
  const coldRequests = server.requests.length;
  const batches = server.count('querybatch');
  server.clearLog();
  const warm = await timeIt(() => source.recordsFor(queries), 5, 1);
  report.add({ group: GROUP, name: `online cold scan, ${INVENTORY} packages`, value: cold, unit: 'ms', baseline: { name: 'warm rescan (cache, 0 requests)', value: warm } });
  report.add({ group: GROUP, name: `online cold scan requests (${batches} querybatch)`, value: coldRequests, unit: 'req' });
  report.add({ group: GROUP, name: 'online warm rescan requests', value: server.requests.length, unit: 'req', target: '0' });
  await store.close();
  await dispatcher.close();
  await server.close();
}

async function measure(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Records shaped like OSV's malicious-package (MAL-) records: one package, a versions list, ~1.2 KB. */
async function* syntheticMalware(count: number): AsyncGenerator<RecordFile> {
  for (let i = 0; i < count; i++) {
    const name = syntheticName(i);
    const record = {
      schema_version: '1.5.0',
      id: `MAL-2025-${100000 + i}`,
      modified: '2025-06-01T12:00:00Z',
      published: '2025-05-30T08:00:00Z',
      summary: `Malicious code in ${name} (npm)`,
      details: `\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ossf-package-analysis\nThe package ${name} was found to contain malicious code that exfiltrates environment variables and credentials to a remote host during installation. ${'x'.repeat(400)}`,
      affected: [{ package: { ecosystem: 'npm', name }, versions: ['1.0.0', '1.0.1', '99.9.9'], database_specific: { 'malicious-packages-origins': [{ source: 'ossf-package-analysis', sha256: 'f'.repeat(64), import_time: '2025-05-30T08:00:00Z' }] } }],
      references: [{ type: 'REPORT', url: `https://example.invalid/${name}` }],
      database_specific: { 'malicious-packages-origins': [{ source: 'ossf-package-analysis' }] },
    };
    yield { origin: `synthetic/${record.id}.json`, text: JSON.stringify(record) };
  }
}

function syntheticName(i: number): string {
  return `mal-${(i * 2654435761 % 4294967296).toString(36)}-${i}`;
}

/** `size` npm packages, a `hitRatio` share of them named by synthetic records. */
function inventory(size: number, hitRatio: number): PackageQuery[] {
  const hits = Math.round(size * hitRatio);
  const step = Math.floor(SYNTHETIC / Math.max(1, hits));
  return Array.from({ length: size }, (_, i) => ({ ecosystem: 'npm' as const, name: i < hits ? syntheticName(i * step) : `ordinary-dependency-${i}` }));
}

if (require.main === module) {
  const childAt = process.argv.indexOf('--matching-child');
  (childAt >= 0 ? matchingChild(process.argv[childAt + 1]!) : run(new BenchReporter())).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
