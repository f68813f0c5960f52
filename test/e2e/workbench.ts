import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { copyLogs } from './lib/artifacts';
import { launchBrowser } from './lib/browser';
import { codeServerEnv, installExtensions, startCodeServer, type CodeServerDirs, type RunningCodeServer } from './lib/code-server';
import { log, timed } from './lib/log';
import { LoopbackGuard } from './lib/loopback-guard';
import { MARKER_KEY, markerValue } from './lib/orphans';
import { killTree, killTreeSync } from './lib/process-tree';
import type { Stoppable } from './lib/shutdown';
import { QUIET_SETTINGS, writeMachineSettings, writeUserSettings } from './lib/user-settings';
import type { Tools } from './tools';

export const WORKSPACES_ROOT = join(__dirname, 'workspaces');

export interface WorkbenchOptions {
  /** Names the temp folder and the artifacts folder. */
  name: string;
  /** A folder under test/e2e/workspaces/, or an absolute path; it is copied, never used in place. */
  workspace: string;
  trusted: boolean;
  /** Merged over the quiet defaults into the user settings.json before start. */
  userSettings?: Record<string, unknown>;
  /** Written into the remote (Machine) settings.json before start. */
  machineSettings?: Record<string, unknown>;
  vsix: string[];
  /** Workspace-relative files to have open when the workbench appears. */
  openFiles?: string[];
}

const START_TIMEOUT_MS = 60_000;

/** One code-server + one headless chromium on a copy of a workspace, ended by process id every time. */
export class Workbench implements Stoppable {
  readonly root: string;
  readonly dirs: CodeServerDirs & { browserProfile: string };
  readonly workspaceDir: string;
  readonly guard = new LoopbackGuard();
  private readonly marker: [string, string];
  private readonly consoleLog: string;
  private codeServerPid: number | undefined;
  private context: BrowserContext | undefined;
  private pageRef: Page | undefined;
  private originRef: string | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly tools: Tools,
    readonly options: WorkbenchOptions,
  ) {
    const source = isAbsolute(options.workspace) ? options.workspace : join(WORKSPACES_ROOT, options.workspace);
    if (!existsSync(source)) throw new Error(`workspace ${source} does not exist`);
    this.root = mkdtempSync(join(tmpdir(), `chainsight-e2e-${options.name.replace(/[^\w.-]+/g, '_')}-`));
    this.dirs = {
      userData: join(this.root, 'user-data'),
      extensions: join(this.root, 'extensions'),
      configFile: join(this.root, 'code-server.yaml'),
      logFile: join(this.root, 'code-server.log'),
      browserProfile: join(this.root, 'chromium-profile'),
    };
    this.workspaceDir = join(this.root, 'ws', basename(source));
    cpSync(source, this.workspaceDir, { recursive: true });
    this.marker = [MARKER_KEY, markerValue(this.root)];
    this.consoleLog = join(this.root, 'browser-console.log');
  }

  get page(): Page {
    if (!this.pageRef) throw new Error('the workbench has not been launched');
    return this.pageRef;
  }

  get origin(): string {
    if (!this.originRef) throw new Error('the workbench has not been launched');
    return this.originRef;
  }

  get userDataDir(): string {
    return this.dirs.userData;
  }

  /** Installs the extensions, starts code-server and chromium, and opens the workspace. */
  async launch(): Promise<void> {
    for (const d of [this.dirs.userData, this.dirs.extensions, this.dirs.browserProfile]) mkdirSync(d, { recursive: true });
    writeUserSettings(this.dirs.userData, { ...QUIET_SETTINGS, ...this.options.userSettings });
    if (this.options.machineSettings) writeMachineSettings(this.dirs.userData, this.options.machineSettings);
    const env = await codeServerEnv(this.tools, this.marker);
    if (this.options.vsix.length > 0) {
      await timed(`  install ${this.options.vsix.map((v) => basename(v)).join(', ')}`, () =>
        installExtensions(this.tools, this.dirs, this.options.vsix, env),
      );
    }
    const server = await this.startCodeServer(env);
    this.codeServerPid = server.pid;
    this.originRef = server.origin;
    const { context, page } = await launchBrowser(this.tools, this.dirs.browserProfile, this.marker);
    this.context = context;
    this.pageRef = page;
    await this.guard.install(context);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') appendFileSync(this.consoleLog, `[${m.type()}] ${m.text()}\n`);
    });
    page.on('pageerror', (e) => appendFileSync(this.consoleLog, `[pageerror] ${e.stack ?? e.message}\n`));
    await page.goto(this.workbenchUrl(), { timeout: START_TIMEOUT_MS });
  }

  /** The free port is picked a moment before code-server binds it; if someone took it meanwhile, pick again. */
  private async startCodeServer(env: NodeJS.ProcessEnv): Promise<RunningCodeServer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startCodeServer(this.tools, this.dirs, env, { trusted: this.options.trusted, timeoutMs: START_TIMEOUT_MS });
      } catch (e) {
        if (attempt >= 3 || !/EADDRINUSE/.test((e as Error).message)) throw e;
        log(`  port taken before code-server bound it; trying another (${attempt})`);
      }
    }
  }

  /** The workbench URL for the copied folder, with `openFiles` passed as code-server's `payload`. */
  private workbenchUrl(): string {
    const url = new URL(this.origin);
    url.searchParams.set('folder', this.workspaceDir);
    const files = this.options.openFiles ?? [];
    if (files.length > 0) {
      const host = url.host;
      url.searchParams.set('payload', JSON.stringify(files.map((f) => ['openFile', `vscode-remote://${host}${join(this.workspaceDir, f)}`])));
    }
    return url.toString();
  }

  /** Screenshot, logs and blocked requests into `dest`; each part best-effort so one failure does not hide the rest. */
  async saveFailureArtifacts(dest: string): Promise<void> {
    mkdirSync(dest, { recursive: true });
    const saved: string[] = [];
    if (this.pageRef && !this.pageRef.isClosed()) {
      try {
        const shot = join(dest, 'screenshot.png');
        await this.pageRef.screenshot({ path: shot, timeout: 10_000 });
        saved.push(shot);
      } catch (e) {
        log(`  could not take a screenshot: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    saved.push(...copyLogs(this.dirs.userData, dest));
    for (const file of [this.dirs.logFile, this.consoleLog]) {
      if (existsSync(file)) {
        copyFileSync(file, join(dest, basename(file)));
        saved.push(join(dest, basename(file)));
      }
    }
    if (this.guard.attempts.length > 0) {
      writeFileSync(join(dest, 'blocked-requests.txt'), this.guard.attempts.join('\n') + '\n');
    }
    log(`  artifacts saved in ${dest} (${saved.length} files)`);
  }

  /**
   * Closes the browser, kills every process the workbench started by id, removes the temp folder.
   * Every caller (the scenario's finally, a signal handler) gets the same promise, so none of them
   * goes on before the processes are really gone.
   */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    if (this.context) {
      // A clean close flushes the profile; the kill below ends chromium either way.
      await withTimeout(this.context.close(), 5_000).catch(() => undefined);
    }
    await killTree(this.codeServerPid !== undefined ? [this.codeServerPid] : [], this.marker.join('='));
    rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }

  /** For `process.on('exit')`, where nothing asynchronous runs any more. */
  killSync(): void {
    killTreeSync(this.codeServerPid !== undefined ? [this.codeServerPid] : [], this.marker.join('='));
    rmSync(this.root, { recursive: true, force: true });
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
