import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { advisoriesFor } from './osv-records';
import { activateExtension, findingFor, hoverText, middleOf, openFile, waitForDiagnostics } from './workspace';

describe('npm project: hover', () => {
  before(activateExtension);

  it('shows the advisory id, its severity and the fixed version on the lodash version', async () => {
    const advisories = advisoriesFor('lodash');
    const doc = await openFile('package.json');
    const diagnostics = await waitForDiagnostics(doc.uri, 'the lodash diagnostic', (d) => !!findingFor(d, 'lodash@4.17.4'));
    const at = middleOf(findingFor(diagnostics, 'lodash@4.17.4')!.range);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hoverText(hovers);
    assert.ok(advisories.some((a) => text.includes(a.id)), `names an advisory of the OSV data:\n${text}`);
    assert.match(text, /\b(CRITICAL|HIGH|MODERATE|LOW|UNKNOWN)\b/, 'states a severity');
    const fixed = [...text.matchAll(/Fixed in: ([^\s·]+)/g)].map((m) => m[1]!);
    assert.ok(fixed.length > 0, `states a fixed version:\n${text}`);
    for (const v of fixed) assert.ok(advisories.some((a) => a.fixed.includes(v)), `${v} is a fixed version in the OSV data`);
    // What the e2e scenario 11-npm-project reads in the rendered hover.
    for (const expected of ['lodash** · 4.17.4 · resolved in package-lock.json', 'GHSA-jf85-cpcp-j695', 'CRITICAL 9.1', 'Fixed in: 4.17.21', 'Upgrade to **4.17.21** to fix all 3', 'npm-app > lodash']) {
      assert.ok(text.includes(expected), `the hover lacks "${expected}":\n${text}`);
    }
  });
});
