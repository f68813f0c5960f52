import type { ProvenanceCache } from './types';

/**
 * The persistent cache with a memory in front, for one checker's life (a CLI run, or the language
 * server's provenance job): a warm check reads nothing from the store and writes nothing that did
 * not change. A store write costs milliseconds (a file lock and a commit), so re-checking hundreds
 * of packages after each edit must not rewrite their unchanged verdicts. Values read back from the
 * store are kept a short while only, so another process's newer entries are seen soon.
 */

const STORE_READ_TTL_MS = 10 * 60 * 1000;
const MAX_ENTRIES = 50_000;

interface Entry {
  json: string;
  value: unknown;
  expires: number;
}

export class MemoCache implements ProvenanceCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: ProvenanceCache | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async get(kind: string, key: string): Promise<unknown> {
    const id = `${kind}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit && hit.expires > this.now()) return hit.value;
    const value = await this.store?.get(kind, key);
    if (value !== undefined) this.remember(id, JSON.stringify(value), value, STORE_READ_TTL_MS);
    else this.entries.delete(id);
    return value;
  }

  async set(kind: string, key: string, value: unknown, ttlMs: number): Promise<void> {
    const id = `${kind}\u0000${key}`;
    const json = JSON.stringify(value);
    const hit = this.entries.get(id);
    if (hit && hit.json === json && hit.expires > this.now()) return;
    this.remember(id, json, value, ttlMs);
    await this.store?.set(kind, key, value, ttlMs);
  }

  private remember(id: string, json: string, value: unknown, ttlMs: number): void {
    this.entries.delete(id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { json, value, expires: this.now() + ttlMs });
  }
}
