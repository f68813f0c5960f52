import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';

/**
 * Guards the harness on built-in behaviour only: a malformed JSON file gives one error in the Problems
 * panel and an error squiggle, and hovering the squiggle shows the message. Chainsight's "Bad input"
 * and "npm project" scenarios use the same helpers.
 */
export const scenario: Scenario = {
  name: '00-workbench-json-problems',
  workspace: 'builtin-basic',
  trusted: true,
  vsix: [],
  async run(h) {
    await h.openFile('broken.json');
    assert.match(await h.editor.text(), /"version":\s*\n\}/);

    const [squiggle] = await h.waitForSquiggles('error');
    assert.ok(squiggle);
    const rows = await h.problems.waitForRows('one error in broken.json', (r) => r.length === 1);
    assert.deepEqual(rows, [
      { file: 'broken.json', severity: 'error', message: 'Value expected', source: 'json', code: '516', line: 4, column: 1 },
    ]);
    assert.deepEqual(await h.problems.counts(), { errors: 1, warnings: 0, infos: 0 });

    const hover = await h.hoverAt(squiggle.box, (x) => x.markers.length > 0);
    assert.deepEqual(hover.markers, [{ message: 'Value expected', source: 'json(516)' }]);
    await h.dismissHover();
  },
};
