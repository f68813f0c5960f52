import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario';
import { buildSmokeExtension } from '../smoke-extension/build';

/** Output-channel logs of the smoke extension under code-server's log folder (what failure artifacts copy). */
function smokeLogs(userDataDir: string): string[] {
  const root = join(userDataDir, 'logs');
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('Chainsight Smoke.log'))
    .map((f) => readFileSync(join(root, f), 'utf8'));
}

/**
 * Guards the extension path with a throwaway VSIX built at test time: it installs, activates and reports
 * ready through a status item starting with "Chainsight"; its palette command opens a webview whose table
 * is read inside the webview frame; its export goes through a quick pick and the save dialog to a file
 * that parses; its output channel lands where failure artifacts are collected from;
 * and the loopback guard records and aborts a request that would leave 127.0.0.1.
 */
export const scenario: Scenario = {
  name: '00-workbench-extension',
  workspace: 'builtin-basic',
  trusted: true,
  vsix: [buildSmokeExtension],
  async run(h) {
    const status = await h.waitForStatusItem('the smoke extension is ready', (t) => t.startsWith('Chainsight'));
    assert.equal(status, 'Chainsight Smoke: ready (trusted)');

    await h.runCommand('Chainsight Smoke: Show Report');
    const frame = await h.waitForWebview('the smoke report', (t) => t.includes('Smoke Report'));
    assert.deepEqual(await h.tableRows(frame), [
      ['Package', 'Version', 'Advisory', 'Severity'],
      ['left-pad', '1.1.0', 'GHSA-smoke-0001', 'high'],
      ['minimist', '0.0.8', 'GHSA-smoke-0002', 'critical'],
    ]);

    await h.runCommand('Chainsight Smoke: Export Report…');
    await h.pickQuickItem('SARIF');
    await h.answerSaveDialog(h.files.path('smoke.sarif'));
    const sarif = JSON.parse(await h.files.waitFor('smoke.sarif', 'the exported report', (t) => t.endsWith('}\n'))) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string }> }>;
    };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0]?.results.map((r) => r.ruleId), ['GHSA-smoke-0001', 'GHSA-smoke-0002']);

    const logs = smokeLogs(h.workbench.userDataDir);
    assert.equal(logs.length, 1, 'one "Chainsight Smoke" output log');
    assert.match(logs[0] ?? '', /report shown/);

    // .invalid never resolves; the guard must stop it in the browser before any lookup, and report it.
    // https: because the workbench's CSP already refuses plain http to other hosts, before routing.
    const outcome = await h.page.evaluate(() =>
      fetch('https://guard-check.invalid/').then(
        () => 'fetched',
        () => 'aborted',
      ),
    );
    assert.equal(outcome, 'aborted');
    assert.deepEqual(h.workbench.guard.take(), ['GET https://guard-check.invalid/']);
  },
};
