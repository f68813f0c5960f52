import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, fileUri, waitForDiagnostics, workspaceFolder } from './workspace';

interface Sarif {
  version: string;
  runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string }> }>;
}

describe('commands', () => {
  before(async () => {
    await activateExtension();
    await waitForDiagnostics(fileUri('package-lock.json'), 'the scan', (d) => d.some((x) => x.source === 'chainsight'), 60_000);
  });

  it('Show Report opens the report panel', async () => {
    await vscode.commands.executeCommand('chainsight.showReport');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const report = tabs.find((t) => t.label === 'Chainsight Report');
    assert.ok(report, `a "Chainsight Report" tab among ${JSON.stringify(tabs.map((t) => t.label))}`);
    assert.ok(report.input instanceof vscode.TabInputWebview, 'a webview');
    await vscode.window.tabGroups.close(report);
  });

  it('Export Report writes a SARIF 2.1.0 file that parses, one rule per advisory of the OSV data', async () => {
    // The command takes the format and the target as arguments (the quick pick and save dialog otherwise).
    const target = vscode.Uri.joinPath(workspaceFolder().uri, 'chainsight.sarif');
    const written = await vscode.commands.executeCommand<string>('chainsight.exportReport', 'sarif', target);
    assert.equal(written, target.fsPath);
    const sarif = JSON.parse(readFileSync(target.fsPath, 'utf8')) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    const advisories = readdirSync(vscode.Uri.joinPath(workspaceFolder().uri, 'osv').fsPath).map((f) => f.replace(/\.json$/, '')).sort();
    assert.equal(sarif.runs[0]?.tool.driver.name, 'Chainsight');
    assert.deepEqual(sarif.runs[0]?.tool.driver.rules.map((r) => r.id).sort(), advisories);
    assert.deepEqual([...new Set(sarif.runs[0]?.results.map((r) => r.ruleId))].sort(), advisories);
    await vscode.workspace.fs.delete(target);
  });
});
