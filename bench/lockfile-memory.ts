import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { parsePackageLock } from '../server/src/ecosystems/npm/package-lock';
import { ensureBigLockfile } from './big-lockfile';
import type { BenchReporter } from './report';

const GROUP = 'lockfile memory';

/**
 * Peak memory of reading a ~164 MB package-lock.json (generated, see big-lockfile.ts) next to
 * `JSON.parse` of the same text. Each figure comes from a fresh process (peak RSS only ever grows,
 * so two measurements cannot share one), started the same way in the same run: the baseline reads
 * the text and parses it; ours reads the text and extracts packages with positions and edges, the
 * stage the language server keeps for every open lockfile. Issue 11's target is ≤ 4× the baseline.
 */
export async function run(report: BenchReporter): Promise<void> {
  const path = await ensureBigLockfile();
  const sizeMb = statSync(path).size / 1e6;
  const baseline = child('json', path);
  const ours = child('extract', path);
  report.add({ group: GROUP, name: `${sizeMb.toFixed(0)} MB package-lock: peak RSS, read + extract`, value: ours.peakMb, unit: 'MB', baseline: { name: 'read + JSON.parse', value: baseline.peakMb }, target: '≤ 4×' });
  report.add({ group: GROUP, name: `${sizeMb.toFixed(0)} MB package-lock: heap kept after GC, extract`, value: ours.keptMb, unit: 'MB', baseline: { name: 'JSON.parse result', value: baseline.keptMb } });
  report.add({ group: GROUP, name: `${sizeMb.toFixed(0)} MB package-lock: read + extract time`, value: ours.ms, unit: 'ms', baseline: { name: 'read + JSON.parse', value: baseline.ms } });
}

interface ChildFigures {
  peakMb: number;
  keptMb: number;
  ms: number;
  packages: number;
}

function child(mode: 'json' | 'extract', path: string): ChildFigures {
  const out = spawnSync(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', __filename, '--memory-child', mode, path], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  const line = out.stdout.split('\n').find((l) => l.startsWith('{'));
  if (out.status !== 0 || !line) throw new Error(`memory child (${mode}) failed: ${out.stderr}`);
  return JSON.parse(line) as ChildFigures;
}

async function memoryChild(mode: string, path: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  // Both processes load the same code (the parser is imported above), so they start alike.
  gc();
  const started = process.hrtime.bigint();
  const text = readFileSync(path, 'utf8');
  let kept: unknown;
  let packages = 0;
  if (mode === 'json') {
    kept = JSON.parse(text);
  } else {
    const result = parsePackageLock(path, text);
    packages = result.packages.length;
    kept = result;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  gc();
  const keptMb = process.memoryUsage().heapUsed / 1e6;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ peakMb, keptMb, ms, packages } satisfies ChildFigures)}\n`);
  if (kept === undefined) process.exitCode = 1;
}

if (process.argv[2] === '--memory-child') void memoryChild(process.argv[3]!, process.argv[4]!);
