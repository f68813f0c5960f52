// Shared vulnerability data in the team store (docs/team.md, section 4), each figure next to the
// embedded store's from the same run: importing an offline database of 30,000 records (records/s), and
// the offline look-up a scan of 1,300 packages makes, warm, p50/p95 — from the team store alone and
// through the layered store an air-gapped editor uses (team store + its own empty embedded store).
// Run with `npm run bench -- store-team-osv`.
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { OsvRecord } from '../server/src/osv/types';
import { LayeredVulnerabilityData } from '../server/src/store/layered-vulnerability-data';
import type { VulnerabilityDataStore } from '../server/src/store/metadata-store';
import { openGraphStore } from '../server/src/store/open-graph-store';
import { openStore } from '../server/src/store/open-store';
import { postgresBinDir, startPostgres } from '../test/support/postgres-server';
import { BenchReporter } from './report';

const GROUP = 'store-team-osv';
const WORK = path.resolve(__dirname, '..', '.bench-tmp', 'store-team-osv');
const RECORDS = 30_000;
const PACKAGES = 10_000;
const SCANNED = 1_300;
const BATCH = 500;

function record(i: number): OsvRecord {
  const names = [`pkg-${i % PACKAGES}`, ...(i % 7 === 0 ? [`pkg-${(i * 31) % PACKAGES}`] : [])];
  return {
    id: `GHSA-bench-${i}`,
    modified: '2026-11-01T00:00:00Z',
    summary: `advisory ${i}`,
    affected: names.map((name) => ({ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `1.0.${i}` }] }] })),
  };
}

async function importAll(store: VulnerabilityDataStore): Promise<number> {
  const start = process.hrtime.bigint();
  const writer = await store.beginImport('bench');
  for (let i = 0; i < RECORDS; i += BATCH) await writer.add(Array.from({ length: Math.min(BATCH, RECORDS - i) }, (_, j) => record(i + j)));
  await writer.commit('npm', { records: RECORDS, malformed: 0 });
  return RECORDS / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function lookups(store: Pick<VulnerabilityDataStore, 'offlineRecordsFor'>, purls: string[]): Promise<{ p50: number; p95: number; found: number }> {
  const found = [...(await store.offlineRecordsFor(purls)).records.values()].reduce((n, list) => n + list.length, 0);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = process.hrtime.bigint();
    await store.offlineRecordsFor(purls);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, p95: times[Math.ceil(times.length * 0.95) - 1]!, found };
}

export async function run(report: BenchReporter): Promise<void> {
  if (!postgresBinDir()) {
    process.stdout.write(`${GROUP.padEnd(18)} skipped: PostgreSQL is not installed (apt-get install -y postgresql)\n`);
    return;
  }
  const server = await startPostgres({ durable: true });
  mkdirSync(WORK, { recursive: true });
  try {
    server.psql('CREATE DATABASE osv');
    const team = await openGraphStore({ kind: 'postgres', url: server.url('osv') }, { postgres: { password: server.password } });
    const embedded = await openStore(path.join(WORK, 'embedded.db'), { idleReleaseMs: Infinity });
    const empty = await openStore(path.join(WORK, 'editor.db'), { idleReleaseMs: Infinity });
    try {
      const [teamRate, fileRate] = [await importAll(team.vulnerabilityData), await importAll(embedded)];
      report.add({ group: GROUP, name: `import ${RECORDS.toLocaleString('en')} OSV records`, value: teamRate, unit: 'records/s', baseline: { name: 'embedded store', value: fileRate } });
      server.psql('ANALYZE', 'osv');
      const purls = Array.from({ length: SCANNED }, (_, i) => `pkg:npm/pkg-${(i * 7) % PACKAGES}`);
      const layered = new LayeredVulnerabilityData(empty, async () => team.vulnerabilityData, 'team', { failed: (m) => { throw new Error(m); }, answered: () => undefined });
      const [t, l, e] = [await lookups(team.vulnerabilityData, purls), await lookups(layered, purls), await lookups(embedded, purls)];
      if (t.found !== e.found || l.found !== e.found) throw new Error(`records found differ: team ${t.found}, layered ${l.found}, embedded ${e.found}`);
      for (const [name, figures] of [['team store', t], ['team + empty embedded (an editor)', l]] as const) {
        report.add({ group: GROUP, name: `offline look-up, ${SCANNED.toLocaleString('en')} packages, ${name} p50`, value: figures.p50, unit: 'ms', baseline: { name: 'embedded', value: e.p50 } });
        report.add({ group: GROUP, name: `offline look-up, ${SCANNED.toLocaleString('en')} packages, ${name} p95`, value: figures.p95, unit: 'ms', baseline: { name: 'embedded', value: e.p95 } });
      }
    } finally {
      await team.close();
      await embedded.close();
      await empty.close();
    }
  } finally {
    await server.stop();
    rmSync(WORK, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void run(new BenchReporter()).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  });
}
