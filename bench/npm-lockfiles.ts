import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DependencyGraph } from '../server/src/analysis/paths';
import { parsePackageLock } from '../server/src/ecosystems/npm/package-lock';
import { type BenchReporter, timeIt } from './report';

const REAL = join(__dirname, '../test/fixtures/realworld');
const FILES = [
  { name: 'nodejs-goof lockfile v2', dir: 'nodejs-goof-2022-lockfile-v2', snyk: true },
  { name: 'nodejs-goof lockfile v1', dir: 'nodejs-goof-2021-lockfile-v1', snyk: true },
  { name: 'npm-cli lockfile v2 (workspaces)', dir: 'npm-cli-2021-lockfile-v2', snyk: false },
];

/**
 * Extract + dependency graph for real package-locks, next to read + JSON.parse of the same file and
 * to the peers: snyk-nodejs-lockfile-parser (Snyk's) and @npmcli/arborist's loadVirtual (npm's own).
 * Targets (issue): within 2× of JSON.parse, at least 10× faster than snyk-nodejs-lockfile-parser.
 */
export async function run(report: BenchReporter): Promise<void> {
  const snyk = await import('snyk-nodejs-lockfile-parser');
  const Arborist = (await import('@npmcli/arborist')).default as unknown as new (o: { path: string }) => { loadVirtual(): Promise<unknown> };
  for (const file of FILES) {
    const path = join(REAL, file.dir, 'package-lock.json');
    const baseline = await timeIt(() => JSON.parse(readFileSync(path, 'utf8')), 15, 3);
    const ours = await timeIt(() => {
      const result = parsePackageLock(path, readFileSync(path, 'utf8'));
      const graph = new DependencyGraph(result.packages);
      return graph.package(result.packages[0]!.id);
    }, 15, 3);
    report.add({ group: 'npm lockfile', name: `${file.name}: read + extract + graph`, value: ours, unit: 'ms', baseline: { name: 'read+JSON.parse', value: baseline }, target: '≤ 2×' });
    if (file.snyk) {
      const manifest = readFileSync(join(REAL, file.dir, 'package.json'), 'utf8');
      const peer = await timeIt(async () => {
        const lock = readFileSync(path, 'utf8');
        if (file.dir.endsWith('v2')) await snyk.parseNpmLockV2Project(manifest, lock, { includeDevDeps: true, includeOptionalDeps: true, strictOutOfSync: false, pruneCycles: true });
        else await snyk.buildDepTree(manifest, lock, true, snyk.LockfileType.npm, false);
      }, 5, 1);
      report.add({ group: 'npm lockfile', name: `${file.name}: snyk-nodejs-lockfile-parser`, value: peer, unit: 'ms', baseline: { name: 'Chainsight', value: ours }, target: '≥ 10× Chainsight' });
    }
    const arborist = await timeIt(() => new Arborist({ path: join(REAL, file.dir) }).loadVirtual(), 5, 1);
    report.add({ group: 'npm lockfile', name: `${file.name}: @npmcli/arborist loadVirtual`, value: arborist, unit: 'ms', baseline: { name: 'Chainsight', value: ours } });
  }
}
