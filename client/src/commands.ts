import { type ExtensionContext, ProgressLocation, Uri, commands, window, workspace } from 'vscode';
import { DOWNLOAD_DATABASE_REQUEST, type DownloadDatabaseResult, EXPORT_FORMATS, VERIFY_REQUEST, type VerifyResult, EXPORT_REPORT_REQUEST, type ExportFormat, type ExportReportResult, SCAN_WORKSPACE_REQUEST } from '../../server/src/protocol';
import type { ChainsightClient } from './client';
import { runPackageManager, updateLockfile } from './lockfile';
import { ReportView } from './report/report-view';
import { COMMAND_LIST, type CommandId } from './command-list';

type Handler = (...args: unknown[]) => unknown;

/** One handler factory per command id; the compiler checks every listed command has one. */
const HANDLERS: Record<CommandId, (context: ExtensionContext, client: ChainsightClient) => Handler> = {
  'chainsight.scanWorkspace': (_context, client) => () =>
    window.withProgress({ location: ProgressLocation.Notification, title: 'Chainsight: scanning dependencies', cancellable: true }, async (_progress, token) => {
      try {
        const result = await client.request<{ findings: number; packages: number }>(SCAN_WORKSPACE_REQUEST, {}, token);
        if (!token.isCancellationRequested) void window.showInformationMessage(`Chainsight: ${result.packages} packages checked, ${result.findings} findings.`);
      } catch (err) {
        if (!token.isCancellationRequested) void window.showErrorMessage(`Chainsight scan failed: ${(err as Error).message}`);
      }
    }),
  'chainsight.showReport': (context, client) => () => ReportView.show(context, client),
  'chainsight.exportReport': (_context, client) => async (formatArg?: unknown, targetArg?: unknown) => {
    const format = (typeof formatArg === 'string' && (EXPORT_FORMATS as readonly string[]).includes(formatArg) ? formatArg : await pickFormat()) as ExportFormat | undefined;
    if (!format) return undefined;
    const result = await client.request<ExportReportResult>(EXPORT_REPORT_REQUEST, { format });
    const folder = workspace.workspaceFolders?.[0]?.uri;
    const target = targetArg instanceof Uri ? targetArg : typeof targetArg === 'string' ? Uri.file(targetArg) : await window.showSaveDialog({ defaultUri: folder ? Uri.joinPath(folder, result.fileName) : undefined, saveLabel: 'Export' });
    if (!target) return undefined;
    await workspace.fs.writeFile(target, Buffer.from(result.content, 'utf8'));
    void window.showInformationMessage(`Chainsight: report written to ${target.fsPath}`);
    return target.fsPath;
  },
  'chainsight.restartServer': (_context, client) => () => client.restart(),
  'chainsight.updateLockfile': (_context, client) => (uri?: unknown) =>
    updateLockfile(client, typeof uri === 'string' ? uri : uri instanceof Uri ? uri.toString() : window.activeTextEditor?.document.uri.toString()),
  'chainsight.verifySignatures': (context, client) => () =>
    window.withProgress({ location: ProgressLocation.Notification, title: 'Chainsight: verifying registry signatures and provenance', cancellable: true }, async (_progress, token) => {
      try {
        const result = await client.request<VerifyResult>(VERIFY_REQUEST, {}, token);
        if (token.isCancellationRequested) return;
        const s = result.summary;
        const parts = [`${s.packages} packages`, `${s.signature.verified ?? 0} signatures verified`, `${s.provenance.verified ?? 0} with verified provenance`];
        if (s.invalid) parts.push(`${s.invalid} INVALID`);
        if (s.signature.missing) parts.push(`${s.signature.missing} missing signatures`);
        const show = s.invalid ? window.showErrorMessage : window.showInformationMessage;
        const choice = await show(`Chainsight: ${parts.join(', ')}.`, 'Show Report', 'Export…');
        if (choice === 'Show Report') await ReportView.show(context, client, 'provenance');
        if (choice === 'Export…') await commands.executeCommand('chainsight.exportReport', 'verify-json');
      } catch (err) {
        if (!token.isCancellationRequested) void window.showErrorMessage(`Chainsight: verification failed: ${(err as Error).message}`);
      }
    }),
  'chainsight.downloadOfflineDatabase': (_context, client) => () =>
    window.withProgress({ location: ProgressLocation.Notification, title: 'Chainsight: offline database', cancellable: true }, async (progress, token) => {
      let last = 0;
      const subscription = client.onProgress((p) => {
        const increment = p.percentage !== undefined ? Math.max(0, p.percentage - last) : undefined;
        if (p.percentage !== undefined) last = p.percentage;
        progress.report({ message: p.message, ...(increment ? { increment } : {}) });
      });
      try {
        const result = await client.request<DownloadDatabaseResult>(DOWNLOAD_DATABASE_REQUEST, {}, token);
        if (token.isCancellationRequested) return;
        if (result.ecosystems.length === 0) return void window.showInformationMessage('Chainsight: no dependency files in the workspace, so no offline database to download.');
        const failed = result.ecosystems.filter((e) => e.error);
        const done = result.ecosystems.filter((e) => !e.error).map((e) => `${e.ecosystem} (${e.records ?? 0} records)`);
        if (done.length) void window.showInformationMessage(`Chainsight: offline database updated: ${done.join(', ')}.`);
        for (const f of failed) void window.showErrorMessage(`Chainsight: could not update the ${f.ecosystem} offline database (previous data kept): ${f.error}`);
      } catch (err) {
        if (!token.isCancellationRequested) void window.showErrorMessage(`Chainsight: offline database download failed: ${(err as Error).message}`);
      } finally {
        subscription.dispose();
      }
    }),
  'chainsight.runFixCommand': (_context, client) => (spec?: unknown) => runPackageManager(client, spec),
};

export function registerCommands(context: ExtensionContext, client: ChainsightClient): void {
  for (const { id } of COMMAND_LIST) context.subscriptions.push(commands.registerCommand(id, HANDLERS[id](context, client)));
}

async function pickFormat(): Promise<string | undefined> {
  const items = [
    { label: 'SARIF 2.1.0', description: 'for code scanning', format: 'sarif' },
    { label: 'CycloneDX 1.6 SBOM', description: 'with vulnerabilities', format: 'cyclonedx' },
    { label: 'SPDX 2.3 SBOM', description: 'with advisory references', format: 'spdx' },
    { label: 'Markdown', description: 'for pull requests', format: 'markdown' },
    { label: 'JSON', description: 'the CLI schema', format: 'json' },
    { label: 'Signatures & provenance (JSON)', description: 'like chainsight verify --format json', format: 'verify-json' },
    { label: 'Signatures & provenance (text)', description: 'like npm audit signatures', format: 'verify-table' },
  ];
  const picked = await window.showQuickPick(items, { title: 'Export Chainsight report', placeHolder: 'Format' });
  return picked?.format;
}
