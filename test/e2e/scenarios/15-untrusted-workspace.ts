import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario';

const READY = 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low';
const REFUSAL = 'Chainsight: "Update Lockfile" runs a package manager, which Chainsight never does in an untrusted workspace. Trust the workspace first.';

/**
 * Workspace Trust. The repository's own `.vscode/settings.json` tries to hide its low findings
 * (`chainsight.severity.low: none`): while untrusted that is ignored (restricted setting), once
 * trusted it is the user's project and the setting applies. (A line takes the loudest level among its
 * findings, so hiding one severity hides the lines whose findings are all of it: the three low ones.)
 * package.json declares `capabilities.untrustedWorkspaces: limited`: in Restricted Mode
 * Chainsight reads dependency files and shows findings, but refuses to run package managers, and takes
 * its data-source settings (`chainsight.osv.*`, restricted configurations) from the user's own settings
 * only, so the OSV folder is set there (in the remote settings: the setting is machine-scoped). Trusting the folder afterwards keeps it working without a reload.
 */
export const scenario: Scenario = {
  name: '15-untrusted-workspace',
  workspace: 'npm-app',
  trusted: false,
  // The workspace's own chainsight.osv.offlineData is ignored while untrusted; a relative value is
  // resolved against the workspace folder wherever it is set.
  machineSettings: { 'chainsight.osv.offlineData': './osv', 'chainsight.provenance.enable': false },
  async prepare({ workspaceDir }) {
    const settings = join(workspaceDir, '.vscode', 'settings.json');
    writeFileSync(settings, JSON.stringify({ ...JSON.parse(readFileSync(settings, 'utf8')), 'chainsight.severity.low': 'none' }, null, 2));
  },
  async run(h) {
    await h.waitForRestricted();
    await h.waitForStatusItem('Chainsight is ready in Restricted Mode', (t) => t === READY, 60_000);
    await h.openFile('package.json');
    await h.problems.waitForCounts('the findings', (c) => c.errors === 8 && c.warnings === 4 && c.infos === 3);
    const hover = await h.hoverAt(async () => (await h.waitForSquiggleOn('"lodash"', 'error')).box, (x) => x.markdown.some((m) => m.includes('GHSA-jf85-cpcp-j695')));
    assert.ok(hover.markdown.join('\n').includes('Fixed in: 4.17.21'));
    await h.dismissHover();

    const lockfile = h.files.read('package-lock.json');
    await h.runCommand('Chainsight: Update Lockfile');
    await h.waitForNotification('the refusal', (n) => n.severity === 'error' && n.message === REFUSAL);
    assert.equal(h.files.read('package-lock.json'), lockfile, 'the lockfile is untouched');
    assert.ok(await h.isRestricted());

    await h.trustWorkspace();
    // Trusted, the repository's settings apply: the three low findings (lockfile entries) are hidden.
    await h.problems.waitForCounts('the low findings hidden once trusted', (c) => c.errors === 8 && c.warnings === 4 && c.infos === 0);
  },
};
