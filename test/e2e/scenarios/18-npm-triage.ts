import assert from 'node:assert/strict';
import { SEL } from '../pages/selectors';
import type { Scenario } from '../scenario';

const MARK = 'Mark GHSA-jf85-cpcp-j695 as not affected…';
const JUSTIFICATION = 'Vulnerable code not in execute path';
const IMPACT = 'defaultsDeep is never called with user input';
const VEX_FILE = '.chainsight/vex.openvex.json';
const LODASH_AFTER = 'lodash@4.17.4: 2 vulnerabilities (2 high); fixed in 4.17.21';

/**
 * Triage from the editor (docs/vex.md): "Mark … as not affected…" on lodash's critical advisory
 * asks for an OpenVEX justification and an impact statement, writes the statement to
 * `.chainsight/vex.openvex.json`, and the finding leaves the Problems panel while the status bar
 * counts it as suppressed.
 */
export const scenario: Scenario = {
  name: '18-npm-triage',
  workspace: 'npm-app',
  trusted: true,
  // The author is set so the statement does not depend on the machine's git identity.
  userSettings: { 'chainsight.vex.author': 'E2E Tester <e2e@example.com>' },
  async run(h) {
    await h.waitForStatusItem('Chainsight is ready', (t) => t === 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low', 60_000);
    await h.openFile('package.json');
    await h.problems.waitForRows('the critical lodash finding', (r) => r.some((x) => x.code === 'GHSA-jf85-cpcp-j695'));
    await h.problems.close();

    const lodash = await h.waitForSquiggleOn('"lodash"', 'error');
    const titles = await h.openQuickFix(lodash.box, (t) => t === MARK);
    assert.ok(titles.includes(MARK), JSON.stringify(titles));
    await h.chooseQuickFix(MARK);

    // The client's own prompts: the five justifications, then the impact statement.
    const labels = await h.waitForQuickPickLabels('the OpenVEX justifications', (l) => l.includes(JUSTIFICATION));
    // Each row reads as its label and its description (what the justification means).
    const justifications = ['Component not present', 'Vulnerable code not present', 'Vulnerable code not in execute path', 'Vulnerable code cannot be controlled by adversary', 'Inline mitigations already exist'];
    assert.deepEqual(labels.filter((l) => justifications.includes(l)), justifications, JSON.stringify(labels));
    await h.pickQuickItem(JUSTIFICATION);
    const input = h.page.locator(SEL.quickInputBox);
    await input.waitFor({ state: 'visible' });
    await h.page.locator(SEL.quickInput).filter({ hasText: 'Impact statement' }).waitFor({ state: 'visible' });
    await input.fill(IMPACT);
    await input.press('Enter');

    const written = await h.files.waitFor(VEX_FILE, 'the VEX statement', (t) => t.includes(IMPACT));
    const doc = JSON.parse(written) as { statements: Array<Record<string, unknown> & { vulnerability: { name: string }; products: unknown }> };
    assert.equal(doc.statements.length, 1);
    const s = doc.statements[0]!;
    assert.equal(s.vulnerability.name, 'GHSA-jf85-cpcp-j695');
    assert.equal(s.status, 'not_affected');
    assert.equal(s.justification, 'vulnerable_code_not_in_execute_path');
    assert.equal(s.impact_statement, IMPACT);
    assert.equal(s['chainsight:author'], 'E2E Tester <e2e@example.com>');
    assert.deepEqual(s.products, [{ '@id': 'pkg:npm/npm-app', subcomponents: [{ '@id': 'pkg:npm/lodash@4.17.4' }] }]);

    // The Problems row goes away (lodash keeps its two other advisories), and the status counts it.
    const rows = await h.problems.waitForRows('the critical advisory gone', (r) => !r.some((x) => x.code === 'GHSA-jf85-cpcp-j695') && r.some((x) => x.message === LODASH_AFTER));
    assert.ok(rows.filter((x) => x.message === LODASH_AFTER).length === 2, JSON.stringify(rows));
    await h.waitForStatusItem('the suppressed count', (t) => t === 'Chainsight: 5 high, 3 moderate, 3 low · 1 suppressed');
  },
};
