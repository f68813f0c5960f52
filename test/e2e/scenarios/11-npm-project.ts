import assert from 'node:assert/strict';
import type { Scenario } from '../scenario';
import { README_WINDOW } from '../helpers';

/** What the Problems panel shows for test/e2e/workspaces/npm-app (a copy of examples/npm-app). */
const MANIFEST_PROBLEMS = [
  ['error', 'body-parser@1.9.0: GHSA-qwcr-r2fm-qrc7 (high); fixed in 1.20.3', 'GHSA-qwcr-r2fm-qrc7', 8],
  ['error', 'humanize-ms@1.0.1 pulls in ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in ms 0.7.1', 'GHSA-3fx5-fwvr-xrjg', 10],
  ['error', 'lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21', 'GHSA-jf85-cpcp-j695', 12],
  ['error', 'moment@2.15.1: GHSA-8hfj-j24r-96c4 (high); fixed in 2.29.2', 'GHSA-8hfj-j24r-96c4', 13],
  [
    'warning',
    'express@4.12.4: GHSA-rv95-896h-c2vc (moderate); fixed in 4.19.2; also pulls in 3 vulnerable packages (cookie@0.1.2, send@0.12.3, serve-static@1.9.3): 3 vulnerabilities (3 low)',
    'GHSA-rv95-896h-c2vc',
    9,
  ],
  ['warning', 'jquery@2.2.4: 2 vulnerabilities (2 moderate); fixed in 3.5.0', 'GHSA-6c3j-c64m-qhgq', 11],
];
const LOCKFILE_PROBLEMS = [
  ['error', 'body-parser@1.9.0: GHSA-qwcr-r2fm-qrc7 (high); fixed in 1.20.3', 'GHSA-qwcr-r2fm-qrc7', 21],
  ['error', 'ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in 0.7.1', 'GHSA-3fx5-fwvr-xrjg', 305],
  ['error', 'lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21', 'GHSA-jf85-cpcp-j695', 323],
  ['error', 'moment@2.15.1: GHSA-8hfj-j24r-96c4 (high); fixed in 2.29.2', 'GHSA-8hfj-j24r-96c4', 376],
  ['warning', 'express@4.12.4: GHSA-rv95-896h-c2vc (moderate); fixed in 4.19.2', 'GHSA-rv95-896h-c2vc', 115],
  ['warning', 'jquery@2.2.4: 2 vulnerabilities (2 moderate); fixed in 3.5.0', 'GHSA-6c3j-c64m-qhgq', 318],
  ['info', 'cookie@0.1.2: GHSA-pxg6-pf52-xh8x (low); fixed in 0.7.0', 'GHSA-pxg6-pf52-xh8x', 68],
  ['info', 'send@0.12.3: GHSA-m6fv-jmcg-4jfg (low); fixed in 0.19.0', 'GHSA-m6fv-jmcg-4jfg', 450],
  ['info', 'serve-static@1.9.3: GHSA-cm22-4g7w-348p (low); fixed in 1.16.0', 'GHSA-cm22-4g7w-348p', 499],
];
const stale = (what: string) => `package-lock.json is out of date: ${what}; run "Chainsight: Update Lockfile"`;
const UPGRADE_LODASH = 'Upgrade lodash to 4.17.21 (fixes 3 vulnerabilities)';
const FIX_ALL = 'Fix all Chainsight findings in this file';

/**
 * The npm project end to end: exact diagnostics in the Problems panel for package.json and
 * package-lock.json, squiggles, the hover on lodash (advisory id, severity, fixed version), the
 * "Upgrade lodash to …" quick fix written to disk (the finding gives way to the "out of date" warning),
 * then fix-all from the Source Action menu. Also takes the README's hover screenshot.
 */
export const scenario: Scenario = {
  name: '11-npm-project',
  workspace: 'npm-app',
  trusted: true,
  // Below the line, the hover leaves the squiggles above it in view (for the README screenshot).
  userSettings: { 'editor.hover.above': false },
  async run(h) {
    // The size the README's screenshots are taken at (see README_WINDOW); the rest does not depend on it.
    await h.page.setViewportSize(README_WINDOW);
    await h.waitForStatusItem('Chainsight is ready', (t) => t === 'Chainsight: 1 critical, 5 high, 3 moderate, 3 low', 60_000);
    // Issue 12's figure: opening package.json (extension active, workspace scanned) to its first squiggle.
    const opened = Date.now();
    await h.openFile('package.json');
    await h.waitForSquiggles('error', 1);
    h.log(`package.json open → first diagnostic shown: ${Date.now() - opened} ms (target < 1 s)`);
    const original = h.files.read('package.json');

    const rows = await h.problems.waitForRows('15 findings in two files', (r) => r.length === 15);
    const of = (file: string) => rows.filter((r) => r.file === file).map((r) => [r.severity, r.message, r.code, r.line]);
    assert.deepEqual(of('package.json'), MANIFEST_PROBLEMS);
    assert.deepEqual(of('package-lock.json'), LOCKFILE_PROBLEMS);
    assert.ok(rows.every((r) => r.source === 'chainsight'));
    await h.problems.waitForCounts('the counter', (c) => c.errors === 8 && c.warnings === 4 && c.infos === 3);
    assert.equal((await h.waitForSquiggles('error', 4)).length, 4);
    assert.equal((await h.waitForSquiggles('warning', 2)).length, 2);

    // Hover: the diagnostic, then Chainsight's advisory text. The panel is hidden to give it room.
    await h.problems.close();
    const lodash = await h.waitForSquiggleOn('"lodash"', 'error');
    const hover = await h.hoverAt(async () => (await h.waitForSquiggleOn('"lodash"', 'error')).box, (x) => x.markdown.some((m) => m.includes('Dependency paths')));
    assert.deepEqual(hover.markers.map((m) => m.message), ['lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21']);
    const advisory = hover.markdown.join('\n');
    for (const expected of [
      'lodash · 4.17.4 · resolved in package-lock.json',
      'GHSA-jf85-cpcp-j695 (CVE-2019-10744) · CRITICAL 9.1',
      'GHSA-35jh-r3h4-6jhm (CVE-2021-23337) · HIGH 7.2',
      'Affected: <4.17.21 · Fixed in: 4.17.21',
      'Upgrade to 4.17.21 to fix all 3.',
      'npm-app > lodash',
    ]) {
      assert.ok(advisory.includes(expected), `the hover lacks "${expected}":\n${advisory}`);
    }
    await h.readmeScreenshot('screenshot-hover.png');
    await h.dismissHover();

    // Quick fix: the edit lands in the editor, is saved, and the finding gives way to "out of date".
    const titles = await h.openQuickFix(lodash.box, (t) => t === UPGRADE_LODASH);
    // The upgrade first, then triage (a VEX statement) for each of lodash's three advisories.
    assert.equal(titles[0], UPGRADE_LODASH);
    assert.deepEqual(titles.slice(1).filter((t) => t.startsWith('Mark GHSA-jf85-cpcp-j695 ')), ['Mark GHSA-jf85-cpcp-j695 as not affected…', 'Mark GHSA-jf85-cpcp-j695 as under investigation…']);
    assert.equal(titles.length, 10, JSON.stringify(titles));
    await h.chooseQuickFix(UPGRADE_LODASH);
    await h.editor.save();
    await h.files.waitFor('package.json', 'lodash upgraded', (t) => t === original.replace('"lodash": "4.17.4"', '"lodash": "4.17.21"'));
    const afterFix = await h.problems.waitForRows('the lodash finding replaced by "out of date"', (r) =>
      r.some((x) => x.file === 'package.json' && x.line === 12 && x.message.includes('out of date')),
    );
    const lodashRows = afterFix.filter((r) => r.file === 'package.json' && r.line === 12).map((r) => [r.severity, r.message]);
    assert.deepEqual(lodashRows, [['warning', stale('it records lodash@4.17.4, not 4.17.21')]]);
    await h.waitForSquiggleOn('"lodash"', 'warning');
    assert.equal((await h.squiggles('error')).length, 3);

    // Fix all: every preferred fix in the file; jquery (new major) and the ms override (0.x minor) stay.
    const actions = await h.openSourceActions((t) => t === FIX_ALL);
    assert.ok(actions.includes(FIX_ALL), JSON.stringify(actions));
    await h.chooseQuickFix(FIX_ALL);
    await h.editor.save();
    const fixed = await h.files.waitFor('package.json', 'every preferred fix', (t) => t.includes('"overrides"'));
    const json = JSON.parse(fixed) as { dependencies: Record<string, string>; overrides: Record<string, string> };
    assert.deepEqual(json.dependencies, { 'body-parser': '1.20.3', express: '4.19.2', 'humanize-ms': '1.0.1', jquery: '^2.2.4', lodash: '4.17.21', moment: '2.29.2' });
    assert.deepEqual(json.overrides, { 'serve-static': '^1.16.0' });
    const afterAll = await h.problems.waitForRows('only what fix-all leaves, and "out of date" warnings', (r) =>
      r.filter((x) => x.file === 'package.json').length === 7 && !r.some((x) => x.file === 'package.json' && /^(body-parser|express|moment)@/.test(x.message)),
    );
    assert.deepEqual(
      afterAll.filter((r) => r.file === 'package.json').map((r) => [r.severity, r.message, r.line]),
      [
        ['error', 'humanize-ms@1.0.1 pulls in ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in ms 0.7.1', 10],
        ['warning', stale('it records body-parser@1.9.0, not 1.20.3'), 8],
        ['warning', stale('it records express@4.12.4, not 4.19.2'), 9],
        ['warning', 'jquery@2.2.4: 2 vulnerabilities (2 moderate); fixed in 3.5.0', 11],
        ['warning', stale('it records lodash@4.17.4, not 4.17.21'), 12],
        ['warning', stale('it records moment@2.15.1, not 2.29.2'), 13],
        ['warning', stale('it still locks serve-static@1.9.3, which the override ^1.16.0 replaces'), 16],
      ],
    );
  },
};
