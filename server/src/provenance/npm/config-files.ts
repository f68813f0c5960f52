import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readNpmRegistryConfig, type NpmRegistryConfig } from './npmrc';

export interface NpmConfigFilesOptions {
  /**
   * Whether the workspace is trusted. Until it is, no file of the repository chooses where
   * Chainsight connects: the project `.npmrc` is not read at all (so it expands no environment
   * variable either), and only the user's own configuration applies.
   */
  trusted: boolean;
  /** `--registry`: the user's choice on the command line. */
  cliRegistry?: string;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Where npm itself lives, for its built-in global npmrc (default process.execPath). */
  execPath?: string;
}

/**
 * The registry configuration npm would use for a lockfile, from the user's files (`~/.npmrc` or
 * `npm_config_userconfig`, the global npmrc), the environment and the command line, and (trusted
 * workspaces only) the project's `.npmrc`, in npm's precedence.
 */
export function npmRegistryConfigFor(lockfilePath: string, options: NpmConfigFilesOptions): NpmRegistryConfig {
  const project = options.trusted ? nearestNpmrc(dirname(lockfilePath)) : undefined;
  return readNpmRegistryConfig({
    ...(options.cliRegistry ? { cliRegistry: options.cliRegistry } : {}),
    env: options.env,
    ...textOf('project', project),
    ...textOf('user', userNpmrc(options.env, options.home)),
    ...textOf('global', globalNpmrc(options.env, options.execPath ?? process.execPath)),
  });
}

function nearestNpmrc(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, '.npmrc');
    if (readText(candidate) !== undefined) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/** `npm_config_userconfig`, else `~/.npmrc`, as npm reads it. */
function userNpmrc(env: NodeJS.ProcessEnv, home: string): string {
  return env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? join(home, '.npmrc');
}

/** `npm_config_globalconfig`, else `<prefix>/etc/npmrc` where the prefix is npm's (`npm_config_prefix`, else next to node). */
function globalNpmrc(env: NodeJS.ProcessEnv, execPath: string): string {
  const explicit = env.npm_config_globalconfig ?? env.NPM_CONFIG_GLOBALCONFIG;
  if (explicit) return explicit;
  const prefix = env.npm_config_prefix ?? env.NPM_CONFIG_PREFIX ?? (process.platform === 'win32' ? dirname(execPath) : resolve(dirname(execPath), '..'));
  return join(prefix, 'etc', 'npmrc');
}

function textOf<K extends 'project' | 'user' | 'global'>(key: K, path: string | undefined): Partial<Record<K, string>> {
  const text = path ? readText(path) : undefined;
  return text === undefined ? {} : ({ [key]: text } as Record<K, string>);
}

/** An npmrc is a few lines: anything else (a device, a huge file) is not read. */
const MAX_NPMRC_BYTES = 1024 * 1024;

function readText(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_NPMRC_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
