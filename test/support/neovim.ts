import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { StatusParams } from '../../server/src/protocol';
import { startRefusingListener } from './refusing-listener';

/** The Lua side of the Neovim tests: plays the user, writes what it saw (test/editors/neovim/driver.lua). */
const DRIVER = join(__dirname, '../editors/neovim/driver.lua');
/** The driver's own failsafe; mocha's timeout must be longer. */
const DRIVER_TIMEOUT_MS = 45_000;

/** An executable on PATH, or undefined. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface NeovimRun {
  /** Becomes $HOME (the documented setup finds the server, data and trusted roots under `~`). */
  home: string;
  /** Holds Neovim's XDG folders, init file and the driver's spec and result; must exist. */
  scratch: string;
  /** `lua/chainsight.lua` in Neovim's config folder: the module docs/editors.md shows. */
  module: string;
  /** Lua that configures the module: the documented `setup` call, or a test's own. */
  setup: string;
  /** The file the user opens. */
  open: string;
  /** Where the user hovers and asks for code actions: the first line containing `line`, on `text`. */
  target: { line: string; text: string };
  /** Lua the user then runs (e.g. a command through `workspace/executeCommand`); the driver waits for the server's message. */
  command?: string;
  /** Folders put first on PATH (stand-ins for package managers), and variables they read. */
  path?: string[];
  env?: Record<string, string>;
}

export interface NeovimDiagnostic {
  file: string;
  /** 0-based, as `vim.diagnostic` keeps them. */
  line: number;
  col: number;
  end_col: number;
  /** `vim.diagnostic.severity`: 1 error, 2 warning, 3 information, 4 hint. */
  severity: number;
  message: string;
  code?: string;
  source?: string;
}

export interface NeovimCodeAction {
  title: string;
  kind?: string;
  preferred: boolean;
  edit: boolean;
  command: string | null;
}

/** What the driver saw, as it wrote it. */
export interface NeovimOutcome {
  error?: string;
  messages: string[];
  diagnostics: NeovimDiagnostic[];
  diagnostic_events: number;
  scan?: { findings: number; packages: number };
  status?: StatusParams;
  commands?: { commands: string[] } | null;
  /** The hover as Neovim puts it in its float (`convert_input_to_markdown_lines`). */
  hover?: string[] | null;
  code_actions: NeovimCodeAction[];
  /** The `window/showMessage` the server answered `command` with. */
  command_message?: string;
  server_pid?: number;
}

export interface NeovimResult {
  outcome: NeovimOutcome | undefined;
  exitCode: number | null;
  /** Neovim's stdout and stderr (where 0.7 prints `window/showMessage`), for failure messages. */
  output: string;
  /** Connections the server (or Neovim) tried through the proxy variables: any is a leak. */
  networkAttempts: number;
  /** The server process was still alive after Neovim exited (it was then killed). */
  serverLeftRunning: boolean;
}

/**
 * Runs Debian's `nvim --headless` isolated from the user's configuration (`-u` our init file,
 * `--noplugin`, `-i NONE`, every XDG folder and $HOME in the scratch folder, a minimal environment),
 * with the documented module, a setup and the driver; resolves when Neovim exits. Children that
 * outlive a failed test are ended by `dispose`.
 */
export class NeovimRunner {
  private readonly running = new Set<ChildProcess>();

  constructor(readonly nvim: string) {}

  async run(run: NeovimRun): Promise<NeovimResult> {
    const xdg = (name: string) => join(run.scratch, 'xdg', name);
    for (const name of ['config/nvim/lua', 'data', 'state', 'cache']) mkdirSync(xdg(name), { recursive: true });
    mkdirSync(xdg('runtime'), { recursive: true, mode: 0o700 });
    writeFileSync(join(xdg('config/nvim/lua'), 'chainsight.lua'), run.module);
    const init = join(run.scratch, 'init.lua');
    writeFileSync(init, `${run.setup}\ndofile(${luaString(DRIVER)})\n`);
    const spec = join(run.scratch, 'spec.json');
    const resultFile = join(run.scratch, 'result.json');
    writeFileSync(spec, JSON.stringify({ open: run.open, target: run.target, command: run.command, result: resultFile, timeout_ms: DRIVER_TIMEOUT_MS }));

    const proxy = await startRefusingListener();
    try {
      const env: NodeJS.ProcessEnv = {
        ...run.env,
        // `node` as the documented command finds it; Neovim itself needs nothing else from PATH.
        PATH: [...(run.path ?? []), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
        HOME: run.home,
        XDG_CONFIG_HOME: xdg('config'),
        XDG_DATA_HOME: xdg('data'),
        XDG_STATE_HOME: xdg('state'),
        XDG_CACHE_HOME: xdg('cache'),
        XDG_RUNTIME_DIR: xdg('runtime'),
        LANG: 'C.UTF-8',
        CHAINSIGHT_NVIM_SPEC: spec,
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: proxy.url,
        http_proxy: proxy.url,
        https_proxy: proxy.url,
        NO_PROXY: '',
        no_proxy: '',
      };
      // Its own process group, so whatever it started can be ended with it.
      const child = spawn(this.nvim, ['--headless', '--noplugin', '-n', '-i', 'NONE', '-u', init], { cwd: run.home, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      this.running.add(child);
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const [exitCode] = (await once(child, 'exit')) as [number | null];
      this.running.delete(child);
      const outcome = existsSync(resultFile) ? normalise(JSON.parse(readFileSync(resultFile, 'utf8'))) : undefined;
      const serverLeftRunning = outcome?.server_pid !== undefined && isAlive(outcome.server_pid);
      if (serverLeftRunning) process.kill(outcome!.server_pid!, 'SIGKILL');
      return { outcome, exitCode, output, networkAttempts: proxy.attempts, serverLeftRunning };
    } finally {
      await proxy.close();
    }
  }

  /** Ends Neovim, and the server it started, for runs a test abandoned (a mocha timeout). */
  dispose(): void {
    for (const child of this.running) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.running.clear();
  }
}

/** A Lua string literal (JSON's escapes for quotes, backslashes and control characters are Lua's too). */
export function luaString(text: string): string {
  return JSON.stringify(text);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Neovim's JSON encoder writes an empty Lua table as `{}`: make every list a list. */
function normalise(raw: Record<string, unknown>): NeovimOutcome {
  const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
  return {
    ...(raw as unknown as NeovimOutcome),
    messages: list(raw.messages),
    diagnostics: list(raw.diagnostics),
    code_actions: list(raw.code_actions),
    ...(raw.hover !== undefined && raw.hover !== null ? { hover: list<string>(raw.hover) } : {}),
  };
}
