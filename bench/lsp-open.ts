import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri, LspTestClient } from '../test/support/lsp-client';
import type { BenchReporter } from './report';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A bare `node -e ''`: the floor any Node language server starts from, on this machine, now. */
function bareNodeStart(): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '']);
  return performance.now() - t0;
}

/** Spawn the server, initialize, open goof's package.json at once: the time to its first diagnostics. */
async function startToFirstDiagnostics(root: string): Promise<number> {
  const uri = fileUri(join(root, 'package.json'));
  const t0 = performance.now();
  const client = await LspTestClient.start(root, { osv: { offlineData: './osv' } });
  const published = client.nextDiagnostics(uri);
  await client.open(uri, readFileSync(join(root, 'package.json'), 'utf8'));
  await published;
  const elapsed = performance.now() - t0;
  await client.stop();
  return elapsed;
}

/**
 * Cold start to first diagnostics (next to a bare Node start), then open-to-diagnostics through the real language server: the time from didOpen of goof's
 * package.json to its published diagnostics, warm (the server has scanned the workspace once), next
 * to the server's own start-to-ready time.
 */
export async function run(report: BenchReporter): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'chainsight-bench-'));
  try {
    cpSync(join(__dirname, '../test/fixtures/realworld/nodejs-goof-2022-lockfile-v2'), root, { recursive: true });
    cpSync(join(__dirname, '../test/fixtures/osv-npm'), join(root, 'osv'), { recursive: true });
    const bare: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(bareNodeStart());
      cold.push(await startToFirstDiagnostics(root));
    }
    const node = median(bare);
    report.add({ group: 'LSP', name: "goof: spawn → package.json's first diagnostics", value: median(cold), unit: 'ms', target: `≤ 200 ms; bare node -e '' ${node.toFixed(0)} ms in this run` });
    const started = performance.now();
    const client = await LspTestClient.start(root, { osv: { offlineData: './osv' } });
    await client.waitForStatus((s) => s.state === 'ready');
    const ready = performance.now() - started;
    const uri = fileUri(join(root, 'package.json'));
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const edited = `${text}${' '.repeat(i + 1)}`;
      const published = client.nextDiagnostics(uri);
      const t0 = performance.now();
      if (i === 0) await client.open(uri, edited);
      else await client.change(uri, edited);
      await published;
      times.push(performance.now() - t0);
    }
    report.add({ group: 'LSP', name: 'goof: start → workspace scanned (1,274 packages)', value: ready, unit: 'ms' });
    report.add({ group: 'LSP', name: 'goof: edit package.json → diagnostics published', value: median(times), unit: 'ms', target: 'includes the 200 ms typing debounce' });
    await client.stop();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
