import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/run-cli';
import { SEL } from '../pages/selectors';
import { clickTreeRow, waitForTreeRows } from '../pages/tree-view';
import type { Scenario } from '../scenario';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'store');
const WORKSPACE = join(__dirname, '..', 'workspaces', 'npm-app');
const BILLING = '1a2b3c4d5e6f70819293a4b5c6d7e8f901234567';

/**
 * The aggregated store in the editor. Before start, the user's store (the extension's global
 * storage) already holds "billing" (the same app under another name, recorded by `chainsight scan
 * --record`) and the billing team's OpenVEX saying lodash's GHSA-p6mc-m468-83gw does not affect it.
 * The editor records npm-app after its scan; the hover on lodash has "Across your store"; the
 * Supply Chain view lists both projects, expands npm-app to its packages, opens package.json on
 * lodash, and finds the advisory by its CVE alias with billing's VEX; the report's Store tab draws
 * the chart.
 */
export const scenario: Scenario = {
  name: '17-supply-chain-store',
  workspace: 'npm-app',
  trusted: true,
  timeoutMs: 180_000,
  async prepare({ userDataDir }) {
    const storeDir = join(userDataDir, 'User', 'globalStorage', 'chainsight.chainsight');
    mkdirSync(storeDir, { recursive: true });
    const store = join(storeDir, 'chainsight.db');
    const billing = mkdtempSync(join(tmpdir(), 'chainsight-e2e-billing-'));
    cpSync(WORKSPACE, billing, { recursive: true });
    const manifest = join(billing, 'package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"name": "npm-app"', '"name": "billing"'));
    for (const args of [
      ['scan', billing, '--osv-data', join(billing, 'osv'), '--record', '--commit', BILLING, '--fail-on', 'none'],
      ['ingest', join(FIXTURES, 'own', 'billing.openvex.json')],
    ]) {
      const result = await runCli([...args, '--store', store]);
      assert.equal(result.code, 0, `chainsight ${args[0]}: ${result.stderr}`);
    }
    rmSync(billing, { recursive: true, force: true });
  },
  async run(h) {
    await h.waitForStatusItem('Chainsight is ready', (t) => t === 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low', 60_000);
    await h.openFile('package.json');

    const hover = await h.hoverAt(async () => (await h.waitForSquiggleOn('"lodash"', 'error')).box, (x) => x.text.includes('also in 1 other project'));
    const text = hover.markdown.join('\n');
    for (const expected of ['Across your store', 'also in 1 other project: billing @ 1a2b3c4', 'VEX: not_affected in billing @ 1a2b3c4 (vulnerable_code_not_in_execute_path) · GHSA-p6mc-m468-83gw']) {
      assert.ok(text.includes(expected), `the lodash hover lacks "${expected}":\n${text}`);
    }
    await h.dismissHover();

    // The Supply Chain view: both projects once the editor has recorded npm-app (the view refreshes on its own).
    await h.runCommand('Chainsight: Focus on Supply Chain View');
    const projects = await waitForTreeRows(h.page, 'billing and npm-app', (rows) => rows.some((r) => r.label === 'npm-app') && rows.some((r) => r.label === 'billing'));
    assert.deepEqual(
      projects.filter((r) => r.label === 'billing' || r.label === 'npm-app'),
      [
        { label: 'billing', description: '@ 1a2b3c4 · 11 open · 51 packages' },
        { label: 'npm-app', description: '12 open · 51 packages' },
      ],
    );
    await h.openFile('package-lock.json');
    await clickTreeRow(h.page, 'npm-app');
    const packages = await waitForTreeRows(h.page, "npm-app's packages", (rows) => rows.some((r) => r.label === 'lodash@4.17.4'));
    assert.deepEqual(packages.find((r) => r.label === 'lodash@4.17.4'), { label: 'lodash@4.17.4', description: '3 open · direct' });
    await clickTreeRow(h.page, 'lodash@4.17.4');
    await h.page.locator(SEL.activeTab).filter({ hasText: /^package\.json/ }).waitFor({ state: 'visible', timeout: 15_000 });
    await h.waitForStatusItem('the cursor on lodash', (t) => /^Ln 12, Col \d+\b/.test(t));

    await h.runCommand('Chainsight: Search Supply Chain…');
    const input = h.page.locator(SEL.quickInputBox);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('CVE-2020-8203');
    await h.page.keyboard.press('Enter');
    const results = await waitForTreeRows(h.page, 'the search results', (rows) => rows.some((r) => r.label === 'Results for "CVE-2020-8203"') && rows.some((r) => r.label === 'billing @ 1a2b3c4'));
    assert.deepEqual(results.find((r) => r.label === 'billing @ 1a2b3c4')?.description, 'lodash@4.17.4 · CVE-2020-8203 · VEX: not_affected (vulnerable_code_not_in_execute_path)');
    assert.deepEqual(results.find((r) => r.label === 'npm-app')?.description, 'lodash@4.17.4 · CVE-2020-8203 · open');

    await h.runCommand('Chainsight: Show Report');
    const frame = await h.waitForWebview('the report', (t) => t.includes('12 of 12 findings'));
    // The editor tab's tooltip may still float over the webview: move the pointer off it first.
    await h.dismissHover();
    await frame.locator('#tab-store').click();
    await h.waitForWebview('the store tab', (t) => t.includes('2 of 2 projects'));
    assert.deepEqual(
      (await h.tableRows(frame, '#store tr')).map((r) => [r[0], r[1], r[3], r[4], r[5]]),
      [
        ['Project', 'Latest commit', 'Open findings', 'Packages', 'Snapshots'],
        ['npm-app', '—', '12', '51', '1'],
        ['billing', BILLING.slice(0, 12), '11', '51', '1'],
      ],
    );
    assert.equal(await frame.locator('#store-chart svg g.series').count(), 2);
    assert.equal(await frame.locator('#store-chart svg circle').count(), 2);
    // Import itself is covered through the protocol (test/lsp/store.test.ts): code-server's simple
    // file dialog resets a typed path while it lists the default folder, which made this step flaky.
  },
};
