// PyPI attestations and the Go checksum database on top of a scan: a uv.lock pinning 200 files that
// carry real PEP 740 attestations and a 300-line real go.sum, scanned against recorded advisories,
// then verified with a warm store (verdicts, index pages, provenance objects, proven records and
// tiles cached), each next to the scan without provenance measured in the same run.
// Target: each adds at most 20% to the scan. Run with `npx tsx bench/provenance-ecosystems.ts`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Agent } from 'undici';
import { scanFolder } from '../server/src/analysis/scan';
import { unitFiles } from '../server/src/analysis/unit';
import { createLocalSource } from '../server/src/osv/local-source';
import { WorkspaceProvenance } from '../server/src/provenance/workspace-check';
import { openStore } from '../server/src/store';
import { DISTRIBUTIONS, startPypiIndexServer, uvLockFor, type IndexedDistribution } from '../test/support/pypi-index-server';
import { startSumdbServer } from '../test/support/sumdb-server';
import { type BenchReporter, cpuTimeIt, timeIt } from './report';

const GROUP = 'provenance-eco';
const ROOT = path.resolve(__dirname, '..');
const OSV = path.join(ROOT, 'test/fixtures/osv-server/records');
const TRUSTED_ROOT = path.join(ROOT, 'test/fixtures/sigstore/trust/trusted_root.public-good.json');
const HUGO_SUM = path.join(ROOT, 'test/fixtures/ecosystems/go/realworld/hugo-2021-go/go.sum');
const VERIFIED = DISTRIBUTIONS.filter((d) => d.provenance !== null && ['pypi-attestations', 'pypi-attestation-models', 'gitlab-oidc-project'].includes(d.project));

export async function run(report: BenchReporter): Promise<void> {
  // 200 projects, each pinning one real attested file (the attestation names the file, so it verifies).
  const files: IndexedDistribution[] = Array.from({ length: 200 }, (_, i) => ({ ...VERIFIED[i % VERIFIED.length]!, project: `bench-${i}` }));
  const index = await startPypiIndexServer('normal', files);
  const goSum = `${readFileSync(HUGO_SUM, 'utf8').split('\n').slice(0, 300).join('\n')}\n`;
  const sumdb = await startSumdbServer({ goSum, padding: 300 });
  const dir = mkdtempSync(path.join(tmpdir(), 'chainsight-bench-prov-'));
  const agent = new Agent({ connections: 16 });
  try {
    writeFileSync(path.join(dir, 'uv.lock'), uvLockFor(files, index.url));
    writeFileSync(path.join(dir, 'go.sum'), goSum);
    const store = await openStore(path.join(dir, 'store.db'));
    const source = createLocalSource(OSV);
    await source.load();
    const scan = async () => (await scanFolder(dir, source)).analysis;
    const analysis = await scan();
    const units = (ecosystem: string) => analysis.units.map((u) => unitFiles(u.unit).filter((f) => f.parser.ecosystem.name === ecosystem));
    const checker = new WorkspaceProvenance({
      dispatcher: agent,
      cache: store.keyedCache(),
      tufCachePath: dir,
      trustedRootPath: TRUSTED_ROOT,
      env: { GOENV: 'off' },
      home: dir,
      registries: { PyPI: index.url, Go: sumdb.gosumdb },
    });
    const pypi = await checker.check(units('PyPI'));
    const go = await checker.check(units('Go'));
    const verified = (m: Map<string, { signature: { status: string }; provenance: { status: string } }>, pick: 'signature' | 'provenance') => [...m.values()].filter((r) => r[pick].status === 'verified').length;
    process.stdout.write(`${GROUP.padEnd(18)} cold check: ${verified(pypi, 'provenance')} of ${pypi.size} PyPI packages with verified provenance, ${verified(go, 'signature')} of ${go.size} Go modules verified\n`);

    const scanMs = await timeIt(scan, 9, 2);
    const pypiMs = await timeIt(() => checker.check(units('PyPI')), 9, 2);
    const goMs = await timeIt(() => checker.check(units('Go')), 9, 2);
    report.add({ group: GROUP, name: 'scan: uv.lock (200 files) + go.sum (300 lines)', value: scanMs, unit: 'ms' });
    report.add({ group: GROUP, name: 'PyPI: 200 locked files, warm verdict cache', value: pypiMs, unit: 'ms', baseline: { name: 'scan', value: scanMs }, target: '≤ 0.20×' });
    report.add({ group: GROUP, name: 'Go: 300-line go.sum, warm tiles and records', value: goMs, unit: 'ms', baseline: { name: 'scan', value: scanMs }, target: '≤ 0.20×' });
    // The same in CPU time: the added work, without the other processes' turns on a shared machine.
    const scanCpu = await cpuTimeIt(scan);
    const pypiCpu = await cpuTimeIt(() => checker.check(units('PyPI')));
    const goCpu = await cpuTimeIt(() => checker.check(units('Go')));
    report.add({ group: GROUP, name: 'scan (CPU)', value: scanCpu, unit: 'ms' });
    report.add({ group: GROUP, name: 'PyPI: 200 locked files, warm (CPU)', value: pypiCpu, unit: 'ms', baseline: { name: 'scan CPU', value: scanCpu }, target: '≤ 0.20×' });
    report.add({ group: GROUP, name: 'Go: 300-line go.sum, warm (CPU)', value: goCpu, unit: 'ms', baseline: { name: 'scan CPU', value: scanCpu }, target: '≤ 0.20×' });
    await store.close();
  } finally {
    await agent.close();
    await index.close();
    await sumdb.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    const { BenchReporter } = await import('./report.js');
    await run(new BenchReporter());
  })();
}
