// The npm family's other lockfiles: extract + graph next to read + raw parse of the same text, and
// next to snyk-nodejs-lockfile-parser where it reads the format.
// Run with `npm run bench` (all benches) or `npx tsx bench/ecosystems-npm-family.ts` (this one).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DependencyGraph } from '../server/src/analysis/paths';
import type { ParseResult } from '../server/src/core/package';
import { jsoncToJson } from '../server/src/ecosystems/npm/bun-jsonc';
import { parseBunLock } from '../server/src/ecosystems/npm/bun-lock';
import { parsePnpmLock } from '../server/src/ecosystems/npm/pnpm-lock';
import { parseYarnLock } from '../server/src/ecosystems/npm/yarn-lock';
import { BenchReporter, timeIt } from './report';

const GROUP = 'npm family';
const HYPER = path.resolve(__dirname, '../../shared/corpus/realworld/hyper-2021-yarn-v1');
/** Packages in the synthetic lockfiles: the size of a large application's or a monorepo's graph. */
const COUNT = 3_000;

export async function run(report: BenchReporter): Promise<void> {
  const snyk = await import('snyk-nodejs-lockfile-parser');
  if (existsSync(path.join(HYPER, 'yarn.lock'))) {
    const lockPath = path.join(HYPER, 'yarn.lock');
    const manifest = readFileSync(path.join(HYPER, 'package.json'), 'utf8');
    await compare(report, {
      label: 'hyper yarn.lock v1 (1,108 entries)',
      read: () => readFileSync(lockPath, 'utf8'),
      raw: { name: 'read+split lines', fn: (text) => text.split('\n') },
      extract: parseYarnLock,
      file: 'yarn.lock',
      peer: (text) => snyk.buildDepTree(manifest, text, true, snyk.LockfileType.yarn, false),
    });
  } else {
    process.stdout.write(`${GROUP}: ${HYPER} not found; skipping the real-world yarn.lock\n`);
  }

  const pnpm = syntheticPnpmLock(COUNT);
  await compare(report, {
    label: `pnpm-lock.yaml 9.0 (synthetic, ${COUNT.toLocaleString('en')} packages)`,
    read: () => pnpm.lock,
    raw: { name: 'yaml.parse', fn: (text) => parseYaml(text) },
    extract: parsePnpmLock,
    file: 'pnpm-lock.yaml',
    peer: (text) => snyk.parsePnpmProject(pnpm.manifest, text, { includeDevDeps: true, includeOptionalDeps: true, strictOutOfSync: false, pruneWithinTopLevelDeps: false }),
  });

  const berry = syntheticBerryLock(COUNT);
  await compare(report, {
    label: `yarn.lock berry (synthetic, ${COUNT.toLocaleString('en')} packages)`,
    read: () => berry.lock,
    raw: { name: 'yaml.parse', fn: (text) => parseYaml(text) },
    extract: parseYarnLock,
    file: 'yarn.lock',
    peer: (text) => snyk.parseYarnLockV2Project(berry.manifest, text, { includeDevDeps: true, includeOptionalDeps: true, strictOutOfSync: false, pruneWithinTopLevelDeps: false }),
  });

  const bun = syntheticBunLock(COUNT);
  await compare(report, {
    label: `bun.lock (synthetic, ${COUNT.toLocaleString('en')} packages)`,
    read: () => bun,
    raw: { name: 'JSON.parse(trailing commas stripped)', fn: (text) => JSON.parse(jsoncToJson(text)) },
    extract: parseBunLock,
    file: 'bun.lock',
  });
}

interface Comparison {
  label: string;
  read: () => string;
  raw: { name: string; fn: (text: string) => unknown };
  extract: (path: string, text: string) => ParseResult;
  file: string;
  peer?: (text: string) => Promise<unknown>;
}

async function compare(report: BenchReporter, c: Comparison): Promise<void> {
  const text = c.read();
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
  const raw = () => c.raw.fn(c.read());
  const ours = () => {
    const result = c.extract(c.file, c.read());
    if (result.errors.some((e) => e.severity !== 'warning')) throw new Error(`${c.label}: ${result.errors[0]!.message}`);
    return new DependencyGraph(result.packages).package(result.packages[0]!.id);
  };
  const peer = c.peer ? () => c.peer!(c.read()) : undefined;
  // The first call, as the language server meets a lockfile it has not read before (the GUIDE's
  // "one run" figures are of this kind); later code paths shared between formats are already warm.
  const firstOurs = await timeIt(ours, 1, 0);
  const firstPeer = peer ? await timeIt(peer, 1, 0) : undefined;
  // Warm everything first (the optimising compiler needs a few rounds), then time the contenders in
  // alternation: the load on these machines drifts, and a drift should hit all of them alike.
  for (let i = 0; i < 3; i++) raw();
  for (let i = 0; i < 10; i++) ours();
  if (peer) await peer();
  const times = { raw: [] as number[], ours: [] as number[], peer: [] as number[] };
  for (let round = 0; round < 7; round++) {
    times.raw.push(await timeIt(raw, 1, 0));
    times.ours.push(await timeIt(ours, 3, 0));
    if (peer) times.peer.push(await timeIt(peer, 1, 0));
  }
  const rawMs = median(times.raw);
  const oursMs = median(times.ours);
  report.add({ group: GROUP, name: `${c.label}, ${kb} KB: read + ${c.raw.name}`, value: rawMs, unit: 'ms' });
  report.add({ group: GROUP, name: `${c.label}: read + extract + graph`, value: oursMs, unit: 'ms', baseline: { name: c.raw.name, value: rawMs } });
  if (peer) report.add({ group: GROUP, name: `${c.label}: snyk-nodejs-lockfile-parser`, value: median(times.peer), unit: 'ms', baseline: { name: 'Chainsight', value: oursMs }, target: '≥ 10× Chainsight' });
  report.add({ group: GROUP, name: `${c.label}: first call, Chainsight`, value: firstOurs, unit: 'ms' });
  if (firstPeer !== undefined) report.add({ group: GROUP, name: `${c.label}: first call, snyk-nodejs-lockfile-parser`, value: firstPeer, unit: 'ms', baseline: { name: 'Chainsight', value: firstOurs }, target: '≥ 10× Chainsight' });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// ---- synthetic lockfiles: a layered graph, each package depending on up to three later ones ------

function versionOf(i: number): string {
  return `1.${i % 50}.${i % 7}`;
}

function childrenOf(i: number, count: number): number[] {
  return [i * 3 + 1, i * 3 + 2, i * 3 + 3].filter((c) => c < count);
}

const INTEGRITY = `sha512-${'Q'.repeat(86)}==`;
const DIRECT = 40;

function manifestFor(count: number): string {
  const deps = Object.fromEntries(Array.from({ length: Math.min(DIRECT, count) }, (_, i) => [`pkg-${i}`, `^${versionOf(i)}`]));
  return JSON.stringify({ name: 'bench-app', version: '1.0.0', dependencies: deps });
}

function syntheticPnpmLock(count: number): { lock: string; manifest: string } {
  const lines = ["lockfileVersion: '9.0'", '', 'settings:', '  autoInstallPeers: true', '  excludeLinksFromLockfile: false', '', 'importers:', '', '  .:', '    dependencies:'];
  for (let i = 0; i < Math.min(DIRECT, count); i++) lines.push(`      pkg-${i}:`, `        specifier: ^${versionOf(i)}`, `        version: ${versionOf(i)}`);
  lines.push('', 'packages:', '');
  for (let i = 0; i < count; i++) lines.push(`  pkg-${i}@${versionOf(i)}:`, `    resolution: {integrity: ${INTEGRITY}}`, "    engines: {node: '>=12'}", '');
  lines.push('snapshots:', '');
  for (let i = 0; i < count; i++) {
    const kids = childrenOf(i, count);
    if (kids.length === 0) lines.push(`  pkg-${i}@${versionOf(i)}: {}`, '');
    else lines.push(`  pkg-${i}@${versionOf(i)}:`, '    dependencies:', ...kids.map((c) => `      pkg-${c}: ${versionOf(c)}`), '');
  }
  return { lock: lines.join('\n'), manifest: manifestFor(count) };
}

function syntheticBerryLock(count: number): { lock: string; manifest: string } {
  const lines = ['# This file is generated by running "yarn install" inside your project.', '# Manual changes might be lost - proceed with caution!', '', '__metadata:', '  version: 8', '  cacheKey: 10c0', ''];
  lines.push('"bench-app@workspace:.":', '  version: 0.0.0-use.local', '  resolution: "bench-app@workspace:."', '  dependencies:');
  for (let i = 0; i < Math.min(DIRECT, count); i++) lines.push(`    pkg-${i}: "npm:^${versionOf(i)}"`);
  lines.push('  languageName: unknown', '  linkType: soft', '');
  for (let i = 0; i < count; i++) {
    lines.push(`"pkg-${i}@npm:^${versionOf(i)}":`, `  version: ${versionOf(i)}`, `  resolution: "pkg-${i}@npm:${versionOf(i)}"`);
    const kids = childrenOf(i, count);
    if (kids.length) lines.push('  dependencies:', ...kids.map((c) => `    pkg-${c}: "npm:^${versionOf(c)}"`));
    lines.push(`  checksum: 10c0/${'ab'.repeat(64)}`, '  languageName: node', '  linkType: hard', '');
  }
  return { lock: lines.join('\n'), manifest: manifestFor(count) };
}

function syntheticBunLock(count: number): string {
  const lines = ['{', '  "lockfileVersion": 1,', '  "workspaces": {', '    "": {', '      "name": "bench-app",', '      "dependencies": {'];
  for (let i = 0; i < Math.min(DIRECT, count); i++) lines.push(`        "pkg-${i}": "^${versionOf(i)}",`);
  lines.push('      },', '    },', '  },', '  "packages": {');
  for (let i = 0; i < count; i++) {
    const kids = childrenOf(i, count);
    const deps = kids.length ? `{ "dependencies": { ${kids.map((c) => `"pkg-${c}": "^${versionOf(c)}"`).join(', ')} } }` : '{}';
    lines.push(`    "pkg-${i}": ["pkg-${i}@${versionOf(i)}", "", ${deps}, "${INTEGRITY}"],`, '');
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

if (require.main === module) void run(new BenchReporter());
