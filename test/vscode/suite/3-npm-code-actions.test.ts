import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { advisoriesFor } from './osv-records';
import { activateExtension, findingFor, openFile, replaceFile, waitForDiagnostics } from './workspace';

const LODASH = 'lodash@4.17.4';
/** executeCodeActionProvider resolves this many actions, in case the server fills in edits lazily. */
const RESOLVE = 50;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('npm project: quick fixes', () => {
  let original = '';
  before(async () => {
    await activateExtension();
    original = (await openFile('package.json')).getText();
  });
  afterEach(async () => {
    await replaceFile('package.json', original);
  });

  it('offers "Upgrade lodash to <fixed> …" as the preferred quick fix, and applying it clears the diagnostic', async () => {
    const doc = await openFile('package.json');
    const diagnostics = await waitForDiagnostics(doc.uri, `a diagnostic for ${LODASH}`, (d) => !!findingFor(d, LODASH));
    const d = findingFor(diagnostics, LODASH)!;

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, RESOLVE,
    );
    const upgrade = actions.find((a) => /^Upgrade lodash to \S+/.test(a.title));
    assert.ok(upgrade, `an upgrade action among ${JSON.stringify(actions.map((a) => a.title))}`);
    const target = /^Upgrade lodash to (\S+)/.exec(upgrade.title)![1]!;
    assert.ok(advisoriesFor('lodash').some((a) => a.fixed.includes(target)), `${target} is a fixed version in the OSV data`);
    assert.equal(upgrade.isPreferred, true);
    assert.ok(upgrade.kind && vscode.CodeActionKind.QuickFix.contains(upgrade.kind), `kind ${upgrade.kind?.value}`);
    assert.ok(upgrade.diagnostics?.some((x) => x.message === d.message), 'linked to the diagnostic it fixes');
    assert.ok(upgrade.edit, 'carries a workspace edit');

    assert.ok(await vscode.workspace.applyEdit(upgrade.edit));
    await doc.save();
    assert.match(doc.getText(), new RegExp(`"lodash"\\s*:\\s*"[~^]?${escapeRegExp(target)}"`));
    await waitForDiagnostics(doc.uri, `no diagnostic for ${LODASH}`, (x) => !findingFor(x, LODASH));
  });

  it('fixes every preferred upgrade in the file with source.fixAll.chainsight', async () => {
    const doc = await openFile('package.json');
    await waitForDiagnostics(doc.uri, `a diagnostic for ${LODASH}`, (d) => !!findingFor(d, LODASH));
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, whole, 'source.fixAll.chainsight', RESOLVE,
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.chainsight');
    assert.ok(fixAll?.edit, `a fix-all action with an edit among ${JSON.stringify(actions.map((a) => `${a.kind?.value}: ${a.title}`))}`);

    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await doc.save();
    assert.doesNotMatch(doc.getText(), /"lodash"\s*:\s*"[~^]?4\.17\.4"/);
    await waitForDiagnostics(doc.uri, `no diagnostic for ${LODASH}`, (x) => !findingFor(x, LODASH));
  });
});
