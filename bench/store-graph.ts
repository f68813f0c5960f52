// Benchmarks for the aggregated graph (docs/store.md, "Measured"): ingest of the 1,100-component
// juice-shop CycloneDX SBOM against JSON.parse plus one bulk insert of the same rows; who-uses and
// vuln on a store of 1,000 project snapshots of 1,000 packages each against one indexed lookup; and
// the file size per dependency edge. The big store is generated here once and kept in .bench-tmp/.
// Run with `npm run bench -- store-graph` or `npx tsx bench/store-graph.ts`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { documentFacts } from '../server/src/graph/document-facts';
import { emptyBundle, sourceKey, type FactBundle } from '../server/src/graph/facts';
import { graphSchema } from '../server/src/graph/schema';
import { SQLITE_DIALECT } from '../server/src/graph/sql/dialects';
import { SupplyChainGraph } from '../server/src/graph/graph-store';
import { packageKeyFor } from '../server/src/graph/purls';
import { openStore } from '../server/src/store/open-store';
import { DocumentReader } from '../server/src/documents';
import { BenchReporter, timeIt } from './report';

const GROUP = 'store-graph';
const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, '.bench-tmp', 'store-graph');
const JUICE_SHOP = path.join(ROOT, 'test/fixtures/store/sbom/juice-shop-14.1.1.flat.cdx-1.6.json');
const PROJECTS = 200;
const COMMITS = 5;
const PACKAGES = 1_000;
const POOL = 3_000;
/** Bump when the generated store's shape changes, so a stale cached one is rebuilt. */
const BIG_STORE = path.join(WORK, 'big-v2', 'chainsight.db');

export async function run(report: BenchReporter): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  await benchIngest(report);
  await benchQueries(report);
}

/** Median wall time of `work` over `runs`, each after an untimed `setup`. */
async function timeEach<T>(setup: () => Promise<T>, work: (input: T) => Promise<unknown>, teardown: (input: T) => Promise<void>, runs = 7, warmup = 2): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const input = await setup();
    const start = process.hrtime.bigint();
    await work(input);
    if (i >= warmup) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    await teardown(input);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function benchIngest(report: BenchReporter): Promise<void> {
  const bytes = readFileSync(JUICE_SHOP);
  const text = bytes.toString('utf8');
  // One reader for every run, as one ingest command holds one: its schema validators compile once.
  const reader = new DocumentReader();
  const dir = path.join(WORK, 'ingest');
  let n = 0;
  const fresh = () => {
    const file = path.join(dir, `run-${n++}`, 'chainsight.db');
    rmSync(path.dirname(file), { recursive: true, force: true });
    mkdirSync(path.dirname(file), { recursive: true });
    return file;
  };
  const openPlain = (schema: string[]) => {
    const db = new Database(fresh());
    db.exec('PRAGMA locking_mode=EXCLUSIVE');
    db.get('PRAGMA journal_mode=WAL');
    db.exec('PRAGMA synchronous=FULL');
    for (const statement of schema) db.exec(statement);
    return db;
  };
  const bulk = (db: Database, tables: Array<[string, unknown[][]]>) => {
    db.exec('BEGIN IMMEDIATE');
    for (const [sql, rows] of tables) {
      const stmt = db.prepare(sql);
      for (const row of rows) stmt.run(row as never);
      stmt.finalize();
    }
    db.exec('COMMIT');
  };
  // Baseline 1: JSON.parse, then the components' rows in one transaction of one prepared statement,
  // into a file database with the store's own journal settings.
  const components = await timeEach(
    async () => openPlain(['CREATE TABLE rows (purl TEXT PRIMARY KEY, name TEXT, version TEXT)']),
    async (db) => {
      const bom = JSON.parse(text) as { components: Array<{ purl?: string; name: string; version?: string }> };
      bulk(db, [['INSERT OR IGNORE INTO rows (purl, name, version) VALUES (?, ?, ?)', bom.components.map((c) => [c.purl ?? c.name, c.name, c.version ?? ''])]]);
    },
    async (db) => db.close(),
  );
  // Baseline 2: JSON.parse, then the very rows the ingest stores (nodes and facts, ids assigned in
  // advance), into the graph's own tables: what the ingest costs beyond parsing and writing.
  const rows = graphRows(bytes);
  const sameRows = await timeEach(
    async () => openPlain(graphSchema(SQLITE_DIALECT)),
    async (db) => {
      JSON.parse(text);
      bulk(db, rows);
    },
    async (db) => db.close(),
  );
  const ingest = await timeEach(
    async () => {
      const store = await openStore(fresh(), { idleReleaseMs: Infinity });
      return { store, graph: new SupplyChainGraph(store.sqlExecutor()) };
    },
    async ({ graph }) => {
      // The document reader as `chainsight ingest` uses it: detection, schema validation, mapping, digest.
      const read = reader.read('juice-shop.cdx.json', bytes);
      if (!read.ok) throw new Error('juice-shop did not read');
      await graph.ingest(read.document);
    },
    async ({ store }) => store.close(),
  );
  rmSync(dir, { recursive: true, force: true });
  report.add({ group: GROUP, name: 'ingest juice-shop SBOM (1,101 components)', value: ingest, unit: 'ms', baseline: { name: 'JSON.parse + bulk insert of the rows it stores', value: sameRows }, target: '≤ 3×' });
  report.add({ group: GROUP, name: 'ingest juice-shop SBOM (1,101 components)', value: ingest, unit: 'ms', baseline: { name: 'JSON.parse + bulk insert of 1,101 component rows', value: components } });
}

/** The rows an ingest of the SBOM writes, as plain INSERTs with ids assigned in advance. */
function graphRows(bytes: Uint8Array): Array<[string, unknown[][]]> {
  const read = new DocumentReader().read('juice-shop.cdx.json', bytes);
  if (!read.ok) throw new Error('juice-shop did not read');
  const f = documentFacts(read.document);
  const ids = new Map<string, number>();
  const id = (key: string) => ids.get(key) ?? ids.set(key, ids.size + 1).get(key)!;
  const packages = [...f.packages.values()].map((k) => [id(k.purl), k.purl, k.base, k.nameKey, k.version]);
  const artifacts = [...new Set(f.occurrences.map((o) => o.artifact))].map((a) => [id(a), a]);
  const sources = [...new Map(f.sourceAt.map((s) => [sourceKey(s.src), s.src])).entries()].map(([key, s]) => [id(key), key, s.type, s.namespace, s.name, s.tag, s.commit]);
  return [
    ['INSERT INTO g_origin (id, kind, learned_at, digest, file_name, format, doc_kind) VALUES (?, ?, ?, ?, ?, ?, ?)', [[1, 'document', 0, f.origin.digest!, f.origin.fileName!, f.origin.format!, 'sbom']]],
    ['INSERT INTO g_package (id, purl, base, name_key, version) VALUES (?, ?, ?, ?, ?)', packages],
    ['INSERT INTO g_artifact (id, key) VALUES (?, ?)', artifacts],
    ['INSERT INTO g_source (id, key, type, namespace, name, tag, commit_sha) VALUES (?, ?, ?, ?, ?, ?, ?)', sources],
    ['INSERT OR IGNORE INTO g_dep (pkg, origin, parent, rel, scope, declared) VALUES (?, 1, ?, ?, ?, ?)', f.deps.map((d) => [id(d.pkg), d.parent ? id(d.parent) : 0, d.rel, d.scope, d.declared])],
    ['INSERT OR IGNORE INTO g_occurrence (origin, artifact, pkg, src) VALUES (1, ?, ?, 0)', f.occurrences.map((o) => [id(o.artifact), id(o.pkg!)])],
    ['INSERT OR IGNORE INTO g_source_at (origin, pkg, src) VALUES (1, ?, ?)', f.sourceAt.map((s) => [id(s.pkg), id(sourceKey(s.src))])],
  ];
}

/** A deterministic pseudo-random sequence (mulberry32), so every run builds the same store. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One synthetic snapshot: lodash and a common core in every project, the rest drawn from the pool. */
function snapshot(project: number, commit: number): FactBundle {
  const next = random(project * 7919 + commit);
  const bundle = emptyBundle({ kind: 'scan', commit: `${project.toString(16).padStart(8, '0')}${commit.toString(16).padStart(32, '0')}`, tool: 'bench', dataSource: 'bench', subjectName: `project-${project}` });
  const names = new Set<string>(['lodash']);
  for (let i = 0; names.size < 300; i++) names.add(`bench-core-${i}`);
  while (names.size < PACKAGES) names.add(`bench-pkg-${Math.floor(next() * POOL)}`);
  const purls: string[] = [];
  for (const [i, name] of [...names].entries()) {
    const version = name === 'lodash' ? `4.17.${19 + (project % 3)}` : `1.${(commit + i) % 4}.${project % 7}`;
    const key = packageKeyFor('npm', name, version)!;
    bundle.packages.set(key.purl, key);
    const parent = i < 40 ? '' : purls[Math.floor(next() * purls.length)]!;
    bundle.deps.push({ pkg: key.purl, parent, rel: 1, scope: i % 10 === 0 ? 'dev' : '', declared: i < 40 ? `^${version}` : '' });
    // Like lockfile integrity: one tarball digest per package version, the same in every project.
    bundle.occurrences.push({ artifact: `sha512:${createHash('sha512').update(key.purl).digest('hex')}`, pkg: key.purl });
    purls.push(key.purl);
    if (name === 'lodash' && version === '4.17.19') {
      bundle.certVulns.push({ pkg: key.purl, vuln: 'GHSA-bench-0001', severity: 'high', fixed: '4.17.21' });
      bundle.vulnEquals.push(['GHSA-bench-0001', 'CVE-2099-0001']);
    }
  }
  return bundle;
}

async function buildBigStore(report: BenchReporter): Promise<void> {
  if (existsSync(BIG_STORE)) return;
  rmSync(path.dirname(BIG_STORE), { recursive: true, force: true });
  const store = await openStore(BIG_STORE, { idleReleaseMs: Infinity });
  const graph = new SupplyChainGraph(store.sqlExecutor(), { historyLimit: COMMITS });
  const started = process.hrtime.bigint();
  for (let commit = 0; commit < COMMITS; commit++) {
    for (let project = 0; project < PROJECTS; project++) {
      await graph.recordSnapshot({ name: `project-${project}`, path: `/work/project-${project}` }, snapshot(project, commit));
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  report.add({ group: GROUP, name: `build ${PROJECTS * COMMITS} snapshots × ${PACKAGES} packages (once)`, value: ms, unit: 'ms' });
  await store.close();
}

async function benchQueries(report: BenchReporter): Promise<void> {
  await buildBigStore(report);
  const store = await openStore(BIG_STORE, { idleReleaseMs: Infinity });
  const graph = new SupplyChainGraph(store.sqlExecutor(), { historyLimit: COMMITS });
  const lookup = await timeIt(() => graph.read((s) => s.all(graph.dialect.statement('SELECT id FROM g_package WHERE purl = ?'), ['pkg:npm/lodash@4.17.19'])), 21, 5);
  const baseline = { name: 'one indexed lookup', value: lookup };
  const cases: Array<[string, () => Promise<{ results: unknown[] }>]> = [
    ['who-uses lodash, latest snapshots', () => graph.whoUses({ package: 'lodash' })],
    ['who-uses lodash, latest, no paths', () => graph.whoUses({ package: 'lodash', paths: false })],
    ['who-uses lodash, all 1,000 snapshots', () => graph.whoUses({ package: 'lodash', history: true })],
    ['vuln CVE-2099-0001 (alias), latest', () => graph.vuln({ id: 'CVE-2099-0001' })],
    ['vuln CVE-2099-0001 (alias), all snapshots', () => graph.vuln({ id: 'CVE-2099-0001', history: true })],
  ];
  for (const [name, query] of cases) {
    const count = (await query()).results.length;
    const warm = await timeIt(query, 7, 2);
    report.add({ group: GROUP, name: `${name} (${count} results)`, value: warm, unit: 'ms', baseline, target: '≤ 50 ms' });
  }
  const edges = await graph.read(async (s) => Number((await s.all('SELECT count(*) AS n FROM g_dep'))[0]!.n));
  await store.close();
  const size = statSync(BIG_STORE).size + (existsSync(`${BIG_STORE}-wal`) ? statSync(`${BIG_STORE}-wal`).size : 0);
  report.add({ group: GROUP, name: `store file per dependency edge (${edges} edges, ${(size / 1e6).toFixed(0)} MB)`, value: size / edges, unit: 'bytes', target: '≤ 200 bytes' });
}

if (require.main === module) {
  void run(new BenchReporter()).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  });
}
