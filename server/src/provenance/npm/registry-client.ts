import { field } from '../json';
import { JsonClient, type JsonClientOptions } from '../json-client';
import { reducePackument, type Packument } from './packument';

/**
 * Reads from an npm registry: keys, packuments (abbreviated unless publish times are needed) and
 * attestations. Answers are cached (store-backed when the caller passes a cache) and identical
 * requests in flight are shared. Nothing throws: every call answers an outcome.
 */

/** npm's abbreviated-metadata header: the small "corgi" document, JSON as a fallback. */
export const CORGI_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
export const FULL_ACCEPT = 'application/json';

export const CACHE_TTL = {
  keys: 24 * 60 * 60 * 1000,
  keysAbsent: 60 * 60 * 1000,
  packument: 60 * 60 * 1000,
  /** Attestations of a published version never change. */
  attestations: 7 * 24 * 60 * 60 * 1000,
} as const;

export const CACHE_KINDS = {
  keys: 'npm-registry-keys',
  packument: 'npm-packument',
  attestations: 'npm-attestations',
} as const;

export type KeysFetch = { kind: 'keys'; doc: unknown } | { kind: 'absent'; reason: string } | { kind: 'error'; reason: string };
export type PackumentFetch = { ok: true; packument: Packument; fromCache: boolean } | { ok: false; notFound: boolean; reason: string };
export type AttestationsFetch = { ok: true; doc: unknown } | { ok: false; notFound: boolean; reason: string };

export type RegistryClientOptions = JsonClientOptions;

export class NpmRegistryClient {
  private readonly json: JsonClient;

  constructor(options: RegistryClientOptions) {
    this.json = new JsonClient(options);
  }

  private get(url: string, accept: string) {
    return this.json.get(url, accept);
  }

  private once<T>(key: string, run: () => Promise<T>): Promise<T> {
    return this.json.once(key, run);
  }

  private cacheGet(kind: string, key: string): Promise<unknown> {
    return this.json.cacheGet(kind, key);
  }

  private cacheSet(kind: string, key: string, value: unknown, ttlMs: number): Promise<void> {
    return this.json.cacheSet(kind, key, value, ttlMs);
  }

  /** `/-/npm/v1/keys`. A 404 or 400 means the registry publishes no keys (mirrors, private registries). */
  keys(registry: string): Promise<KeysFetch> {
    return this.once(`keys|${registry}`, async () => {
      const cached = await this.cacheGet(CACHE_KINDS.keys, registry);
      if (cached && (field(cached, 'kind') === 'keys' || field(cached, 'kind') === 'absent')) return cached as KeysFetch;
      const answer = await this.get(resolveUrl(registry, '-/npm/v1/keys'), FULL_ACCEPT);
      if (answer.ok) {
        const result: KeysFetch = { kind: 'keys', doc: answer.json };
        await this.cacheSet(CACHE_KINDS.keys, registry, result, CACHE_TTL.keys);
        return result;
      }
      if (answer.notFound || answer.status === 400) {
        const result: KeysFetch = { kind: 'absent', reason: `${registry} publishes no signing keys (${answer.reason})` };
        await this.cacheSet(CACHE_KINDS.keys, registry, result, CACHE_TTL.keysAbsent);
        return result;
      }
      return { kind: 'error', reason: answer.reason };
    });
  }

  /**
   * The packument, abbreviated unless `full` (needed for per-version publish times). `refresh`
   * skips the cache (a version newer than the cached document).
   */
  packument(registry: string, name: string, full: boolean, refresh = false): Promise<PackumentFetch> {
    const key = `${full ? 'full' : 'corgi'}|${registry}|${name}`;
    return this.once(`packument|${key}|${refresh ? 'fresh' : 'any'}`, async () => {
      const cached = refresh ? undefined : await this.cacheGet(CACHE_KINDS.packument, key);
      if (cached !== undefined) {
        const reduced = reducePackument(cached, name);
        if (reduced.ok) return { ok: true, packument: reduced.packument, fromCache: true };
      }
      const url = resolveUrl(registry, escapedName(name));
      let answer = await this.get(url, full ? FULL_ACCEPT : CORGI_ACCEPT);
      // Like npm: a registry that rejects the abbreviated document may still serve the full one.
      if (!answer.ok && !full && (answer.status === 406 || answer.status === 415)) answer = await this.get(url, FULL_ACCEPT);
      if (!answer.ok) return { ok: false, notFound: answer.notFound, reason: answer.reason };
      const reduced = reducePackument(answer.json, name);
      if (!reduced.ok) return { ok: false, notFound: false, reason: `${url}: ${reduced.reason}` };
      await this.cacheSet(CACHE_KINDS.packument, key, reduced.packument, CACHE_TTL.packument);
      return { ok: true, packument: reduced.packument, fromCache: false };
    });
  }

  /**
   * Attestations of one version. The URL the packument gives is followed only on the registry's own
   * origin; otherwise the standard path on the registry is asked (as npm does), so metadata cannot
   * send us to another host.
   */
  attestations(registry: string, name: string, version: string, advertisedUrl: string | undefined): Promise<AttestationsFetch> {
    const url = attestationsUrl(registry, name, version, advertisedUrl);
    return this.once(`attestations|${url}`, async () => {
      const cached = await this.cacheGet(CACHE_KINDS.attestations, url);
      if (cached !== undefined) return { ok: true, doc: cached };
      const answer = await this.get(url, FULL_ACCEPT);
      if (!answer.ok) return { ok: false, notFound: answer.notFound, reason: answer.reason };
      await this.cacheSet(CACHE_KINDS.attestations, url, answer.json, CACHE_TTL.attestations);
      return { ok: true, doc: answer.json };
    });
  }
}

/** `@scope/name` → `@scope%2fname`, as registries expect; each part percent-encoded. */
export function escapedName(name: string): string {
  const scoped = /^@([^/]+)\/(.+)$/.exec(name);
  return scoped ? `@${encodeURIComponent(scoped[1]!)}%2f${encodeURIComponent(scoped[2]!)}` : encodeURIComponent(name);
}

export function attestationsUrl(registry: string, name: string, version: string, advertisedUrl: string | undefined): string {
  if (advertisedUrl) {
    try {
      const advertised = new URL(advertisedUrl);
      if (advertised.origin === new URL(registry).origin && advertised.pathname.includes('/-/npm/v1/attestations/')) return advertised.toString();
    } catch {
      // fall through to the standard path
    }
  }
  return resolveUrl(registry, `-/npm/v1/attestations/${escapedName(name)}@${encodeURIComponent(version)}`);
}

/** Joins a path under a registry base URL, keeping any path prefix the registry has. */
export function resolveUrl(registry: string, relative: string): string {
  const base = registry.endsWith('/') ? registry : `${registry}/`;
  return new URL(relative, base).toString();
}
