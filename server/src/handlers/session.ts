import { type Connection, DidChangeConfigurationNotification, FileChangeType, type InitializeParams, type InitializeResult, MessageType, ShowMessageNotification, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { didChangeStorePassword, didChangeWorkspaceTrust, type InitializationOptions, SERVER_COMMANDS, statusNotification, storeChangedNotification, storePasswordRequest } from '../protocol';
import { DataResources } from '../service/data-resources';
import { SettingsSource } from '../service/settings-source';
import { WorkspaceService } from '../service/workspace-service';
import { defaultStorePath } from '../store';
import { VERSION } from '../version';
import { FIX_ALL_KIND, registerCodeActions } from './code-actions';
import { registerCommands } from './commands';
import { publishDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { registerRequests } from './requests';
import { registerStoreRequests } from './store-requests';
import { httpSettingsReader, pullSettings } from './settings';
import { UriMap } from './uris';

/**
 * One language-server session on a connection: reads what the client offers at initialisation,
 * builds the service, and wires every notification and request to it. All state lives in this
 * function's scope, one session per process.
 */
export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const uris = new UriMap();
  let service: WorkspaceService | undefined;
  let resources: DataResources | undefined;
  let roots: string[] = [];
  let capabilities: InitializeParams['capabilities'] = {};

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const supportsConfiguration = capabilities.workspace?.configuration === true;
    const settings = new SettingsSource({
      ...(supportsConfiguration ? { pull: pullSettings(connection) } : {}),
      userSettings: options.settings,
      pullHonoursTrust: options.configurationHonoursTrust === true,
      trusted: options.workspaceTrusted === true,
    });
    // The client names the store file (its global storage); other clients get the user cache.
    const storePath = typeof options.storePath === 'string' && options.storePath ? options.storePath : defaultStorePath();
    const notify = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    resources = new DataResources(() => storePath, {
      notify,
      // Only a client that said it keeps passwords is asked: others would answer "method not found".
      ...(options.clientStoresPasswords ? { storePassword: async (location: string) => (await connection.sendRequest(storePasswordRequest, { location }))?.password } : {}),
    });
    const created = new WorkspaceService(
      {
        httpSettings: httpSettingsReader(connection, () => supportsConfiguration),
        notify,
        publish: (path, diagnostics) => publishDiagnostics(connection, uris, path, diagnostics),
        status: (status) => void connection.sendNotification(statusNotification, status),
        log: (message) => connection.console.log(message),
        storeChanged: (changed) => void connection.sendNotification(storeChangedNotification, changed),
      },
      resources,
      settings,
      { allowPackageManagers: options.allowPackageManagers === true, interactiveTriage: options.clientAsksTriage === true },
    );
    service = created;
    registerHover(connection, created, uris);
    registerCodeActions(connection, created, uris);
    registerRequests(connection, created, uris);
    registerStoreRequests(connection, created, uris);
    registerCommands(connection, created, uris, { applyEdit: capabilities.workspace?.applyEdit === true });
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    roots = folders.map((f) => uris.toPath(f.uri)).filter((p): p is string => p !== undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        // VS Code's client registers these commands itself; offering them too would register them twice.
        ...(options.clientRunsCommands ? {} : { executeCommandProvider: { commands: [...SERVER_COMMANDS] } }),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'chainsight', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'chainsight' });
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
        roots = folders.map((f) => uris.toPath(f.uri)).filter((p): p is string => p !== undefined);
        await service?.setFolders(roots);
        await service?.analyzeNow().catch(() => undefined);
      });
    }
    void (async () => {
      try {
        await service?.setFolders(roots);
        await service?.analyzeNow();
      } catch (err) {
        connection.console.error(`initial scan failed: ${(err as Error).stack ?? err}`);
      }
    })();
  });

  documents.onDidOpen(({ document }) => {
    const path = uris.toPath(document.uri);
    if (path) service?.open(path, document.getText());
  });
  documents.onDidChangeContent(({ document }) => {
    const path = uris.toPath(document.uri);
    if (path) service?.change(path, document.getText());
  });
  documents.onDidClose(({ document }) => {
    const path = uris.toPath(document.uri);
    if (path) service?.close(path);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const mapped = changes.map((c) => ({ path: uris.toPath(c.uri), deleted: c.type === FileChangeType.Deleted })).filter((c): c is { path: string; deleted: boolean } => c.path !== undefined);
    if (mapped.length) service?.filesChanged(mapped);
  });
  connection.onDidChangeConfiguration(({ settings }) => void service?.settingsChanged(settings));
  connection.onNotification(didChangeWorkspaceTrust, ({ trusted }) => void service?.trustChanged(trusted === true));
  connection.onNotification(didChangeStorePassword, () => {
    resources?.team.forget();
    void service?.analyzeNow().catch(() => undefined);
  });
  connection.onShutdown(() => service?.dispose());

  documents.listen(connection);
  connection.listen();
}
