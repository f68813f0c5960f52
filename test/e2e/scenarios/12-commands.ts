import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { README_WINDOW } from '../helpers';
import { SEL } from '../pages/selectors';
import type { Scenario } from '../scenario';

/** The report's vulnerabilities table for test/e2e/workspaces/npm-app, most severe first (as rendered). */
const REPORT_ROWS = [
  ['Package', 'Version', 'Advisory', 'Severity', 'Fixed in', 'Status', 'Policy', 'Path', 'File'],
  ['lodash', '4.17.4', 'GHSA-jf85-cpcp-j695', 'critical 9.1', '4.17.12', 'affected', 'error', 'lodash', 'package-lock.json:323'],
  ['body-parser', '1.9.0', 'GHSA-qwcr-r2fm-qrc7', 'high 8.7', '1.20.3', 'affected', 'error', 'body-parser', 'package-lock.json:21'],
  ['lodash', '4.17.4', 'GHSA-35jh-r3h4-6jhm', 'high 7.2', '4.17.21', 'affected', 'error', 'lodash', 'package-lock.json:323'],
  ['lodash', '4.17.4', 'GHSA-p6mc-m468-83gw', 'high 7.4', '4.17.20', 'affected', 'error', 'lodash', 'package-lock.json:323'],
  ['moment', '2.15.1', 'GHSA-8hfj-j24r-96c4', 'high 7.5', '2.29.2', 'affected', 'error', 'moment', 'package-lock.json:376'],
  ['ms', '0.6.2', 'GHSA-3fx5-fwvr-xrjg', 'high 7.5', '0.7.1', 'affected', 'error', 'humanize-ms > ms', 'package-lock.json:305'],
  ['express', '4.12.4', 'GHSA-rv95-896h-c2vc', 'moderate 6.1', '4.19.2', 'affected', 'warn', 'express', 'package-lock.json:115'],
  ['jquery', '2.2.4', 'GHSA-6c3j-c64m-qhgq', 'moderate 6.1', '3.4.0', 'affected', 'warn', 'jquery', 'package-lock.json:318'],
  ['jquery', '2.2.4', 'GHSA-gxr4-xjj5-5px2', 'moderate 6.9', '3.5.0', 'affected', 'warn', 'jquery', 'package-lock.json:318'],
  ['cookie', '0.1.2', 'GHSA-pxg6-pf52-xh8x', 'low', '0.7.0', 'affected', 'info', 'express > cookie', 'package-lock.json:68'],
  ['send', '0.12.3', 'GHSA-m6fv-jmcg-4jfg', 'low 2.3', '0.19.0', 'affected', 'info', 'express > send', 'package-lock.json:450'],
  ['serve-static', '1.9.3', 'GHSA-cm22-4g7w-348p', 'low 2.3', '1.16.0', 'affected', 'info', 'express > serve-static', 'package-lock.json:499'],
];

interface Sarif {
  version: string;
  runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string }> }>;
}

/**
 * Palette commands: "Chainsight: Show Report" opens the webview, whose table is read inside its frame
 * (and whose file links open the lockfile at the entry); "Chainsight: Export Report…" asks for a format
 * (quick pick) and a place (save dialog) and writes a SARIF 2.1.0 file that parses. Also takes the
 * README's report screenshot.
 */
export const scenario: Scenario = {
  name: '12-commands',
  workspace: 'npm-app',
  trusted: true,
  async run(h) {
    await h.page.setViewportSize(README_WINDOW);
    await h.waitForStatusItem('Chainsight is ready', (t) => t === 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low', 60_000);

    // The table needs the width more than the explorer does.
    await h.page.keyboard.press('Control+B');
    await h.page.locator('[id="workbench.parts.sidebar"]').waitFor({ state: 'hidden', timeout: 10_000 });
    await h.runCommand('Chainsight: Show Report');
    const frame = await h.waitForWebview('the report with its rows', (t) => t.includes('12 of 12 findings'));
    assert.deepEqual(await h.tableRows(frame, '#report tr'), REPORT_ROWS);
    await h.readmeScreenshot('screenshot-report.png');

    // A file link opens the lockfile on the entry's line.
    await frame.locator('#rows tr', { hasText: 'GHSA-3fx5-fwvr-xrjg' }).locator('a').click();
    await h.page.locator(SEL.activeTab).filter({ hasText: /^package-lock\.json/ }).waitFor({ state: 'visible', timeout: 15_000 });
    await h.waitForStatusItem('the cursor on the ms entry', (t) => /^Ln 305, Col 1\b/.test(t));
    await h.editor.waitForText('the ms entry in view', (t) => t.includes('"node_modules/humanize-ms/node_modules/ms"'));

    await h.runCommand('Chainsight: Export Report…');
    const formats = ['SARIF 2.1.0', 'CycloneDX 1.6 SBOM', 'OpenVEX 0.2.0', 'SPDX 2.3 SBOM', 'Markdown', 'JSON', 'Signatures & provenance (JSON)', 'Signatures & provenance (text)'];
    await h.waitForQuickPickLabels('the export formats', (labels) => JSON.stringify(labels) === JSON.stringify(formats));
    await h.pickQuickItem('SARIF 2.1.0');
    const target = h.files.path('reports/chainsight.sarif');
    h.files.mkdir('reports');
    await h.answerSaveDialog(target);
    await h.waitForNotification('the export is confirmed', (n) => n.message === `Chainsight: report written to ${target}`);
    const sarif = JSON.parse(h.files.read('reports/chainsight.sarif')) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0]!;
    assert.equal(run.tool.driver.name, 'Chainsight');
    // One rule per advisory of the workspace's OSV data, and results that name them.
    const advisories = readdirSync(h.files.path('osv')).map((f) => f.replace(/\.json$/, '')).sort();
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id).sort(), advisories);
    assert.deepEqual([...new Set(run.results.map((r) => r.ruleId))].sort(), advisories);
    assert.ok(run.results.every((r) => ['error', 'warning', 'note'].includes(r.level)), JSON.stringify(run.results.map((r) => r.level)));
  },
};
