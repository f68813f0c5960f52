import { type ExtensionContext, type LogOutputChannel, window, workspace } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { join } from 'node:path';
import { DOCUMENT_PATTERNS, type InitializationOptions, PROGRESS_NOTIFICATION, type ProgressParams, STATUS_NOTIFICATION, type StatusParams } from '../../server/src/protocol';
import { StatusBar } from './status-bar';

/** Owns the language client, the output channel and the status bar; restarts the server on request. */
export class ChainsightClient {
  readonly output: LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly statusBar: StatusBar;
  private lastStatus: StatusParams | undefined;
  private readonly statusListeners = new Set<(s: StatusParams) => void>();
  private readonly progressListeners = new Set<(p: ProgressParams) => void>();

  constructor(private readonly context: ExtensionContext) {
    this.output = window.createOutputChannel('Chainsight', { log: true });
    this.statusBar = new StatusBar();
    context.subscriptions.push(this.output, this.statusBar);
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    // The metadata store (cache and offline database) lives in the extension's global storage.
    await workspace.fs.createDirectory(this.context.globalStorageUri);
    const initializationOptions: InitializationOptions = { storePath: join(this.context.globalStorageUri.fsPath, 'chainsight.db') };
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const watchers = DOCUMENT_PATTERNS.map((pattern) => workspace.createFileSystemWatcher(pattern));
    this.context.subscriptions.push(...watchers);
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
      synchronize: { fileEvents: watchers },
      outputChannel: this.output,
      diagnosticCollectionName: 'chainsight',
      // Advisory text is untrusted: never enable command links or HTML in hovers.
      markdown: { isTrusted: false, supportHtml: false },
      initializationOptions,
    };
    this.client = new LanguageClient('chainsight', 'Chainsight', serverOptions, clientOptions);
    this.client.onNotification(PROGRESS_NOTIFICATION, (progress: ProgressParams) => {
      for (const listener of this.progressListeners) listener(progress);
    });
    this.client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => {
      this.lastStatus = status;
      this.statusBar.update(status);
      for (const listener of this.statusListeners) listener(status);
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

  async request<R>(method: string, params: unknown, token?: import('vscode').CancellationToken): Promise<R> {
    if (!this.client) throw new Error('The Chainsight server is not running.');
    return this.client.sendRequest<R>(method, params, token);
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }
}
