import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';
import { buildSmokeExtension } from '../smoke-extension/build';

/**
 * Guards "settings reach the server without a reload": a user setting changed while the workbench runs
 * reaches an installed extension (its status item follows) and a language server (JSON validation
 * switched off removes the JSON error).
 */
export const scenario: Scenario = {
  name: '00-workbench-settings',
  workspace: 'builtin-basic',
  trusted: true,
  vsix: [buildSmokeExtension],
  openFiles: ['broken.json'],
  userSettings: { 'chainsightSmoke.label': 'before' },
  async run(h) {
    await h.waitForStatusItem('the label from settings at start', (t) => t === 'Chainsight Smoke: before (trusted)');
    await h.problems.waitForCounts('the JSON error', (c) => c.errors === 1);

    await h.setUserSetting('chainsightSmoke.label', 'after');
    await h.waitForStatusItem('the label changed at run time', (t) => t === 'Chainsight Smoke: after (trusted)');

    await h.setUserSetting('json.validate.enable', false);
    await h.problems.waitForCounts('no JSON error once validation is off', (c) => c.errors === 0);
    await h.waitForNoSquiggles('error');
    assert.deepEqual(await h.problems.rows(), []);
  },
};
