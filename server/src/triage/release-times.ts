import { homedir } from 'node:os';
import type { DependencyFile } from '../analysis/dependency-file';
import type { HttpContext } from '../net/http-json';
import { createLimiter } from '../provenance/limit';
import { npmRegistryConfigFor } from '../provenance/npm/config-files';
import { normalizeRegistryUrl, registryForPackage } from '../provenance/npm/npmrc';
import { publishTime } from '../provenance/npm/packument';
import { NpmRegistryClient } from '../provenance/npm/registry-client';
import type { KeyedCache } from '../store/keyed-cache';
import { extrasKey } from './package-extras';

export interface ReleaseTimeOptions {
  http: HttpContext;
  /** The store's keyed cache: a version's publish time never changes, so it is kept for long. */
  cache?: KeyedCache;
  /** Whether the workspace is trusted: only then does its `.npmrc` choose the registry (docs/security.md). */
  trusted: boolean;
  env?: NodeJS.ProcessEnv;
  home?: string;
  signal?: AbortSignal;
  /** Longest time one registry request may take (default 15 s). */
  timeoutMs?: number;
}

const CACHE_KIND = 'npm-publish-time';
/** Publish times are immutable; a month bounds the cache, not the truth. */
const CACHE_TTL = 30 * 24 * 60 * 60 * 1000;
const CONCURRENCY = 8;

/**
 * When each locked npm version was published, from the full packument's `time` (the abbreviated
 * document the other checks use has none), asked of the registry npm would use for the lockfile
 * within the trust rules. Only the versions not already known are asked (`known`); a version the
 * registry does not date stays absent (its release age is then unknown, never guessed). Callers
 * ask only when a policy rule reads the release age, and never offline. PyPI: nothing in Chainsight
 * reads the PyPI index yet, so PyPI release ages stay unknown (docs/policy.md).
 */
export async function npmReleaseTimes(lockfiles: readonly DependencyFile[], options: ReleaseTimeOptions, known: ReadonlyMap<string, string> = new Map()): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const client = new NpmRegistryClient({ http: options.http, limit: createLimiter(CONCURRENCY), timeoutMs: options.timeoutMs ?? 15_000, ...(options.signal ? { signal: options.signal } : {}) });
  const tasks: Array<Promise<void>> = [];
  const asked = new Set<string>();
  for (const lockfile of lockfiles) {
    if (lockfile.parser.ecosystem.name !== 'npm') continue;
    const config = npmRegistryConfigFor(lockfile.path, { trusted: options.trusted, env: options.env ?? process.env, home: options.home ?? homedir() });
    for (const pkg of lockfile.result.packages) {
      if (pkg.source !== 'registry' || !pkg.version) continue;
      const key = extrasKey('npm', pkg.name, pkg.version);
      if (known.has(key) || asked.has(key)) continue;
      asked.add(key);
      const registry = normalizeRegistryUrl(registryForPackage(config, pkg.name));
      if (!registry) continue;
      tasks.push(
        timeOf(client, options.cache, registry, pkg.name, pkg.version).then((at) => {
          if (at) out.set(key, at);
        }),
      );
    }
  }
  await Promise.all(tasks);
  return out;
}

async function timeOf(client: NpmRegistryClient, cache: KeyedCache | undefined, registry: string, name: string, version: string): Promise<string | undefined> {
  const cacheKey = `${registry}|${name}@${version}`;
  const cached = await cache?.get(CACHE_KIND, cacheKey).catch(() => undefined);
  if (typeof cached === 'string') return cached;
  const full = await client.packument(registry, name, true);
  if (!full.ok) return undefined;
  const at = publishTime(full.packument, version)?.toISOString();
  if (at) await cache?.set(CACHE_KIND, cacheKey, at, CACHE_TTL).catch(() => undefined);
  return at;
}
