import assert from 'node:assert/strict';
import type { ProblemRow } from '../pages/problems';
import type { Scenario } from '../scenario';

const PARSE_ERROR = 'could not parse package-lock.json at 20:5: comma expected';
const chainsight = (rows: ProblemRow[], file: string) => rows.filter((r) => r.file === file && r.source === 'chainsight');
const summary = (rows: ProblemRow[]) => rows.map((r) => [r.severity, r.message, r.line]);

/**
 * Bad input: a workspace with two npm projects, one of whose package-lock.json misses a comma. That
 * lockfile gets exactly one Chainsight diagnostic, where it breaks (JSON's own error sits beside it);
 * its package.json and the other project keep their findings; fixing the comma in the editor brings the
 * lockfile's findings back.
 */
export const scenario: Scenario = {
  name: '14-malformed-lockfile',
  workspace: 'npm-malformed',
  trusted: true,
  async run(h) {
    await h.waitForStatusItem('Chainsight is ready', (t) => t.startsWith('Chainsight:') && !t.includes('…'), 60_000);
    await h.openFile('broken/package-lock.json');

    const rows = await h.problems.waitForRows('the parse error and the other files', (r) =>
      chainsight(r, 'broken/package-lock.json').length > 0 && chainsight(r, 'app/package-lock.json').length === 9,
    );
    assert.deepEqual(summary(chainsight(rows, 'broken/package-lock.json')), [['error', PARSE_ERROR, 20]]);
    assert.equal(chainsight(rows, 'broken/package-lock.json')[0]!.column, 5);
    assert.deepEqual(summary(chainsight(rows, 'broken/package.json')), [
      ['error', 'lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21', 6],
      ['error', 'moment@2.15.1: GHSA-8hfj-j24r-96c4 (high); fixed in 2.29.2', 7],
    ]);
    assert.equal(chainsight(rows, 'app/package.json').length, 6);
    assert.equal(chainsight(rows, 'app/package-lock.json').length, 9);

    const hover = await h.hoverAt(async () => (await h.waitForSquiggleOn('"node_modules/moment"', 'error')).box, (x) => x.markers.some((m) => m.message === PARSE_ERROR));
    assert.ok(hover.markers.some((m) => m.message === PARSE_ERROR && m.source === 'chainsight'), JSON.stringify(hover.markers));
    await h.dismissHover();

    // Fix it as a user would: the comma at the end of line 19, then save.
    await h.editor.focus();
    await h.page.keyboard.press('Control+G');
    await h.page.keyboard.type('19');
    await h.page.keyboard.press('Enter');
    await h.page.keyboard.press('End');
    await h.page.keyboard.type(',');
    await h.editor.save();
    await h.files.waitFor('broken/package-lock.json', 'the comma', (t) => t.includes('    },\n    "node_modules/moment"'));
    const fixed = await h.problems.waitForRows('lockfile findings instead of the parse error', (r) =>
      chainsight(r, 'broken/package-lock.json').length === 2,
    );
    assert.deepEqual(summary(chainsight(fixed, 'broken/package-lock.json')), [
      ['error', 'lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21', 16],
      ['error', 'moment@2.15.1: GHSA-8hfj-j24r-96c4 (high); fixed in 2.29.2', 21],
    ]);
    assert.ok(!fixed.some((r) => r.file === 'broken/package-lock.json' && r.source !== 'chainsight'), 'no JSON error left');
    assert.equal(chainsight(fixed, 'app/package-lock.json').length, 9);
  },
};
