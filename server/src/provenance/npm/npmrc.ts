/**
 * Which registry serves a package, the way npm decides: `@scope:registry` for scoped packages,
 * otherwise `registry`; each taken from the first source that sets it, in npm's precedence
 * (command line, environment, project `.npmrc`, user `~/.npmrc`, global `npmrc`, built-in).
 * A scoped registry wins over `--registry`, as in npm. Pure: the caller reads the files.
 * Only registry keys are read; credentials in the same files are never looked at.
 */

export const NPM_PUBLIC_REGISTRY = 'https://registry.npmjs.org/';

export interface NpmrcSources {
  /** `--registry` */
  cliRegistry?: string;
  /** Process environment (`npm_config_registry`, `npm_config_@scope:registry`, and `${VAR}` expansion). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Text of the project's `.npmrc`. */
  project?: string;
  /** Text of `~/.npmrc` (or `npm_config_userconfig`). */
  user?: string;
  /** Text of the global `npmrc`. */
  global?: string;
}

export interface NpmRegistryConfig {
  /** Normalised with a trailing slash. */
  registry: string;
  /** Scope (`@acme`) → registry URL. */
  scopes: Record<string, string>;
  /** Values that were ignored, with where and why. */
  warnings: string[];
}

export function readNpmRegistryConfig(sources: NpmrcSources): NpmRegistryConfig {
  const env = sources.env ?? {};
  const warnings: string[] = [];
  const layers: Array<{ origin: string; values: Map<string, string> }> = [];
  if (sources.cliRegistry !== undefined) layers.push({ origin: '--registry', values: new Map([['registry', sources.cliRegistry]]) });
  layers.push({ origin: 'environment', values: envConfig(env) });
  for (const [origin, text] of [
    ['project .npmrc', sources.project],
    ['user .npmrc', sources.user],
    ['global npmrc', sources.global],
  ] as const) {
    if (text !== undefined) layers.push({ origin, values: parseNpmrc(text, env) });
  }

  let registry: string | undefined;
  const scopes: Record<string, string> = {};
  for (const { origin, values } of layers) {
    for (const [key, value] of values) {
      const scope = /^(@[^:\s]+):registry$/.exec(key)?.[1];
      if (key !== 'registry' && !scope) continue;
      if (scope ? scopes[scope] !== undefined : registry !== undefined) continue;
      const url = normalizeRegistryUrl(value);
      if (!url) {
        warnings.push(`${origin}: ignored ${key}=${value} (not an http(s) URL)`);
        continue;
      }
      if (scope) scopes[scope] = url;
      else registry = url;
    }
  }
  return { registry: registry ?? NPM_PUBLIC_REGISTRY, scopes, warnings };
}

export function registryForPackage(config: NpmRegistryConfig, name: string): string {
  const scope = /^(@[^/]+)\//.exec(name)?.[1];
  return (scope && config.scopes[scope]) || config.registry;
}

/** An http(s) URL with a trailing slash, or undefined. */
export function normalizeRegistryUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.search = '';
  url.hash = '';
  const text = url.toString();
  return text.endsWith('/') ? text : `${text}/`;
}

/** Key/value pairs of an `.npmrc` (ini) text; section contents are not npm settings and are skipped. */
export function parseNpmrc(text: string, env: Readonly<Record<string, string | undefined>> = {}): Map<string, string> {
  const values = new Map<string, string>();
  let inSection = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (/^\[.*\]$/.test(line)) {
      inSection = true;
      continue;
    }
    if (inSection) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = expandEnv(line.slice(0, eq).trim(), env);
    const value = expandEnv(unquote(line.slice(eq + 1).trim()), env);
    values.set(key, value);
  }
  return values;
}

function envConfig(env: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === '' || !/^npm_config_/i.test(name)) continue;
    let key = name.slice('npm_config_'.length);
    // npm's own mapping: underscores become dashes and keys are lower-cased (except `//host` keys).
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    values.set(key, value);
  }
  return values;
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1);
  }
  // ini comments after a value
  return value.replace(/\s[;#].*$/, '').trim();
}

/** `${VAR}` → its value; `\${VAR}` stays literal; unknown variables stay as written (like npm). */
function expandEnv(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/(\\*)\$\{([^${}]+)\}/g, (whole, escapes: string, name: string) => {
    if (escapes.length % 2 === 1) return whole.slice(1);
    const replacement = env[name];
    return replacement === undefined ? whole : `${escapes}${replacement}`;
  });
}
