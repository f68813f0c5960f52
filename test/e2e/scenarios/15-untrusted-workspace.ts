import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';

const READY = 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low';
const REFUSAL = 'Chainsight does not run package managers in an untrusted workspace. Trust the workspace to update the lockfile.';

/**
 * Workspace Trust. package.json declares `capabilities.untrustedWorkspaces: limited`: in Restricted Mode
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
  machineSettings: { 'chainsight.osv.offlineData': './osv' },
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
    await h.waitForStatusItem('still ready once trusted', (t) => t === READY);
    await h.problems.waitForCounts('the same findings once trusted', (c) => c.errors === 8 && c.warnings === 4 && c.infos === 3);
  },
};
