// Benchmarks for the team store on PostgreSQL (docs/team.md, "Measured"), each next to the embedded
// store's figure from the same run: recording a 1,300-package snapshot; 20 concurrent writers
// (separate pools, as 20 CI jobs) building 1,000 snapshots × 1,000 packages, in facts/s; who-uses and
// vuln p50/p95 on that store, warm. The cluster is a throwaway one on loopback, with fsync on
// (test/support/postgres-server.ts). Run with `npm run bench -- store-team`.
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { FactBundle } from '../server/src/graph/facts';
import { SupplyChainGraph } from '../server/src/graph/graph-store';
import { openGraphStore, type GraphStore } from '../server/src/store/open-graph-store';
import { openStore } from '../server/src/store/open-store';
import { postgresBinDir, startPostgres, type PostgresServer } from '../test/support/postgres-server';
import { BenchReporter } from './report';
import { BIG_STORE, buildBigStore, COMMITS, PROJECTS, snapshot } from './store-graph';

const GROUP = 'store-team';
const WORK = path.resolve(__dirname, '..', '.bench-tmp', 'store-team');
const WRITERS = 20;

export async function run(report: BenchReporter): Promise<void> {
  if (!postgresBinDir()) {
    process.stdout.write(`${GROUP.padEnd(18)} skipped: PostgreSQL is not installed (apt-get install -y postgresql)\n`);
    return;
  }
  // Durable (fsync on), as a real server runs and as the embedded store commits.
  const server = await startPostgres({ durable: true });
  try {
    await benchRecord(report, server);
    await benchWriters(report, server);
    await benchQueries(report, server);
  } finally {
    await server.stop();
    rmSync(WORK, { recursive: true, force: true });
  }
}

const facts = (b: FactBundle) => b.deps.length + b.occurrences.length + b.certVulns.length + b.vulnEquals.length;

function percentiles(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const pg = (server: PostgresServer, database: string, maxConnections = 4) =>
  openGraphStore({ kind: 'postgres', url: server.url(database) }, { postgres: { password: server.password, maxConnections } });

/** One project's snapshots at new commits, 1,300 packages each: the embedded file against the team store. */
async function benchRecord(report: BenchReporter, server: PostgresServer): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  server.psql('CREATE DATABASE record');
  const embedded = await openGraphStore({ kind: 'file', path: path.join(WORK, 'record.db') });
  const team = await pg(server, 'record');
  const runs = async (store: GraphStore) => {
    const times: number[] = [];
    for (let commit = 0; commit < 9; commit++) {
      const bundle = snapshot(1, commit, 1_300);
      const ms = await timed(() => store.graph.recordSnapshot({ name: 'big-app', path: '/work/big-app' }, bundle));
      if (commit >= 2) times.push(ms);
    }
    return percentiles(times).p50;
  };
  const [file, server_] = [await runs(embedded), await runs(team)];
  await embedded.close();
  await team.close();
  report.add({ group: GROUP, name: 'record a 1,300-package snapshot (new commit)', value: server_, unit: 'ms', baseline: { name: 'embedded store', value: file }, target: '≤ 2×' });
}

/** `writers` concurrent writers record `perWriter` snapshots each; facts per second over the wall time. */
async function writeConcurrently(stores: GraphStore[], snapshots: Array<[number, number]>): Promise<number> {
  let total = 0;
  let next = 0;
  const ms = await timed(() =>
    Promise.all(
      stores.map(async (store) => {
        for (let i = next++; i < snapshots.length; i = next++) {
          const [project, commit] = snapshots[i]!;
          const bundle = snapshot(project, commit);
          total += facts(bundle);
          await store.graph.recordSnapshot({ name: `project-${project}`, path: `/work/project-${project}` }, bundle);
        }
      }),
    ),
  );
  return total / (ms / 1000);
}

/** The 1,000-snapshot store built by 20 writers at once (each its own connection, as CI jobs are). */
async function benchWriters(report: BenchReporter, server: PostgresServer): Promise<void> {
  const all: Array<[number, number]> = [];
  for (let commit = 0; commit < COMMITS; commit++) for (let project = 0; project < PROJECTS; project++) all.push([project, commit]);
  server.psql('CREATE DATABASE big');
  await (await pg(server, 'big')).close();
  const writers = await Promise.all(Array.from({ length: WRITERS }, () => pg(server, 'big', 1)));
  const team = await writeConcurrently(writers, all);
  await Promise.all(writers.map((w) => w.close()));
  // What autovacuum does on a live server some time after a bulk load: statistics for the planner.
  server.psql('ANALYZE', 'big');
  // The embedded store: 20 writers in one process share its file (one at a time, as its lock allows); 100 snapshots.
  const file = await openStore(path.join(WORK, 'writers.db'), { idleReleaseMs: Infinity });
  const shared = await openGraphStore({ kind: 'file', path: '' }, { embedded: file });
  const embedded = await writeConcurrently(Array.from({ length: WRITERS }, () => shared), all.slice(0, 100));
  await file.close();
  report.add({ group: GROUP, name: `${WRITERS} concurrent writers, ${all.length} snapshots × 1,000 packages`, value: team, unit: 'facts/s', baseline: { name: `embedded store, ${WRITERS} writers, 100 snapshots`, value: embedded } });
}

async function benchQueries(report: BenchReporter, server: PostgresServer): Promise<void> {
  await buildBigStore(report);
  const file = await openStore(BIG_STORE, { idleReleaseMs: Infinity });
  const embedded = new SupplyChainGraph(file.sqlExecutor(), { historyLimit: COMMITS });
  const team = await pg(server, 'big');
  const cases: Array<[string, (g: SupplyChainGraph) => Promise<{ results: unknown[] }>, string?]> = [
    ['who-uses lodash, latest snapshots', (g) => g.whoUses({ package: 'lodash' })],
    ['who-uses lodash, all 1,000 snapshots', (g) => g.whoUses({ package: 'lodash', history: true }), '≤ 50 ms p95'],
    ['vuln CVE-2099-0001 (alias), latest', (g) => g.vuln({ id: 'CVE-2099-0001' })],
    ['vuln CVE-2099-0001 (alias), all snapshots', (g) => g.vuln({ id: 'CVE-2099-0001', history: true })],
  ];
  for (const [name, ask, target] of cases) {
    const latency = async (graph: SupplyChainGraph) => {
      const count = (await ask(graph)).results.length;
      await ask(graph);
      const times: number[] = [];
      for (let i = 0; i < 40; i++) times.push(await timed(() => ask(graph)));
      return { count, ...percentiles(times) };
    };
    const [t, e] = [await latency(team.graph), await latency(embedded)];
    if (t.count !== e.count) throw new Error(`${name}: ${t.count} results on PostgreSQL, ${e.count} embedded`);
    report.add({ group: GROUP, name: `${name} (${t.count}) p50`, value: t.p50, unit: 'ms', baseline: { name: 'embedded', value: e.p50 } });
    report.add({ group: GROUP, name: `${name} (${t.count}) p95`, value: t.p95, unit: 'ms', baseline: { name: 'embedded', value: e.p95 }, ...(target ? { target } : {}) });
  }
  await team.close();
  await file.close();
}

if (require.main === module) {
  void run(new BenchReporter()).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  });
}
