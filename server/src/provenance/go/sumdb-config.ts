import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistryConfigOptions } from '../types';

/**
 * Which checksum database a Go module is checked against, as the go command decides: `GOSUMDB`
 * (`off`, a known name, `<verifier key>` or `<verifier key> <URL>`; `--sumdb` overrides it),
 * `GONOSUMDB` and `GOPRIVATE` (module path prefix globs: private modules are never sent anywhere),
 * `GONOSUMCHECK=1` and `GOFLAGS=-insecure` (no checking at all), and `GOPROXY` (the first proxy
 * URL serves the database under `<proxy>/sumdb/<name>/`, which is how air-gapped sites mirror it).
 * Values come from the environment, then the user's `go env -w` file (`GOENV`, else
 * `~/.config/go/env`). No repository file takes part, so workspace trust does not matter here.
 *
 * The answer per module is a string (what `registryFor` carries): `off <why>` or `<key> <url>`.
 */

export const SUM_GOLANG_ORG_KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8';
const KNOWN: Record<string, { key: string; url?: string }> = {
  'sum.golang.org': { key: SUM_GOLANG_ORG_KEY },
  'sum.golang.google.cn': { key: SUM_GOLANG_ORG_KEY, url: 'https://sum.golang.google.cn' },
};
const DEFAULT_PROXY = 'https://proxy.golang.org,direct';

export interface SumdbChoice {
  off: false;
  /** Verifier key, `name+hash+key`. */
  key: string;
  /** Base URL the database is read from (direct, or through a proxy). */
  url: string;
}

export type SumdbSetting = SumdbChoice | { off: true; reason: string };

export function sumdbConfigFor(options: RegistryConfigOptions): (module: string) => string {
  const settings = goSettings(options.env, options.home);
  const gosumdb = (options.override ?? settings.GOSUMDB ?? 'sum.golang.org').trim();
  const private_ = [settings.GONOSUMDB, settings.GOPRIVATE].filter((v): v is string => !!v).join(',');
  const globs = private_.split(',').map((g) => g.trim()).filter(Boolean);
  const disabled =
    settings.GONOSUMCHECK === '1' ? 'GONOSUMCHECK=1 turns checksum checking off' :
    /(^|\s)-insecure(=true)?(\s|$)/.test(settings.GOFLAGS ?? '') ? 'GOFLAGS=-insecure turns checksum checking off' :
    gosumdb === 'off' ? 'GOSUMDB=off' : undefined;
  const database = disabled ? undefined : databaseFor(gosumdb, settings.GOPROXY ?? DEFAULT_PROXY, options.override !== undefined);
  return (module) => {
    if (disabled) return `off ${disabled}`;
    const glob = globs.find((g) => matchesPrefix(g, module));
    if (glob) return `off a private module (${settings.GONOSUMDB ? 'GONOSUMDB' : 'GOPRIVATE'} ${glob}): not sent to any checksum database`;
    return database ?? `off ${gosumdb} is not a checksum database Chainsight can use`;
  };
}

/** `<key> <url>` for a GOSUMDB value. */
function databaseFor(gosumdb: string, goproxy: string, explicit: boolean): string | undefined {
  const [first, url, ...rest] = gosumdb.split(/\s+/);
  if (!first || rest.length) return undefined;
  const known = KNOWN[first];
  const key = known?.key ?? (first.split('+').length >= 3 ? first : undefined);
  if (!key) return undefined;
  const name = key.split('+')[0]!;
  if (url) return /^https?:\/\//.test(url) ? `${key} ${url.replace(/\/+$/, '')}` : undefined;
  // The go command reads the database through the first proxy when one is set (air-gapped mirrors).
  const proxy = goproxy.split(/[,|]/)[0]?.trim();
  if (!explicit && proxy && /^https?:\/\//.test(proxy)) return `${key} ${proxy.replace(/\/+$/, '')}/sumdb/${name}`;
  return `${key} ${known?.url ?? `https://${name}`}`;
}

export function parseSumdbSetting(value: string): SumdbSetting {
  if (value.startsWith('off ')) return { off: true, reason: value.slice(4) };
  const [key, url] = value.split(' ');
  return { off: false, key: key!, url: url! };
}

/** Go's module.MatchPrefixPatterns: a glob matches a module when it matches the module path's leading elements. */
export function matchesPrefix(glob: string, module: string): boolean {
  const parts = module.split('/');
  const globParts = glob.replace(/\/+$/, '').split('/');
  if (globParts.length > parts.length) return false;
  return globParts.every((g, i) => globElement(g, parts[i]!));
}

function globElement(glob: string, element: string): boolean {
  const pattern = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  try {
    return new RegExp(`^${pattern}$`).test(element);
  } catch {
    return false;
  }
}

const NAMES = ['GOSUMDB', 'GONOSUMDB', 'GOPRIVATE', 'GONOSUMCHECK', 'GOFLAGS', 'GOPROXY'] as const;

/** The environment over the user's `go env -w` file. */
function goSettings(env: NodeJS.ProcessEnv, home: string): Partial<Record<(typeof NAMES)[number], string>> {
  const file = env.GOENV === 'off' ? {} : readGoEnv(env.GOENV || join(env.XDG_CONFIG_HOME || join(home, '.config'), 'go', 'env'));
  const out: Partial<Record<(typeof NAMES)[number], string>> = {};
  for (const name of NAMES) {
    const value = env[name] !== undefined && env[name] !== '' ? env[name] : file[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

function readGoEnv(path: string): Record<string, string> {
  try {
    if (!statSync(path).isFile()) return {};
    const out: Record<string, string> = {};
    for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
      const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
      if (match) out[match[1]!] = match[2]!;
    }
    return out;
  } catch {
    return {};
  }
}
