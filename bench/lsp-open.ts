import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileUri, LspTestClient } from '../test/support/lsp-client';
import type { BenchReporter } from './report';

/**
 * Open-to-diagnostics through the real language server: the time from didOpen of goof's
 * package.json to its published diagnostics, warm (the server has scanned the workspace once), next
 * to the server's own start-to-ready time.
 */
export async function run(report: BenchReporter): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'chainsight-bench-'));
  try {
    cpSync(join(__dirname, '../test/fixtures/realworld/nodejs-goof-2022-lockfile-v2'), root, { recursive: true });
    cpSync(join(__dirname, '../test/fixtures/osv-npm'), join(root, 'osv'), { recursive: true });
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
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    report.add({ group: 'LSP', name: 'goof: start → workspace scanned (1,274 packages)', value: ready, unit: 'ms' });
    report.add({ group: 'LSP', name: 'goof: edit package.json → diagnostics published', value: median, unit: 'ms', target: 'includes the 200 ms typing debounce' });
    await client.stop();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
