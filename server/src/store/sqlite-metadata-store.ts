import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import type { OsvRecord } from '../osv/types';
import { cacheCounts, forEachAdvisoryJson, getAdvisoryVersions, getPackageQueryRows, putAdvisoryRows, putPackageQueryRows } from './advisory-cache';
import type { StoreConnection } from './connection';
import type { Database } from './sqlite';
import { deleteDocumentRow, getDocumentRow, listDocumentRows, putDocumentRow } from './documents';
import { getCacheEntry, putCacheEntry, type KeyedCache } from './keyed-cache';
import type {
  AdvisoryToCache,
  CachedAdvisory,
  CachedPackage,
  ImportWriter,
  MetadataStore,
  OfflineGeneration,
  OfflineLookup,
  PackageQueryResult,
  StoreRecovery,
  StoreStatus,
} from './metadata-store';
import { schemaVersion } from './migrations';
import { activateGeneration, activeOfflineRefs, deleteGenerationRows, forEachOfflineRecord, insertOfflineRecords, listGenerations, retireGeneration, startGeneration, type GenerationRow } from './offline-data';
import { activeGenerations, offlineLookup } from './offline-generations';
import { parseStoredRecord, purlsNamedBy } from '../osv/record-keys';
import { isAlive } from './store-lock';
import { LruCache } from './lru-cache';
import { sqliteExecutor } from './sqlite-executor';
import type { SqlExecutor } from '../graph/sql/executor';

/** Rows deleted per transaction when dropping an old generation. */
const CLEANUP_BATCH = 20_000;

export class SqliteMetadataStore implements MetadataStore {
  /** Parsed offline records by rid; rids are never reused (AUTOINCREMENT), so entries never go stale. */
  private readonly recordCache: LruCache<number, OsvRecord>;
  /** Parsed cached advisories by id, checked against the stored modified time before use. */
  private readonly advisoryCache: LruCache<string, CachedAdvisory>;

  constructor(
    private readonly conn: StoreConnection,
    readonly recovered: StoreRecovery | undefined,
    private readonly now: () => number,
    recordCacheEntries = 10_000,
  ) {
    this.recordCache = new LruCache(recordCacheEntries);
    this.advisoryCache = new LruCache(recordCacheEntries);
  }

  get path(): string {
    return this.conn.path;
  }

  async putAdvisories(advisories: readonly AdvisoryToCache[], fetchedAt = this.now()): Promise<void> {
    if (advisories.length === 0) return;
    const rows = advisories.map(({ record, json }) => ({ id: record.id, modified: String(record.modified ?? ''), json: json ?? JSON.stringify(record), fetchedAt }));
    await this.conn.write((db) => putAdvisoryRows(db, rows));
    for (const { record } of advisories) this.advisoryCache.set(record.id, { record, modified: String(record.modified ?? ''), fetchedAt });
  }

  async getAdvisories(ids: readonly string[]): Promise<Map<string, CachedAdvisory>> {
    return this.conn.read((db) => this.loadAdvisories(db, ids));
  }

  /**
   * Cached advisories by id: the index says which exist and at what modified time; only those not
   * already parsed in memory at that time have their JSON read.
   */
  private loadAdvisories(db: Database, ids: readonly string[]): Map<string, CachedAdvisory> {
    const out = new Map<string, CachedAdvisory>();
    const missing: string[] = [];
    const versions = getAdvisoryVersions(db, ids);
    for (const [id, version] of versions) {
      const held = this.advisoryCache.get(id);
      if (held && held.modified === version.modified) out.set(id, { ...held, fetchedAt: version.fetchedAt });
      else missing.push(id);
    }
    forEachAdvisoryJson(db, missing, (id, json) => {
      const record = parseStoredRecord(json);
      if (!record) return;
      const version = versions.get(id);
      const entry = { record, modified: version?.modified ?? String(record.modified ?? ''), fetchedAt: version?.fetchedAt ?? 0 };
      out.set(id, entry);
      this.advisoryCache.set(id, entry);
    });
    return out;
  }

  async putPackageQueries(results: readonly PackageQueryResult[], queriedAt = this.now()): Promise<void> {
    if (results.length === 0) return;
    await this.conn.write((db) => putPackageQueryRows(db, results.map((r) => ({ ...r, queriedAt }))));
  }

  async cachedRecordsFor(purls: readonly string[]): Promise<Map<string, CachedPackage>> {
    const { queries, advisories } = await this.conn.read((db) => {
      const queries = getPackageQueryRows(db, purls);
      const ids = [...queries.values()].flatMap((q) => q.advisories.map((a) => a.id));
      return { queries, advisories: this.loadAdvisories(db, ids) };
    });
    const out = new Map<string, CachedPackage>();
    for (const query of queries.values()) {
      const entry: CachedPackage = { queriedAt: query.queriedAt, records: [], missing: [] };
      for (const wanted of query.advisories) {
        const held = advisories.get(wanted.id);
        if (held && held.modified === wanted.modified) entry.records.push(held.record);
        else entry.missing.push(wanted);
      }
      out.set(query.purl, entry);
    }
    return out;
  }

  async offlineRecordsFor(purls: readonly string[]): Promise<OfflineLookup> {
    // This call's records, kept apart from the LRU so a scan larger than the cache still gets them all.
    const found = new Map<number, OsvRecord>();
    const { refs, generations } = await this.conn.read((db) => {
      const refs = activeOfflineRefs(db, purls);
      // Only records not already parsed in memory are read: a rescan is index look-ups only.
      const missing: number[] = [];
      for (const { rid } of refs) {
        if (found.has(rid)) continue;
        const cached = this.recordCache.get(rid);
        if (cached) found.set(rid, cached);
        else missing.push(rid);
      }
      forEachOfflineRecord(db, [...new Set(missing)], (rid, json) => {
        const record = parseStoredRecord(json);
        if (!record) return;
        found.set(rid, record);
        this.recordCache.set(rid, record);
      });
      return { refs, generations: listGenerations(db) };
    });
    return offlineLookup(refs, found, generations);
  }

  async offlineGenerations(): Promise<OfflineGeneration[]> {
    const rows = await this.conn.read((db) => listGenerations(db));
    return activeGenerations(rows);
  }

  async beginImport(source: string): Promise<ImportWriter> {
    await this.cleanupOffline();
    const owner = `${os.hostname()}:${process.pid}`;
    const gen = await this.conn.write((db) => startGeneration(db, '', source, owner, this.now()));
    return new SqliteImportWriter(this.conn, gen, this.now, () => this.cleanupOffline());
  }

  async cleanupOffline(): Promise<number> {
    const doomed = (await this.conn.read((db) => listGenerations(db))).filter((g) => g.state === 'retired' || (g.state === 'importing' && ownerIsGone(g)));
    for (const gen of doomed) {
      while ((await this.conn.write((db) => deleteGenerationRows(db, gen.id, CLEANUP_BATCH))) > 0) {
        // Each batch is its own transaction; yield so a scan is not kept waiting behind a long cleanup.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return doomed.length;
  }

  async getCached(kind: string, key: string): Promise<unknown | undefined> {
    return this.conn.read((db) => getCacheEntry(db, kind, key, this.now()));
  }

  async putCached(kind: string, key: string, value: unknown, ttlMs: number): Promise<void> {
    await this.conn.write((db) => putCacheEntry(db, kind, key, value, ttlMs, this.now()));
  }

  keyedCache(): KeyedCache {
    return { get: (kind, key) => this.getCached(kind, key), set: (kind, key, value, ttlMs) => this.putCached(kind, key, value, ttlMs) };
  }

  async putDocument(kind: string, name: string, json: unknown): Promise<void> {
    await this.conn.write((db) => putDocumentRow(db, kind, name, json, this.now()));
  }

  async getDocument(kind: string, name: string) {
    return this.conn.read((db) => getDocumentRow(db, kind, name));
  }

  async listDocuments(kind?: string) {
    return this.conn.read((db) => listDocumentRows(db, kind));
  }

  async deleteDocument(kind: string, name: string): Promise<boolean> {
    return this.conn.write((db) => deleteDocumentRow(db, kind, name));
  }

  async status(): Promise<StoreStatus> {
    const { version, generations, cache, documents } = await this.conn.read((db) => ({
      version: schemaVersion(db),
      generations: listGenerations(db),
      cache: cacheCounts(db),
      documents: Number(db.get('SELECT count(*) AS n FROM documents')?.n ?? 0),
    }));
    const sizeBytes = await fileSize(this.path);
    return {
      path: this.path,
      schemaVersion: version,
      sizeBytes,
      offline: activeGenerations(generations),
      cache,
      documents,
      ...(this.recovered ? { recovered: this.recovered } : {}),
    };
  }

  yieldLock(): Promise<void> {
    return this.conn.yieldIfWanted();
  }

  /** The user's own file: always writable (a read-only file fails loudly on the first write instead). */
  async canWrite(): Promise<boolean> {
    return true;
  }

  sqlExecutor(): SqlExecutor {
    return sqliteExecutor(this.conn);
  }

  release(): Promise<void> {
    return this.conn.release();
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

class SqliteImportWriter implements ImportWriter {
  private done = false;

  constructor(
    private readonly conn: StoreConnection,
    readonly generation: number,
    private readonly now: () => number,
    private readonly cleanup: () => Promise<number>,
  ) {}

  async add(records: readonly OsvRecord[]): Promise<{ inserted: number; duplicates: number }> {
    if (this.done) throw new Error('this import is already finished');
    const rows = records.map((record) => ({ id: record.id, modified: String(record.modified ?? ''), json: JSON.stringify(record), purls: purlsNamedBy(record) }));
    return this.conn.write((db) => insertOfflineRecords(db, this.generation, rows));
  }

  async commit(ecosystem: string, counts: { records: number; malformed: number }): Promise<void> {
    if (this.done) throw new Error('this import is already finished');
    this.done = true;
    await this.conn.write((db) => activateGeneration(db, this.generation, ecosystem, counts, this.now()));
    await this.cleanup();
  }

  async abandon(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.conn.write((db) => retireGeneration(db, this.generation));
    await this.cleanup();
  }

  yieldLock(): Promise<void> {
    return this.conn.yieldIfWanted();
  }
}

/** An import whose process is gone will never finish: its rows are garbage. */
function ownerIsGone(g: GenerationRow): boolean {
  const [host, pid] = splitOwner(g.owner);
  if (host !== os.hostname() || pid === undefined) return false;
  return pid !== process.pid && !isAlive(pid);
}

function splitOwner(owner: string): [string, number | undefined] {
  const at = owner.lastIndexOf(':');
  const pid = Number(owner.slice(at + 1));
  return [owner.slice(0, at), Number.isInteger(pid) ? pid : undefined];
}

async function fileSize(file: string): Promise<number> {
  let total = 0;
  for (const f of [file, `${file}-wal`]) total += await fs.stat(f).then((s) => s.size, () => 0);
  return total;
}
