import { type ExtensionContext, ProgressLocation, Uri, commands, window, workspace } from 'vscode';
import { downloadDatabaseRequest, EXPORT_FORMATS, type ExportFormat, exportReportRequest, isExportFormat, scanWorkspaceRequest, verifyRequest } from '../../server/src/protocol';
import type { ChainsightClient } from './client';
import { runFixCommand, updateLockfile } from './lockfile';
import { ReportView } from './report/report-view';
import { COMMAND_LIST, type CommandId } from './command-list';
import { importDocuments } from './supply-chain/import-documents';
import type { SupplyChainTree } from './supply-chain/tree';
import { triageCommand } from './triage';
import { setStorePassword } from './store-password';

type Handler = (...args: unknown[]) => unknown;

/** One handler factory per command id; the compiler checks every listed command has one. */
const HANDLERS: Record<CommandId, (context: ExtensionContext, client: ChainsightClient, tree: SupplyChainTree) => Handler> = {
  'chainsight.scanWorkspace': (_context, client) => () =>
    window.withProgress({ location: ProgressLocation.Notification, title: 'Chainsight: scanning dependencies', cancellable: true }, async (_progress, token) => {
      try {
        const result = await client.request(scanWorkspaceRequest, token);
        if (!token.isCancellationRequested) void window.showInformationMessage(`Chainsight: ${result.packages} packages checked, ${result.findings} findings.`);
      } catch (err) {
        if (!token.isCancellationRequested) void window.showErrorMessage(`Chainsight scan failed: ${(err as Error).message}`);
      }
    }),
  'chainsight.showReport': (context, client) => () => ReportView.show(context, client),
  'chainsight.exportReport': (_context, client) => async (formatArg?: unknown, targetArg?: unknown) => {
    const format = isExportFormat(formatArg) ? formatArg : await pickFormat();
    if (!format) return undefined;
    const result = await client.request(exportReportRequest, { format });
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
        const result = await client.request(verifyRequest, token);
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
        const result = await client.request(downloadDatabaseRequest, token);
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
  'chainsight.setStorePassword': (context, client) => () => setStorePassword(context, client),
  'chainsight.runFixCommand': (_context, client) => (id?: unknown) => runFixCommand(client, id),
  'chainsight.importDocuments': (_context, client) => (picked?: unknown, all?: unknown) => importDocuments(client, Array.isArray(all) && all.length ? all : picked),
  'chainsight.searchSupplyChain': (_context, _client, tree) => (term?: unknown) => tree.searchFor(typeof term === 'string' ? term : undefined),
  'chainsight.clearSupplyChainSearch': (_context, _client, tree) => () => tree.clearSearch(),
  'chainsight.refreshSupplyChain': (_context, _client, tree) => () => tree.refresh(),
  'chainsight.openSupplyChainItem': (_context, _client, tree) => (target?: unknown) => tree.open(target as Parameters<SupplyChainTree['open']>[0]),
  'chainsight.triage': (_context, client) => (arg?: unknown) => triageCommand(client, arg),
};

/** Registers every command; those that run workspace code refuse in an untrusted workspace, whoever calls them. */
export function registerCommands(context: ExtensionContext, client: ChainsightClient, tree: SupplyChainTree): void {
  for (const { id, title, requiresTrust } of COMMAND_LIST) {
    const handler = HANDLERS[id](context, client, tree);
    const guarded: Handler = requiresTrust
      ? (...args) => {
          if (workspace.isTrusted) return handler(...args);
          void window.showErrorMessage(`Chainsight: "${title}" runs a package manager, which Chainsight never does in an untrusted workspace. Trust the workspace first.`);
          return undefined;
        }
      : handler;
    context.subscriptions.push(commands.registerCommand(id, guarded));
  }
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items = EXPORT_FORMATS.map((f) => ({ label: f.label, description: f.description, format: f.id }));
  const picked = await window.showQuickPick(items, { title: 'Export Chainsight report', placeHolder: 'Format' });
  return picked?.format;
}
