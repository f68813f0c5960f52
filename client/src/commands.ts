import { type ExtensionContext, ProgressLocation, Uri, commands, window, workspace } from 'vscode';
import { EXPORT_FORMATS, EXPORT_REPORT_REQUEST, type ExportFormat, type ExportReportResult, SCAN_WORKSPACE_REQUEST } from '../../server/src/protocol';
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
  'chainsight.runFixCommand': (_context, client) => (spec?: unknown) => runPackageManager(client, spec),
};

export function registerCommands(context: ExtensionContext, client: ChainsightClient): void {
  for (const { id } of COMMAND_LIST) context.subscriptions.push(commands.registerCommand(id, HANDLERS[id](context, client)));
}

async function pickFormat(): Promise<string | undefined> {
  const items = [
    { label: 'SARIF 2.1.0', description: 'for code scanning', format: 'sarif' },
    { label: 'CycloneDX 1.6 SBOM', description: 'with vulnerabilities', format: 'cyclonedx' },
    { label: 'Markdown', description: 'for pull requests', format: 'markdown' },
    { label: 'JSON', description: 'the CLI schema', format: 'json' },
  ];
  const picked = await window.showQuickPick(items, { title: 'Export Chainsight report', placeHolder: 'Format' });
  return picked?.format;
}
