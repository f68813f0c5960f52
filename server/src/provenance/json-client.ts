import { requestJson, type HttpContext } from '../net/http-json';
import type { Limiter } from './limit';
import type { ProvenanceCache } from './types';

/**
 * What every registry client of the provenance engine shares: GETs of JSON in the session's
 * concurrency limit and deadline, identical requests in flight shared, and a store-backed cache
 * that may fail without consequence. Nothing throws: every call answers an outcome.
 */

export interface JsonClientOptions {
  http: HttpContext;
  limit: Limiter;
  timeoutMs: number;
  signal?: AbortSignal;
  cache?: ProvenanceCache;
}

export type JsonAnswer = { ok: true; json: unknown } | { ok: false; notFound: boolean; status?: number; reason: string };

export class JsonClient {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly options: JsonClientOptions) {}

  /** One GET, in the session's concurrency limit. Cancellation becomes an outcome, like every other failure. */
  get(url: string, accept: string): Promise<JsonAnswer> {
    const { http, timeoutMs, signal, limit } = this.options;
    return limit(async () => {
      try {
        const answer = await requestJson(http, { url, accept, deadlineMs: timeoutMs, ...(signal ? { signal } : {}) });
        if (answer.ok) return { ok: true, json: answer.value.value };
        const status = answer.error.status;
        return { ok: false, notFound: status === 404 || status === 410, ...(status !== undefined ? { status } : {}), reason: answer.error.message };
      } catch {
        return { ok: false, notFound: false, reason: `request to ${url} was cancelled` };
      }
    });
  }

  once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing as Promise<T>;
    const pending = run();
    this.inFlight.set(key, pending);
    return pending;
  }

  async cacheGet(kind: string, key: string): Promise<unknown> {
    try {
      return await this.options.cache?.get(kind, key);
    } catch {
      return undefined;
    }
  }

  async cacheSet(kind: string, key: string, value: unknown, ttlMs: number): Promise<void> {
    try {
      await this.options.cache?.set(kind, key, value, ttlMs);
    } catch {
      // A cache that cannot write costs a refetch later, not a wrong answer now.
    }
  }
}
