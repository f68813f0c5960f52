import { promises as fs } from 'node:fs';
import { requestJson, type HttpContext } from '../net/http-json';
import type { KeyedCache } from '../store/keyed-cache';
import { KevCatalogReader, type KevCatalog } from './catalog';

/** CISA's feed of the catalog (the JSON that https://www.cisa.gov/known-exploited-vulnerabilities-catalog offers). */
export const DEFAULT_KEV_URL = 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';

/** CISA adds entries a few times a week; a day keeps the editor current without asking often. */
export const DEFAULT_KEV_TTL_MS = 24 * 60 * 60 * 1000;

/** How long a copy is kept at all: after a year without refresh, a stale catalog is worse than none. */
const KEEP_MS = 365 * 24 * 60 * 60 * 1000;
const CACHE_KIND = 'kev-catalog';
const CACHE_KEY = 'catalog';
/** The feed is ~1.3 MB today; refuse anything absurd rather than buffer it. */
const MAX_BYTES = 32 * 1024 * 1024;

export interface KevSourceOptions {
  /** The process's connection pool and host breaker (net/http-json.ts). */
  http: HttpContext;
  /** The store's keyed cache (store/keyed-cache.ts), where the last good copy lives. */
  cache: KeyedCache;
  /** `offline`: never connect; use the copy in the cache (fetched or imported) or none. */
  mode: 'online' | 'offline';
  url?: string;
  /** How long a copy counts as fresh (default a day). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * `fresh`: fetched (or imported) within the TTL. `stale`: older, because offline or because fetching
 * failed (`error` says why). `none`: no copy at all.
 */
export interface KevStatus {
  state: 'fresh' | 'stale' | 'none';
  /** When the copy in use was fetched or imported. */
  fetchedAt?: number;
  from?: 'fetched' | 'imported';
  catalogVersion?: string;
  error?: string;
}

export interface KevLoad {
  catalog?: KevCatalog;
  status: KevStatus;
}

interface CachedCopy {
  text: string;
  fetchedAt: number;
  from: 'fetched' | 'imported';
  /** The URL or file it came from. */
  origin: string;
}

/**
 * The Known Exploited Vulnerabilities catalog, fetched with a cache and importable for machines
 * without a connection. A copy is only ever replaced by one that parses and validates against
 * CISA's schema; a failed fetch keeps serving the last good copy, marked stale.
 */
export class KevSource {
  private readonly reader = new KevCatalogReader();
  /** The last copy parsed, so each scan neither reads nor parses 1.3 MB again. */
  private parsed: { copy: Omit<CachedCopy, 'text'>; catalog: KevCatalog } | undefined;

  constructor(private readonly options: KevSourceOptions) {}

  async load(signal?: AbortSignal): Promise<KevLoad> {
    const now = this.now();
    const ttl = this.options.ttlMs ?? DEFAULT_KEV_TTL_MS;
    if (this.parsed && now - this.parsed.copy.fetchedAt < ttl) return { catalog: this.parsed.catalog, status: status(this.parsed.copy, 'fresh', this.parsed.catalog) };
    const cached = await this.cached();
    const fresh = cached !== undefined && now - cached.fetchedAt < ttl;
    if (fresh || this.options.mode === 'offline') return this.serve(cached, fresh ? 'fresh' : 'stale');
    const url = this.options.url ?? DEFAULT_KEV_URL;
    const response = await requestJson(this.options.http, { url, maxBytes: MAX_BYTES, ...(signal ? { signal } : {}) });
    if (!response.ok) return this.serve(cached, 'stale', response.error.message);
    const parsed = this.reader.parse(response.value.text, `the KEV catalog from ${url}`);
    if (!parsed.ok) return this.serve(cached, 'stale', parsed.error);
    const copy: CachedCopy = { text: response.value.text, fetchedAt: now, from: 'fetched', origin: url };
    await this.options.cache.set(CACHE_KIND, CACHE_KEY, copy, KEEP_MS);
    this.parsed = { copy: { fetchedAt: now, from: 'fetched', origin: url }, catalog: parsed.catalog };
    return { catalog: parsed.catalog, status: status(copy, 'fresh', parsed.catalog) };
  }

  /** Imports a catalog file (for offline machines); it replaces the cached copy only when it validates. */
  async importFile(file: string): Promise<{ ok: true; catalog: KevCatalog } | { ok: false; error: string }> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      return { ok: false, error: `could not read ${file}: ${(err as Error).message}` };
    }
    const parsed = this.reader.parse(text, file);
    if (!parsed.ok) return parsed;
    const now = this.now();
    await this.options.cache.set(CACHE_KIND, CACHE_KEY, { text, fetchedAt: now, from: 'imported', origin: file } satisfies CachedCopy, KEEP_MS);
    this.parsed = { copy: { fetchedAt: now, from: 'imported', origin: file }, catalog: parsed.catalog };
    return parsed;
  }

  private serve(copy: CachedCopy | undefined, state: 'fresh' | 'stale', error?: string): KevLoad {
    if (!copy) return { status: { state: 'none', ...(error ? { error } : {}) } };
    let catalog = this.parsed?.copy.fetchedAt === copy.fetchedAt ? this.parsed.catalog : undefined;
    if (!catalog) {
      const parsed = this.reader.parse(copy.text, `the cached KEV catalog from ${copy.origin}`);
      if (!parsed.ok) return { status: { state: 'none', error: error ?? parsed.error } };
      catalog = parsed.catalog;
      this.parsed = { copy: { fetchedAt: copy.fetchedAt, from: copy.from, origin: copy.origin }, catalog };
    }
    return { catalog, status: { ...status(copy, state, catalog), ...(error ? { error } : {}) } };
  }

  private async cached(): Promise<CachedCopy | undefined> {
    const value = (await this.options.cache.get(CACHE_KIND, CACHE_KEY)) as Partial<CachedCopy> | undefined;
    if (!value || typeof value.text !== 'string' || typeof value.fetchedAt !== 'number') return undefined;
    return { text: value.text, fetchedAt: value.fetchedAt, from: value.from === 'imported' ? 'imported' : 'fetched', origin: String(value.origin ?? '') };
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function status(copy: Omit<CachedCopy, 'text'>, state: 'fresh' | 'stale', catalog: KevCatalog): KevStatus {
  return { state, fetchedAt: copy.fetchedAt, from: copy.from, catalogVersion: catalog.catalogVersion };
}
