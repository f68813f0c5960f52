/**
 * A minimal extension that behaves like Chainsight does from the outside: a status-bar item whose text
 * starts with "Chainsight" (and follows a setting and the trust state live), an output channel whose name
 * holds "Chainsight", and a palette command that opens a webview with a table. The harness's helpers are
 * proven against it before the real extension exists.
 */
const manifest = {
  name: 'chainsight-smoke',
  displayName: 'Chainsight Smoke',
  description: 'Throwaway extension built by the e2e harness to prove itself.',
  version: '0.0.1',
  publisher: 'chainsight-e2e',
  license: 'MIT',
  // vsce asks on stdin when these are missing; the harness has no one to answer.
  repository: { type: 'git', url: 'https://example.invalid/chainsight-smoke' },
  engines: { vscode: '^1.80.0' },
  main: './extension.js',
  activationEvents: ['onStartupFinished'],
  capabilities: { untrustedWorkspaces: { supported: true } },
  contributes: {
    commands: [
      { command: 'chainsightSmoke.showReport', title: 'Show Report', category: 'Chainsight Smoke' },
      { command: 'chainsightSmoke.exportReport', title: 'Export Report…', category: 'Chainsight Smoke' },
      { command: 'chainsightSmoke.runPackageManager', title: 'Run Package Manager', category: 'Chainsight Smoke' },
    ],
    configuration: {
      title: 'Chainsight Smoke',
      properties: {
        'chainsightSmoke.label': { type: 'string', default: 'ready', description: 'Shown in the status bar.' },
      },
    },
  },
};

const extension = `'use strict';
const vscode = require('vscode');

const ROWS = [
  ['left-pad', '1.1.0', 'GHSA-smoke-0001', 'high'],
  ['minimist', '0.0.8', 'GHSA-smoke-0002', 'critical'],
];

function activate(context) {
  const out = vscode.window.createOutputChannel('Chainsight Smoke');
  const item = vscode.window.createStatusBarItem('chainsightSmoke.status', vscode.StatusBarAlignment.Left, 1000);
  const render = (why) => {
    const label = vscode.workspace.getConfiguration('chainsightSmoke').get('label', 'ready');
    item.text = 'Chainsight Smoke: ' + label + ' (' + (vscode.workspace.isTrusted ? 'trusted' : 'restricted') + ')';
    out.appendLine(why + ': ' + item.text);
  };
  render('activated');
  item.show();
  context.subscriptions.push(
    out,
    item,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('chainsightSmoke.label')) render('setting changed');
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => render('trust granted')),
    vscode.commands.registerCommand('chainsightSmoke.showReport', () => {
      const panel = vscode.window.createWebviewPanel('chainsightSmoke.report', 'Smoke Report', vscode.ViewColumn.Active, {});
      const body = ROWS.map((r) => '<tr>' + r.map((c) => '<td>' + c + '</td>').join('') + '</tr>').join('');
      panel.webview.html =
        '<!DOCTYPE html><html><head><meta charset="utf-8">' +
        '<meta http-equiv="Content-Security-Policy" content="default-src \\'none\\'; style-src \\'unsafe-inline\\';">' +
        '</head><body><h1>Smoke Report</h1><table><tr><th>Package</th><th>Version</th><th>Advisory</th><th>Severity</th></tr>' +
        body + '</table></body></html>';
      out.appendLine('report shown');
    }),
    // Like Chainsight's export: a format quick pick, then a save dialog, then the file.
    vscode.commands.registerCommand('chainsightSmoke.exportReport', async () => {
      const format = await vscode.window.showQuickPick(['SARIF', 'Markdown'], { placeHolder: 'Report format' });
      if (!format) return;
      const folder = vscode.workspace.workspaceFolders[0].uri;
      const target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, format === 'SARIF' ? 'report.sarif' : 'report.md'),
      });
      if (!target) return;
      const sarif = { version: '2.1.0', runs: [{ tool: { driver: { name: 'chainsight-smoke' } }, results: ROWS.map((r) => ({ ruleId: r[2], message: { text: r[0] + '@' + r[1] } })) }] };
      const text = format === 'SARIF' ? JSON.stringify(sarif, null, 2) : ROWS.map((r) => '- ' + r.join(' ')).join('\\n');
      await vscode.workspace.fs.writeFile(target, Buffer.from(text + '\\n'));
      out.appendLine('exported ' + target.fsPath);
    }),
    // Like Chainsight's lockfile commands: refused in Restricted Mode, with a message saying so.
    vscode.commands.registerCommand('chainsightSmoke.runPackageManager', () => {
      if (!vscode.workspace.isTrusted) {
        vscode.window.showErrorMessage('Chainsight Smoke: package managers do not run in Restricted Mode.');
        return;
      }
      vscode.window.showInformationMessage('Chainsight Smoke: the package manager would run now.');
    }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
`;

export const SMOKE_FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify(manifest, null, 2) + '\n',
  'extension.js': extension,
  'README.md': '# Chainsight Smoke\n\nBuilt at test time by test/e2e/smoke-extension; never published.\n',
  'LICENSE.txt': 'MIT\n',
};
