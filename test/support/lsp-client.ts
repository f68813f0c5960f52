import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionRequest,
  type CodeAction,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  type FileEvent,
  type Hover,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  type Position,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type Range,
  RegistrationRequest,
  type ServerCapabilities,
  ShowMessageNotification,
  ShowMessageRequest,
  type ShowMessageParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { APPLY_TRIAGE_COMMAND, didChangeWorkspaceTrust, fixCommandRequest, TRIAGE_COMMAND, type InitializationOptions, type PackageManagerRun, statusNotification, type StatusParams, storePasswordRequest } from '../../server/src/protocol';

const SERVER = join(__dirname, '../../dist/server.js');

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  storePath?: string;
  /** Merged over `{ storePath, workspaceTrusted: true }`: most suites test a trusted workspace. */
  initializationOptions?: InitializationOptions;
  /** false: the client does not offer `workspace/configuration` (like Neovim 0.7). */
  pullSettings?: boolean;
  /** Answers `chainsight/storePassword` as VS Code's SecretStorage would (the client then says `clientStoresPasswords`). */
  storePassword?: (location: string) => string | undefined;
}

type Waiter<T> = { predicate: (value: T) => boolean; resolve: (value: T) => void };

/**
 * Drives the real `dist/server.js --stdio` as an LSP client would. Every wait is on a notification
 * (published diagnostics, status), never on a timer.
 */
export class LspTestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses: StatusParams[] = [];
  private readonly diagnosticWaiters: Array<Waiter<{ uri: string; diagnostics: Diagnostic[] }>> = [];
  private readonly statusWaiters: Array<Waiter<StatusParams>> = [];
  private readonly versions = new Map<string, number>();
  stderr = '';
  /** `window/logMessage` text, for failure messages. */
  readonly logs: string[] = [];
  /** `window/showMessage` notifications, in order. */
  readonly messages: ShowMessageParams[] = [];
  /** The team-store locations the server asked a password for. */
  readonly passwordRequests: string[] = [];
  private readonly messageWaiters: Array<Waiter<ShowMessageParams>> = [];
  private readonly logWaiters: Array<Waiter<string>> = [];
  /** What the server answered to `initialize`. */
  capabilities: ServerCapabilities = {};

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    private settings: Record<string, unknown>,
  ) {}

  /**
   * Starts the server on `root`. The server gets a private metadata store (as VS Code gives it the
   * extension's global storage), so tests never touch the user's cache.
   */
  static async start(root: string, settings: Record<string, unknown> = {}, options: StartOptions = {}): Promise<LspTestClient> {
    // Signature and provenance checks ask the npm registry; only tests that serve one locally turn them on.
    if (!('provenance' in settings)) settings = { ...settings, provenance: { enable: false } };
    const env = options.env ?? process.env;
    const storePath = options.storePath ?? join(mkdtempSync(join(tmpdir(), 'chainsight-lsp-store-')), 'chainsight.db');
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, settings);
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.settle(client.diagnosticWaiters, p);
    });
    connection.onNotification(statusNotification, (s: StatusParams) => {
      client.statuses.push(s);
      client.settle(client.statusWaiters, s);
    });
    const shown = (m: ShowMessageParams) => {
      client.messages.push(m);
      client.settle(client.messageWaiters, m);
    };
    connection.onNotification(ShowMessageNotification.type, shown);
    connection.onRequest(ShowMessageRequest.type, (m) => {
      shown(m);
      return null;
    });
    connection.onNotification(LogMessageNotification.type, (m) => {
      client.logs.push(m.message);
      client.settle(client.logWaiters, m.message);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'chainsight' ? client.settings : null)));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    const password = options.storePassword;
    if (password) {
      connection.onRequest(storePasswordRequest, ({ location }) => {
        client.passwordRequests.push(location);
        const answer = password(location);
        return answer ? { password: answer } : null;
      });
    }
    connection.listen();
    const rootUri = URI.file(root).toString();
    const initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'test' }],
      initializationOptions: {
        storePath,
        workspaceTrusted: true,
        ...(password ? { clientStoresPasswords: true } : {}),
        ...options.initializationOptions,
        // Never the network in tests: user-level settings turn provenance off unless a test sets it.
        settings: { 'chainsight.provenance.enable': false, ...(options.initializationOptions?.settings as object | undefined) },
      } satisfies InitializationOptions,
      capabilities: {
        // Neovim 0.7 offers no workspace/configuration: settings then only come pushed or at start.
        workspace: { configuration: options.pullSettings !== false, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    });
    client.capabilities = initialized.capabilities;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private settle<T>(waiters: Array<Waiter<T>>, value: T): void {
    for (const w of [...waiters]) {
      if (w.predicate(value)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(value);
      }
    }
  }

  /** Resolves with the first status (already received or coming) that matches. */
  waitForStatus(predicate: (s: StatusParams) => boolean, sinceIndex = 0): Promise<StatusParams> {
    const seen = this.statuses.slice(sinceIndex).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.statusWaiters.push({ predicate, resolve }));
  }

  /** Resolves with the first `window/showMessage` (already received or coming) that matches. */
  waitForMessage(predicate: (m: ShowMessageParams) => boolean): Promise<ShowMessageParams> {
    const seen = this.messages.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.messageWaiters.push({ predicate, resolve }));
  }

  /** Resolves with the first `window/logMessage` text (already received or coming) that matches. */
  waitForLog(predicate: (message: string) => boolean): Promise<string> {
    const seen = this.logs.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.logWaiters.push({ predicate, resolve }));
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Resolves with the diagnostics of `uri` once they match (the latest published set counts too). */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve) => this.diagnosticWaiters.push({ predicate: (p) => p.uri === uri && predicate(p.diagnostics), resolve: (p) => resolve(p.diagnostics) }));
  }

  /** Resolves with the next diagnostics published for `uri` (call it before the change that causes them). */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.diagnosticWaiters.push({ predicate: (p) => p.uri === uri, resolve: (p) => resolve(p.diagnostics) }));
  }

  async open(uri: string, text: string, languageId = 'json'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = 'provenance' in settings ? settings : { ...settings, provenance: { enable: false } };
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** Pushes settings the way Neovim does: the whole `settings` table in `didChangeConfiguration`. */
  async pushSettings(settings: Record<string, unknown>): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { chainsight: settings } });
  }

  async setTrust(trusted: boolean): Promise<void> {
    await this.connection.sendNotification(didChangeWorkspaceTrust, { trusted });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
    return (result ?? []).filter((a): a is CodeAction => 'title' in a && !(typeof (a as { command?: unknown }).command === 'string'));
  }

  /** The fixes among the code actions: every action except the triage ones (test/lsp/triage.test.ts tests those). */
  async fixActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    return (await this.codeActions(uri, range, diagnostics, only)).filter((a) => a.command?.command !== TRIAGE_COMMAND && a.command?.command !== APPLY_TRIAGE_COMMAND);
  }

  /**
   * What a code action's command runs: the command carries only an opaque id, which the server
   * resolves to the package-manager run it planned (as the VS Code client does before running it).
   */
  async commandRun(command: CodeAction['command']): Promise<{ title: string; command: string; run: PackageManagerRun | null }> {
    assert.ok(command, 'the action has no command');
    assert.equal(command.arguments?.length, 1);
    assert.equal(typeof command.arguments[0], 'string', 'the argument is an opaque id, not a program to run');
    const run = await this.connection.sendRequest(fixCommandRequest, { id: command.arguments[0] as string });
    return { title: command.title, command: command.command, run };
  }

  /** Every notification of a custom method, as it arrives. */
  onNotification(method: string, listener: (params: unknown) => void): void {
    this.connection.onNotification(method, listener);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** The server process, for benchmarks that read its memory. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private stopped = false;

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the process may already be gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill();
      await exited;
    }
  }
}

export function fileUri(path: string): string {
  return URI.file(path).toString();
}
