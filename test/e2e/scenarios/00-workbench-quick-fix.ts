import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';

/**
 * Guards the fix-and-save path on built-in behaviour: the CSS language server's warning, its quick fix
 * chosen by title, the file saved and checked on disk, the warning gone; then a built-in palette command
 * edits a file that is saved and read back. Chainsight's "Upgrade … to …" scenario follows the same steps.
 */
export const scenario: Scenario = {
  name: '00-workbench-quick-fix',
  workspace: 'builtin-basic',
  trusted: true,
  vsix: [],
  async run(h) {
    await h.openFile('style.css');
    const [squiggle] = await h.waitForSquiggles('warning');
    assert.ok(squiggle);
    await h.problems.waitForRows('the unknown property', (r) =>
      r.some((p) => p.file === 'style.css' && p.severity === 'warning' && p.message === "Unknown property: 'colr'"),
    );

    const titles = await h.openQuickFix(squiggle.box, (t) => t === "Rename to 'color'");
    assert.equal(titles[0], "Rename to 'color'");
    await h.chooseQuickFix("Rename to 'color'");
    await h.editor.save();
    await h.files.waitFor('style.css', 'the fixed property', (t) => t === 'a {\n  color: red;\n}\n');
    await h.waitForNoSquiggles('warning');
    await h.problems.waitForCounts('no warnings left', (c) => c.warnings === 0);

    await h.openFile('notes.txt');
    await h.editor.selectAll();
    await h.runCommand('Transform to Uppercase');
    await h.editor.waitForText('upper case', (t) => t.startsWith('HELLO FROM THE SMOKE WORKSPACE'));
    await h.editor.save();
    await h.files.waitFor('notes.txt', 'upper case on disk', (t) => t === 'HELLO FROM THE SMOKE WORKSPACE\n');
  },
};
