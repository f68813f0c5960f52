import { type CancellationToken, type ExtensionContext, type LogOutputChannel, window, workspace } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import type { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import { isAbsolute, join } from 'node:path';
import { didChangeStorePassword, didChangeWorkspaceTrust, DOCUMENT_PATTERNS, storePasswordRequest, TRIAGE_PATTERNS, type InitializationOptions, progressNotification, type ProgressParams, statusNotification, type StatusParams, type StoreChangedParams, storeChangedNotification } from '../../server/src/protocol';
import { trustAwareConfiguration, userLevelSettings } from './configuration';
import { StatusBar } from './status-bar';
import { storedPassword } from './store-password';

/** Owns the language client, the output channel and the status bar; restarts the server on request. */
export class ChainsightClient {
  readonly output: LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly statusBar: StatusBar;
  private lastStatus: StatusParams | undefined;
  private readonly statusListeners = new Set<(s: StatusParams) => void>();
  private readonly progressListeners = new Set<(p: ProgressParams) => void>();
  private readonly storeListeners = new Set<(p: StoreChangedParams) => void>();

  constructor(private readonly context: ExtensionContext) {
    this.output = window.createOutputChannel('Chainsight', { log: true });
    this.statusBar = new StatusBar();
    context.subscriptions.push(this.output, this.statusBar);
    // Trust is granted without a reload: tell the server, which then reads repository settings and registries.
    context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void this.client?.sendNotification(didChangeWorkspaceTrust, { trusted: true })));
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    // The metadata store (cache and offline database) lives in the extension's global storage.
    await workspace.fs.createDirectory(this.context.globalStorageUri);
    const initializationOptions: InitializationOptions = {
      storePath: join(this.context.globalStorageUri.fsPath, 'chainsight.db'),
      workspaceTrusted: workspace.isTrusted,
      settings: userLevelSettings(),
      configurationHonoursTrust: true,
      clientRunsCommands: true,
      clientAsksTriage: true,
      clientStoresPasswords: true,
    };
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    // VEX and policy files too: a change to one changes findings, and they get diagnostics of their own.
    const patterns = [...new Set([...DOCUMENT_PATTERNS, ...TRIAGE_PATTERNS, ...configuredTriagePatterns()])];
    const watchers = patterns.map((pattern) => workspace.createFileSystemWatcher(pattern));
    this.context.subscriptions.push(...watchers);
    const clientOptions: LanguageClientOptions = {
      documentSelector: patterns.map((pattern) => ({ scheme: 'file', pattern })),
      synchronize: { fileEvents: watchers },
      outputChannel: this.output,
      diagnosticCollectionName: 'chainsight',
      // Advisory text is untrusted: never enable command links or HTML in hovers.
      markdown: { isTrusted: false, supportHtml: false },
      initializationOptions,
      middleware: { workspace: { configuration: trustAwareConfiguration } },
    };
    this.client = new LanguageClient('chainsight', 'Chainsight', serverOptions, clientOptions);
    this.client.onNotification(progressNotification, (progress) => {
      for (const listener of this.progressListeners) listener(progress);
    });
    this.client.onNotification(statusNotification, (status) => {
      this.lastStatus = status;
      this.statusBar.update(status);
      for (const listener of this.statusListeners) listener(status);
    });
    this.client.onNotification(storeChangedNotification, (changed) => {
      for (const listener of this.storeListeners) listener(changed);
    });
    // The team store's password, from SecretStorage, asked before each connection (docs/team.md).
    this.client.onRequest(storePasswordRequest, async ({ location }) => {
      const password = await storedPassword(this.context, location);
      return password ? { password } : null;
    });
    this.statusBar.starting();
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
    this.client = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  get status(): StatusParams | undefined {
    return this.lastStatus;
  }

  onStatus(listener: (s: StatusParams) => void): { dispose(): void } {
    this.statusListeners.add(listener);
    return { dispose: () => this.statusListeners.delete(listener) };
  }

  onProgress(listener: (p: ProgressParams) => void): { dispose(): void } {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  /** The aggregated store changed (a folder recorded, documents imported). */
  onStoreChanged(listener: (p: StoreChangedParams) => void): { dispose(): void } {
    this.storeListeners.add(listener);
    return { dispose: () => this.storeListeners.delete(listener) };
  }

  /** The user set or removed the team store's password: the server connects again with it. */
  storePasswordChanged(location: string): void {
    void this.client?.sendNotification(didChangeStorePassword, { location });
  }

  /** A request of Chainsight's protocol, typed by its declaration in protocol.ts. */
  request<R>(type: RequestType0<R, void>, token?: CancellationToken): Promise<R>;
  request<P, R>(type: RequestType<P, R, void>, params: P, token?: CancellationToken): Promise<R>;
  async request(type: RequestType0<unknown, void> | RequestType<unknown, unknown, void>, ...rest: unknown[]): Promise<unknown> {
    if (!this.client) throw new Error('The Chainsight server is not running.');
    if (type.numberOfParams === 0) return this.client.sendRequest(type as RequestType0<unknown, void>, rest[0] as CancellationToken | undefined);
    return this.client.sendRequest(type as RequestType<unknown, unknown, void>, rest[0], rest[1] as CancellationToken | undefined);
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }
}

/**
 * The triage files the settings name beyond the defaults (a VEX file or policy file elsewhere, more
 * VEX globs), as workspace globs: edits to them must reach the server too. Read at start; a changed
 * setting takes effect with **Chainsight: Restart Server**.
 */
function configuredTriagePatterns(): string[] {
  const config = workspace.getConfiguration('chainsight');
  const files = [config.get<string>('vex.file'), config.get<string>('policy.file')].filter((f): f is string => typeof f === 'string' && f.trim() !== '' && !isAbsolute(f.trim()));
  const globs = (config.get<unknown[]>('vex.files') ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  return [...files, ...globs].map((p) => p.trim().replace(/^\.\//, '')).map((p) => (p.startsWith('**/') ? p : `**/${p}`));
}
