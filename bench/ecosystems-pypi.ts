// PyPI lockfile extraction next to the raw TOML parse of the same text.
// Run with `npm run bench` (all benches) or `npx tsx bench/ecosystems-pypi.ts` (this one).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type * as TomlEslintParser from 'toml-eslint-parser' with { 'resolution-mode': 'import' };
import { parsePoetryLock } from '../server/src/ecosystems/pypi/poetry-lock';
import { parseUvLock } from '../server/src/ecosystems/pypi/uv-lock';
import { BenchReporter, timeIt } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('toml-eslint-parser') as typeof TomlEslintParser;

const GROUP = 'ecosystems-pypi';
const ROOT = path.resolve(__dirname, '..');
const REALWORLD = path.resolve(ROOT, '../shared/corpus/realworld/poetry-2021-poetry-lock/poetry.lock');

export async function run(report: BenchReporter): Promise<void> {
  if (existsSync(REALWORLD)) {
    await compare(report, 'poetry.lock (python-poetry, 65 packages)', REALWORLD, () => readFileSync(REALWORLD, 'utf8'), parsePoetryLock);
  } else {
    process.stdout.write(`${GROUP}: ${REALWORLD} not found; skipping the real-world poetry.lock\n`);
  }
  // No real-world uv.lock in the corpus: a generated one at the size of a large application shows
  // how extraction and graph building scale with the file.
  const uvText = syntheticUvLock(2_000);
  await compare(report, 'uv.lock (synthetic, 2,000 packages)', '', () => uvText, parseUvLock);
}

async function compare(report: BenchReporter, label: string, file: string, read: () => string, extract: (path: string, text: string) => unknown): Promise<void> {
  const text = read();
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
  const rawParse = () => toml.parseTOML(read());
  const toObject = () => toml.getStaticTOMLValue(toml.parseTOML(read()));
  const extractAll = () => extract(file || 'uv.lock', read());
  // Warm all three before timing any: the parser's code is shared, so whichever ran first would pay for the JIT.
  for (let i = 0; i < 3; i++) for (const fn of [rawParse, toObject, extractAll]) fn();
  const readAndParse = await timeIt(rawParse, 9, 1);
  const readParseToObject = await timeIt(toObject, 9, 1);
  const extractMs = await timeIt(extractAll, 9, 1);
  report.add({ group: GROUP, name: `${label}, ${kb} KB: read + toml-eslint-parser AST`, value: readAndParse, unit: 'ms' });
  report.add({ group: GROUP, name: `${label}: read + AST + to plain object`, value: readParseToObject, unit: 'ms', baseline: { name: 'AST only', value: readAndParse } });
  report.add({ group: GROUP, name: `${label}: read + extract + graph`, value: extractMs, unit: 'ms', baseline: { name: 'read+AST', value: readAndParse }, target: '≤ 2× read+AST' });
}

function syntheticUvLock(count: number): string {
  const lines = ['version = 1', 'requires-python = ">=3.12"', '', '[[package]]', 'name = "app"', 'version = "0.1.0"', 'source = { editable = "." }', 'dependencies = ['];
  for (let i = 0; i < 50; i++) lines.push(`    { name = "pkg-${i}" },`);
  lines.push(']', '');
  for (let i = 0; i < count; i++) {
    lines.push('[[package]]', `name = "pkg-${i}"`, `version = "1.${i % 50}.${i % 7}"`, 'source = { registry = "https://pypi.org/simple" }');
    const children = [i * 3 + 1, i * 3 + 2].filter((c) => c < count);
    if (children.length) lines.push('dependencies = [', ...children.map((c) => `    { name = "pkg-${c}" },`), ']');
    lines.push(
      `sdist = { url = "https://files.pythonhosted.org/packages/00/00/pkg_${i}-1.0.tar.gz", hash = "sha256:${'ab'.repeat(32)}", size = ${1000 + i} }`,
      'wheels = [',
      `    { url = "https://files.pythonhosted.org/packages/00/00/pkg_${i}-1.0-py3-none-any.whl", hash = "sha256:${'cd'.repeat(32)}", size = ${900 + i} },`,
      ']',
      '',
    );
  }
  return lines.join('\n');
}

if (require.main === module) void run(new BenchReporter());
