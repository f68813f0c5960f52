import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';

/**
 * Settings reach the server without a reload: `chainsight.severity.high` changed at run time (through the
 * Settings JSON editor, as a user would) re-colours the high findings' squiggles and Problems rows from
 * error to information, the critical one stays an error; `none` then hides them.
 */
export const scenario: Scenario = {
  name: '13-settings',
  workspace: 'npm-app',
  trusted: true,
  openFiles: ['package.json'],
  async run(h) {
    await h.waitForStatusItem('Chainsight is ready', (t) => t === 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low', 60_000);
    assert.equal((await h.waitForSquiggleOn('"moment"')).severity, 'error');
    await h.problems.waitForCounts('the default severities', (c) => c.errors === 8 && c.warnings === 4 && c.infos === 3);

    await h.setUserSetting('chainsight.severity.high', 'information');
    await h.waitForSquiggleOn('"moment"', 'info');
    assert.equal((await h.waitForSquiggleOn('"body-parser"')).severity, 'info');
    assert.equal((await h.waitForSquiggleOn('"humanize-ms"')).severity, 'info', 'a transitive high finding follows too');
    assert.equal((await h.waitForSquiggleOn('"lodash"')).severity, 'error', 'critical stays an error');
    const rows = await h.problems.waitForRows('high findings as information', (r) => r.filter((x) => x.severity === 'error').length === 2);
    assert.deepEqual(
      rows.filter((r) => r.file === 'package.json').map((r) => [r.severity, r.message.split(':')[0]]),
      [
        ['error', 'lodash@4.17.4'],
        ['warning', 'express@4.12.4'],
        ['warning', 'jquery@2.2.4'],
        ['info', 'body-parser@1.9.0'],
        ['info', 'humanize-ms@1.0.1 pulls in ms@0.6.2'],
        ['info', 'moment@2.15.1'],
      ],
    );
    await h.problems.waitForCounts('the counter', (c) => c.errors === 2 && c.warnings === 4 && c.infos === 9);

    await h.setUserSetting('chainsight.severity.high', 'none');
    await h.problems.waitForCounts('high findings hidden', (c) => c.errors === 2 && c.warnings === 4 && c.infos === 3);
    await h.waitForNoSquiggles('info');
    assert.ok(!(await h.problems.rows()).some((r) => /^(moment|body-parser|humanize-ms|ms)@/.test(r.message)));
    // The status item still counts every finding: the setting changes how they are shown, not what is known.
    await h.waitForStatusItem('the counts unchanged', (t) => t === 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low');
  },
};
