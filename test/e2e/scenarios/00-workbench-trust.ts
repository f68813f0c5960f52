import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';
import { buildSmokeExtension } from '../smoke-extension/build';

/**
 * Guards Workspace Trust: an untrusted folder opens in Restricted Mode, an extension that supports
 * untrusted workspaces runs there and sees it (and can refuse what is unsafe, with a message), and trusting through the Restricted Mode status item
 * reaches the extension without a reload.
 */
export const scenario: Scenario = {
  name: '00-workbench-trust',
  workspace: 'builtin-basic',
  trusted: false,
  vsix: [buildSmokeExtension],
  async run(h) {
    await h.waitForRestricted();
    await h.waitForStatusItem('the extension sees Restricted Mode', (t) => t === 'Chainsight Smoke: ready (restricted)');

    await h.runCommand('Chainsight Smoke: Run Package Manager');
    await h.waitForNotification('the refusal', (n) => n.severity === 'error' && n.message.includes('do not run in Restricted Mode'));

    await h.trustWorkspace();
    assert.equal(await h.isRestricted(), false);
    await h.waitForStatusItem('the extension sees the grant', (t) => t === 'Chainsight Smoke: ready (trusted)');
  },
};
