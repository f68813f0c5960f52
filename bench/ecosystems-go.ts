// Go, crates.io, Pub and Hex extraction next to a baseline measured in the same run.
// Run with `npm run bench` (all benches) or `npx tsx bench/ecosystems-go.ts` (this one).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as TomlEslintParser from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import { parseDocument } from 'yaml';
import { parseCargoLock } from '../server/src/ecosystems/cargo/cargo-lock';
import { parseGoMod } from '../server/src/ecosystems/go/go-mod';
import { parseGoSum } from '../server/src/ecosystems/go/go-sum';
import { parseMixLock } from '../server/src/ecosystems/hex/mix-lock';
import { parsePubspecLock } from '../server/src/ecosystems/pub/pubspec-lock';
import { BenchReporter, timeIt } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('toml-eslint-parser') as typeof TomlEslintParser;

const ROOT = path.resolve(__dirname, '..');
const HUGO_CORPUS = path.resolve(ROOT, '../shared/corpus/realworld/hugo-2021-go');
const HUGO_FIXTURE = path.resolve(ROOT, 'test/fixtures/ecosystems/go/realworld/hugo-2021-go');
const CARGO_FIXTURE = path.resolve(ROOT, 'test/fixtures/ecosystems/cargo/scenarios/workspace/Cargo.lock');

export async function run(report: BenchReporter): Promise<void> {
  const hugo = existsSync(HUGO_CORPUS) ? HUGO_CORPUS : HUGO_FIXTURE;
  const goMod = path.join(hugo, 'go.mod');
  const goSum = path.join(hugo, 'go.sum');
  const readSplit = (file: string) => readFileSync(file, 'utf8').split('\n');

  const modBase = await timeIt(() => readSplit(goMod), 200, 50);
  const mod = await timeIt(() => parseGoMod(goMod, readFileSync(goMod, 'utf8')), 200, 50);
  report.add({ group: 'ecosystems-go', name: 'hugo go.mod (66 requires): read + extract', value: mod, unit: 'ms', baseline: { name: 'read+split', value: modBase }, target: '≤ 5× read+split' });
  const context = { readFile: (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined) };
  const modWithSum = await timeIt(() => parseGoMod(goMod, readFileSync(goMod, 'utf8'), context), 200, 50);
  const bothBase = await timeIt(() => [readSplit(goMod), readSplit(goSum)], 200, 50);
  report.add({ group: 'ecosystems-go', name: 'hugo go.mod + go.sum merge (go 1.16): read + extract', value: modWithSum, unit: 'ms', baseline: { name: 'read+split both', value: bothBase } });
  const sumBase = await timeIt(() => readSplit(goSum), 200, 50);
  const sum = await timeIt(() => parseGoSum(goSum, readFileSync(goSum, 'utf8')), 200, 50);
  report.add({ group: 'ecosystems-go', name: 'hugo go.sum (991 lines): read + extract', value: sum, unit: 'ms', baseline: { name: 'read+split', value: sumBase }, target: '≤ 5× read+split' });

  await cargoLock(report, 'Cargo.lock fixture (12 crates, workspace)', readFileSync(CARGO_FIXTURE, 'utf8'));
  await cargoLock(report, 'Cargo.lock (synthetic, 1,500 crates)', syntheticCargoLock(1_500));

  const pub = syntheticPubspecLock(600);
  const pubBase = await timeIt(() => parseDocument(pub), 9, 3);
  const pubMs = await timeIt(() => parsePubspecLock('pubspec.lock', pub), 9, 3);
  report.add({ group: 'ecosystems-pub', name: 'pubspec.lock (synthetic, 600 packages): extract', value: pubMs, unit: 'ms', baseline: { name: 'yaml parseDocument', value: pubBase }, target: '≤ 2× YAML parse' });

  const mix = syntheticMixLock(600);
  const mixBase = await timeIt(() => mix.split('\n'), 200, 50);
  const mixMs = await timeIt(() => parseMixLock('mix.lock', mix), 200, 50);
  report.add({ group: 'ecosystems-hex', name: 'mix.lock (synthetic, 600 packages): extract + graph', value: mixMs, unit: 'ms', baseline: { name: 'split lines', value: mixBase } });
}

async function cargoLock(report: BenchReporter, label: string, text: string): Promise<void> {
  const raw = await timeIt(() => toml.parseTOML(text), 9, 3);
  const extract = await timeIt(() => parseCargoLock('Cargo.lock', text), 9, 3);
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
  report.add({ group: 'ecosystems-cargo', name: `${label}, ${kb} KB: extract + graph`, value: extract, unit: 'ms', baseline: { name: 'toml-eslint-parser', value: raw }, target: '≤ 2× TOML parse' });
}

function syntheticCargoLock(count: number): string {
  const lines = ['version = 3', '', '[[package]]', 'name = "app"', 'version = "0.1.0"', 'dependencies = ['];
  for (let i = 0; i < 40; i++) lines.push(` "crate-${i}",`);
  lines.push(']', '');
  for (let i = 0; i < count; i++) {
    lines.push('[[package]]', `name = "crate-${i}"`, `version = "1.${i % 40}.${i % 9}"`, 'source = "registry+https://github.com/rust-lang/crates.io-index"', `checksum = "${'ab'.repeat(32)}"`);
    const children = [i * 2 + 1, i * 2 + 2].filter((c) => c < count);
    if (children.length) lines.push('dependencies = [', ...children.map((c) => ` "crate-${c}",`), ']');
    lines.push('');
  }
  return lines.join('\n');
}

function syntheticPubspecLock(count: number): string {
  const lines = ['# Generated by pub', 'packages:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  pkg_${i}:`, `    dependency: ${i < 30 ? '"direct main"' : 'transitive'}`, '    description:', `      name: pkg_${i}`, `      sha256: "${'cd'.repeat(32)}"`, '      url: "https://pub.dev"', '    source: hosted', `    version: "1.${i % 30}.0"`);
  }
  lines.push('sdks:', '  dart: ">=3.0.0 <4.0.0"');
  return lines.join('\n');
}

function syntheticMixLock(count: number): string {
  const lines = ['%{'];
  for (let i = 0; i < count; i++) {
    const deps = [i * 2 + 1, i * 2 + 2].filter((c) => c < count).map((c) => `{:pkg_${c}, "~> 1.0", [hex: :pkg_${c}, repo: "hexpm", optional: false]}`);
    lines.push(`  "pkg_${i}": {:hex, :pkg_${i}, "1.${i % 30}.0", "${'ab'.repeat(32)}", [:mix], [${deps.join(', ')}], "hexpm", "${'cd'.repeat(32)}"},`);
  }
  lines.push('}');
  return lines.join('\n');
}

if (require.main === module) void run(new BenchReporter());
