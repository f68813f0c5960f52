import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { advisoriesFor } from './osv-records';
import { activateExtension, fileUri, findingFor, openFile, waitForDiagnostics } from './workspace';

const LODASH = 'lodash@4.17.4';

/** The same messages the LSP test (test/lsp/npm.test.ts) and the e2e scenario 11-npm-project expect. */
const MANIFEST: Array<[string, vscode.DiagnosticSeverity]> = [
  ['body-parser@1.9.0: GHSA-qwcr-r2fm-qrc7 (high); fixed in 1.20.3', vscode.DiagnosticSeverity.Error],
  [
    'express@4.12.4: GHSA-rv95-896h-c2vc (moderate); fixed in 4.19.2; also pulls in 3 vulnerable packages (cookie@0.1.2, send@0.12.3, serve-static@1.9.3): 3 vulnerabilities (3 low)',
    vscode.DiagnosticSeverity.Warning,
  ],
  ['humanize-ms@1.0.1 pulls in ms@0.6.2: GHSA-3fx5-fwvr-xrjg (high); fixed in ms 0.7.1', vscode.DiagnosticSeverity.Error],
  ['jquery@2.2.4: 2 vulnerabilities (2 moderate); fixed in 3.5.0', vscode.DiagnosticSeverity.Warning],
  ['lodash@4.17.4: 3 vulnerabilities (1 critical, 2 high); fixed in 4.17.21', vscode.DiagnosticSeverity.Error],
  ['moment@2.15.1: GHSA-8hfj-j24r-96c4 (high); fixed in 2.29.2', vscode.DiagnosticSeverity.Error],
];

describe('npm project: diagnostics', () => {
  before(activateExtension);

  it('puts the exact message and severity on each vulnerable dependency of package.json', async () => {
    const doc = await openFile('package.json');
    const diagnostics = await waitForDiagnostics(doc.uri, 'six findings', (d) => d.filter((x) => x.source === 'chainsight').length === MANIFEST.length);
    const shown = diagnostics
      .filter((d) => d.source === 'chainsight')
      .map((d): [string, vscode.DiagnosticSeverity] => [d.message, d.severity])
      .sort(([a], [b]) => a.localeCompare(b));
    assert.deepEqual(shown, MANIFEST);
    const lodash = findingFor(diagnostics, LODASH)!;
    assert.equal(typeof lodash.code === 'object' ? lodash.code.value : lodash.code, 'GHSA-jf85-cpcp-j695');
  });

  it('flags lodash 4.17.4 in package.json with the fixed version from the OSV data', async () => {
    const advisories = advisoriesFor('lodash');
    assert.ok(advisories.length > 0, 'the workspace has OSV records for lodash');
    const doc = await openFile('package.json');
    const diagnostics = await waitForDiagnostics(doc.uri, `a diagnostic for ${LODASH}`, (d) => !!findingFor(d, LODASH));
    const d = findingFor(diagnostics, LODASH)!;

    // "lodash@4.17.4: GHSA-… (high); fixed in 4.17.21" or "…: 3 vulnerabilities (1 critical, 2 high); fixed in …"
    const shown = advisories.filter((a) => d.message.includes(a.id));
    assert.ok(shown.length > 0 || /\d+ vulnerabilities \(/.test(d.message), `names an advisory or counts them: ${d.message}`);
    const fixedIn = /; fixed in ([^;\s]+)/.exec(d.message)?.[1];
    assert.ok(fixedIn, `gives a fixed version: ${d.message}`);
    assert.ok(advisories.some((a) => a.fixed.includes(fixedIn)), `${fixedIn} is a fixed version in the OSV data`);
    assert.ok(doc.getText(d.range).includes('4.17.4'), `the range covers the version: "${doc.getText(d.range)}"`);
    assert.notEqual(d.severity, vscode.DiagnosticSeverity.Hint);
  });

  it('flags the package-lock.json entry too (chainsight.diagnostics.lockfiles is on by default)', async () => {
    const uri = fileUri('package-lock.json');
    const diagnostics = await waitForDiagnostics(uri, `a diagnostic for ${LODASH}`, (d) => !!findingFor(d, LODASH));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.ok(doc.getText(findingFor(diagnostics, LODASH)!.range).includes('4.17.4'));
  });
});
