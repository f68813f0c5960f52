/**
 * The language server: wiring only. `node dist/server.js --stdio` serves any LSP client; VS Code
 * starts it over IPC. All behaviour lives in the service and the engine.
 */
import { createConnection, DidChangeConfigurationNotification, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { basename } from 'node:path';
import { FIX_ALL_KIND, registerCodeActions } from './handlers/code-actions';
import { publishDiagnostics } from './handlers/diagnostics';
import { registerHover } from './handlers/hover';
import { registerRequests } from './handlers/requests';
import { httpSettingsReader, settingsReader } from './handlers/settings';
import { UriMap } from './handlers/uris';
import { fileKindFor } from './ecosystems/files';
import { type InitializationOptions, STATUS_NOTIFICATION } from './protocol';
import { DataResources } from './service/data-resources';
import { defaultStorePath } from './store';
import { WorkspaceService } from './service/workspace-service';
import { VERSION } from './version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const uris = new UriMap();
let supportsConfiguration = false;
let supportsWorkspaceFolders = false;
let roots: string[] = [];

// The client names the store file (its global storage) during initialisation; other clients get the user cache.
let storePath = defaultStorePath();
const service = new WorkspaceService(
  {
    settingsFor: settingsReader(connection, () => supportsConfiguration),
    httpSettings: httpSettingsReader(connection, () => supportsConfiguration),
    notify: (message) => void connection.window.showWarningMessage(message),
    publish: (path, diagnostics, settings) => publishDiagnostics(connection, uris, path, diagnostics, settings, fileKindFor(basename(path))?.kind === 'lockfile'),
    status: (status) => void connection.sendNotification(STATUS_NOTIFICATION, status),
    log: (message) => connection.console.log(message),
  },
  new DataResources(() => storePath),
);

connection.onInitialize((params) => {
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  supportsWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
  const options = params.initializationOptions as InitializationOptions | undefined;
  if (typeof options?.storePath === 'string' && options.storePath) storePath = options.storePath;
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
  roots = folders.map((f) => uris.toPath(f.uri)).filter((p): p is string => p !== undefined);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'chainsight', version: VERSION },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'chainsight' });
  if (supportsWorkspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(async () => {
    const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
    roots = folders.map((f) => uris.toPath(f.uri)).filter((p): p is string => p !== undefined);
    await service.setFolders(roots);
    await service.analyzeNow().catch(() => undefined);
  });
  void (async () => {
    try {
      await service.setFolders(roots);
      await service.analyzeNow();
    } catch (err) {
      connection.console.error(`initial scan failed: ${(err as Error).stack ?? err}`);
    }
  })();
});

documents.onDidOpen(({ document }) => {
  const path = uris.toPath(document.uri);
  if (path) service.open(path, document.getText());
});
documents.onDidChangeContent(({ document }) => {
  const path = uris.toPath(document.uri);
  if (path) service.change(path, document.getText());
});
documents.onDidClose(({ document }) => {
  const path = uris.toPath(document.uri);
  if (path) service.close(path);
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  const mapped = changes.map((c) => ({ path: uris.toPath(c.uri), deleted: c.type === FileChangeType.Deleted })).filter((c): c is { path: string; deleted: boolean } => c.path !== undefined);
  if (mapped.length) service.filesChanged(mapped);
});

connection.onDidChangeConfiguration(() => {
  void service.settingsChanged();
});

registerHover(connection, service, uris);
registerCodeActions(connection, service, uris);
registerRequests(connection, service, uris);

connection.onShutdown(() => service.dispose());

documents.listen(connection);
connection.listen();
