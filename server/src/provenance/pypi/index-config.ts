import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RegistryConfigOptions } from '../types';

/**
 * The package index a PyPI package is checked on, the way pip and uv choose it: the user's
 * `--index-url` (or setting), `PIP_INDEX_URL` / `UV_INDEX_URL` / `UV_DEFAULT_INDEX`, the user's
 * `pip.conf` (`PIP_CONFIG_FILE`, `~/.config/pip/pip.conf`, `~/.pip/pip.conf`) or `uv.toml`
 * (`~/.config/uv/uv.toml`), else PyPI. A repository's own `uv.toml` or `pip.conf` is read only in a
 * trusted workspace: until then, no file in the repository chooses where Chainsight connects.
 */

export const PYPI_SIMPLE_INDEX = 'https://pypi.org/simple';

export function indexUrlFor(options: RegistryConfigOptions): string {
  const env = options.env;
  const fromEnv = env.PIP_INDEX_URL || env.UV_INDEX_URL || env.UV_DEFAULT_INDEX;
  const project = options.trusted ? projectIndex(dirname(options.path)) : undefined;
  const configured = options.override || project || fromEnv || userIndex(env, options.home) || PYPI_SIMPLE_INDEX;
  return configured.replace(/\/+$/, '');
}

function projectIndex(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const found = indexIn(join(current, 'uv.toml'), 'toml') ?? indexIn(join(current, 'pip.conf'), 'ini');
    if (found) return found;
    if (dirname(current) === current) return undefined;
  }
}

function userIndex(env: NodeJS.ProcessEnv, home: string): string | undefined {
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  const pip = [env.PIP_CONFIG_FILE, join(xdg, 'pip', 'pip.conf'), join(home, '.pip', 'pip.conf')];
  const uv = [env.UV_CONFIG_FILE, join(xdg, 'uv', 'uv.toml')];
  for (const path of pip) if (path && indexIn(path, 'ini')) return indexIn(path, 'ini');
  for (const path of uv) if (path && indexIn(path, 'toml')) return indexIn(path, 'toml');
  return undefined;
}

/** `index-url` in pip.conf's `[global]` / `[install]`, or uv.toml's `index-url` / default `[[index]]`. */
function indexIn(path: string, kind: 'ini' | 'toml'): string | undefined {
  const text = readSmall(path);
  if (text === undefined) return undefined;
  let section = '';
  let inDefaultIndex = false;
  let indexUrl: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?$/.exec(line);
    if (header) {
      section = header[1]!;
      inDefaultIndex = false;
      indexUrl = undefined;
      continue;
    }
    const pair = /^([\w-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = pair[1]!.toLowerCase();
    const value = unquote(pair[2]!);
    if (kind === 'ini' && key === 'index-url' && (section === 'global' || section === 'install')) return value;
    if (kind === 'toml' && section === '' && key === 'index-url') return value;
    if (kind === 'toml' && section === 'index') {
      if (key === 'url') indexUrl = value;
      if (key === 'default' && value === 'true') inDefaultIndex = true;
      if (inDefaultIndex && indexUrl) return indexUrl;
    }
  }
  return undefined;
}

function unquote(value: string): string {
  const bare = value.replace(/\s+#.*$/, '').trim();
  return /^(['"]).*\1$/.test(bare) ? bare.slice(1, -1) : bare;
}

function readSmall(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size < 1024 * 1024 ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
