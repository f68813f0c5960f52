import type { Database } from './sqlite';

/**
 * The shape other engine parts (registry metadata, provenance results) cache through, so they never
 * depend on the store itself. `ttlMs` is how long a value stays fresh; expired values read as missing.
 */
export interface KeyedCache {
  get(kind: string, key: string): Promise<unknown | undefined>;
  set(kind: string, key: string, value: unknown, ttlMs: number): Promise<void>;
}

export function getCacheEntry(db: Database, kind: string, key: string, now: number): unknown | undefined {
  const row = db.get('SELECT value, expires_at FROM cache_entries WHERE kind = ? AND key = ?', [kind, key]);
  if (!row || Number(row.expires_at) <= now) return undefined;
  try {
    return JSON.parse(String(row.value)) as unknown;
  } catch {
    return undefined;
  }
}

export function putCacheEntry(db: Database, kind: string, key: string, value: unknown, ttlMs: number, now: number): void {
  const text = JSON.stringify(value ?? null);
  const expires = Number.isFinite(ttlMs) ? now + Math.max(0, ttlMs) : Number.MAX_SAFE_INTEGER;
  db.run('INSERT OR REPLACE INTO cache_entries (kind, key, value, stored_at, expires_at) VALUES (?, ?, ?, ?, ?)', [kind, key, text, now, expires]);
}

/** Drops expired entries; returns how many. */
export function pruneCacheEntries(db: Database, now: number): number {
  return db.run('DELETE FROM cache_entries WHERE expires_at <= ?', [now]).changes;
}
