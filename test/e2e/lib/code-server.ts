import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tools } from '../tools';
import { runLogged } from './exec';
import { freePort } from './ports';

export interface CodeServerDirs {
  userData: string;
  extensions: string;
  /** code-server writes a config with a password to ~/.config unless given its own file. */
  configFile: string;
  /** stdout and stderr of code-server go here. */
  logFile: string;
}

export interface RunningCodeServer {
  process: ChildProcess;
  pid: number;
  port: number;
  origin: string;
}

export const SKIPPED_BUILTINS = ['vscode.npm', 'GitHub.copilot-chat', 'vscode.github', 'vscode.github-authentication', 'vscode.git'];

/**
 * The environment for code-server and everything it starts. `marker` lets the harness find each of
 * those processes later, even one that was re-parented.
 */
export async function codeServerEnv(tools: Tools, marker: [string, string]): Promise<NodeJS.ProcessEnv> {
  // Gallery requests go to a loopback port nobody listens on, so they fail at once instead of timing out.
  const gallery = `http://127.0.0.1:${await freePort()}`;
  // `npm run` exports npm's config; a registry set there would beat a workspace's .npmrc for every npm
  // tool and for Chainsight's provenance checks (npm's precedence): scenarios decide the registry.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(@[^:]+:)?registry$/i.test(k)));
  return {
    ...inherited,
    [marker[0]]: marker[1],
    // vscode.npm runs `npm view` for package.json hovers: registry traffic and extra hover text (E2E.md).
    // The others load at every start (git on "*", Copilot Chat on startup) and do nothing useful offline
    // with git and AI features off; skipping them saves start time on 2 cores.
    VSCODE_SKIP_BUILTIN_EXTENSIONS: SKIPPED_BUILTINS.join(','),
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: `${gallery}/gallery`,
      itemUrl: `${gallery}/items`,
      resourceUrlTemplate: `${gallery}/resource/{publisher}/{name}/{version}/{path}`,
    }),
    PATH: `${join(tools.node, '..')}:${process.env.PATH ?? ''}`,
  };
}

function baseArgs(dirs: CodeServerDirs): string[] {
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', dirs.configFile];
}

/** `--install-extension` for each VSIX, in one code-server call (it exits when done). */
export async function installExtensions(tools: Tools, dirs: CodeServerDirs, vsixes: string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (vsixes.length === 0) return;
  writeFileSync(dirs.configFile, 'auth: none\n');
  await runLogged({
    cmd: tools.node,
    args: [tools.codeServerEntry, ...baseArgs(dirs), ...vsixes.flatMap((v) => ['--install-extension', v])],
    env,
    logFile: dirs.logFile,
  });
}

export interface StartOptions {
  trusted: boolean;
  timeoutMs: number;
}

/** Starts code-server on a free loopback port and resolves once it says it is listening. */
export async function startCodeServer(tools: Tools, dirs: CodeServerDirs, env: NodeJS.ProcessEnv, opts: StartOptions): Promise<RunningCodeServer> {
  const port = await freePort();
  writeFileSync(dirs.configFile, 'auth: none\n');
  const args = [
    tools.codeServerEntry,
    ...baseArgs(dirs),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--vscode-option', 'disable-experiments',
    // A trusted scenario is what a user sees after trusting the folder; untrusted ones keep Restricted Mode.
    ...(opts.trusted ? ['--disable-workspace-trust'] : []),
  ];
  const out = createWriteStream(dirs.logFile, { flags: 'a' });
  const child = spawn(tools.node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start code-server (${tools.node} ${args.join(' ')})`);
  const pid = child.pid;
  const origin = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => fail(`code-server did not report listening on ${origin} within ${opts.timeoutMs} ms; see ${dirs.logFile}`),
      opts.timeoutMs,
    );
    function fail(message: string): void {
      clearTimeout(timer);
      reject(new Error(message));
    }
    const onData = (d: Buffer): void => {
      out.write(d);
      seen = (seen + d.toString()).slice(-4096);
      if (seen.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (e) => fail(`code-server failed to start: ${e.message}`));
    child.once('exit', (code, sig) => fail(`code-server exited (${sig ?? code}) before listening; see ${dirs.logFile}\n${seen}`));
  });
  return { process: child, pid, port, origin };
}
