import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeChangedNotification } from '../server/src/protocol';
import { fileUri, LspTestClient } from '../test/support/lsp-client';
import { startOsvServer } from '../test/support/osv-server';
import type { BenchReporter } from './report';

/** Resident and peak memory of a process, from /proc (Linux, where the bench runs). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const GOOF = join(__dirname, '../test/fixtures/realworld/nodejs-goof-2022-lockfile-v2');
const RECORDS = join(__dirname, '../test/fixtures/osv-npm');

/**
 * The language server's memory with `chainsight.store.record` on (the default) against off, on
 * goof's workspace (1,274 packages): start, scan, record (or not), then five edits, each published;
 * memory is read after the last. The store-off run is today's server. `online` is the default data
 * mode (a local OSV server on 127.0.0.1; the store is open for its cache either way); the offline
 * data folder opens no store unless recording does.
 */
async function measure(record: boolean, mode: 'online' | 'folder'): Promise<{ rss: number; peak: number; recordMs?: number }> {
  const root = mkdtempSync(join(tmpdir(), 'chainsight-bench-'));
  const storeDir = mkdtempSync(join(tmpdir(), 'chainsight-bench-store-'));
  try {
    cpSync(GOOF, root, { recursive: true });
    cpSync(RECORDS, join(root, 'osv'), { recursive: true });
    const server = mode === 'online' ? await startOsvServer({ recordsDir: RECORDS }) : undefined;
    const osv = server ? { mode: 'online', url: server.url } : { offlineData: './osv' };
    const env = { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' };
    const client = await LspTestClient.start(root, { osv, store: { record } }, { storePath: join(storeDir, 'chainsight.db'), env });
    let recordedAt = 0;
    const recorded = new Promise<void>((resolve) =>
      client.onNotification(storeChangedNotification.method, () => {
        recordedAt = performance.now();
        resolve();
      }),
    );
    await client.waitForStatus((s) => s.state === 'ready');
    const readyAt = performance.now();
    if (record) await recorded;
    else await client.waitForLog((l) => l.startsWith('not recorded in the store:'));
    const uri = fileUri(join(root, 'package.json'));
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    for (let i = 0; i < 5; i++) {
      const published = client.nextDiagnostics(uri);
      if (i === 0) await client.open(uri, `${text} `);
      else await client.change(uri, `${text}${' '.repeat(i + 1)}`);
      await published;
    }
    // The edits change no package: the recorder sees the same snapshot and writes nothing more.
    const memory = memoryOf(client.pid!);
    await client.stop();
    await server?.close();
    return { ...memory, ...(record ? { recordMs: recordedAt - readyAt } : {}) };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(storeDir, { recursive: true, force: true });
  }
}

const RUNS = 3;

function medianOf(runs: Array<{ rss: number; peak: number; recordMs?: number }>): { rss: number; peak: number; recordMs?: number } {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const recordMs = runs.flatMap((r) => (r.recordMs === undefined ? [] : [r.recordMs]));
  return { rss: median(runs.map((r) => r.rss)), peak: median(runs.map((r) => r.peak)), ...(recordMs.length ? { recordMs: median(recordMs) } : {}) };
}

export async function run(report: BenchReporter): Promise<void> {
  for (const mode of ['online', 'folder'] as const) {
    // Alternated and the median taken: one process's RSS moves by ±15 MB with when V8 collects.
    const runs: Array<Awaited<ReturnType<typeof measure>>[]> = [[], []];
    for (let i = 0; i < RUNS; i++) for (const record of [false, true]) runs[Number(record)]!.push(await measure(record, mode));
    const [off, on] = runs.map(medianOf) as [Awaited<ReturnType<typeof measure>>, Awaited<ReturnType<typeof measure>>];
    const label = mode === 'online' ? 'online (default)' : 'offline data folder';
    report.add({ group: 'LSP store', name: `goof, ${label}: RSS, record on`, value: on.rss, unit: 'MB', baseline: { name: 'off', value: off.rss }, target: '≤ 1.10×' });
    report.add({ group: 'LSP store', name: `goof, ${label}: peak RSS, record on`, value: on.peak, unit: 'MB', baseline: { name: 'off', value: off.peak } });
    report.add({ group: 'LSP store', name: `goof, ${label}: ready → recorded`, value: on.recordMs ?? NaN, unit: 'ms', target: 'includes the 1.5 s debounce' });
  }
}
