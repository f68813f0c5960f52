import type { SqlExecutor } from '../graph/sql/executor';
import type { OsvRecord } from '../osv/types';
import type { KeyedCache } from './keyed-cache';
import type { StoredDocument } from './documents';

/** The file at the store path was unusable: it was moved aside and a fresh store built. Report once. */
export interface StoreRecovery {
  reason: string;
  movedTo: string;
}

export interface AdvisoryToCache {
  record: OsvRecord;
  /** The JSON as received; defaults to JSON.stringify(record). */
  json?: string;
}

export interface CachedAdvisory {
  record: OsvRecord;
  modified: string;
  fetchedAt: number;
}

/** What the online cache knows about one package. */
export interface CachedPackage {
  queriedAt: number;
  /** Records the last query named that are in the cache at the modified time the query reported. */
  records: OsvRecord[];
  /** Ids the last query named whose record is missing, or cached at another modified time. */
  missing: Array<{ id: string; modified: string }>;
}

export interface PackageQueryResult {
  purl: string;
  advisories: Array<{ id: string; modified: string }>;
}

/** An active offline database for one ecosystem. */
export interface OfflineGeneration {
  id: number;
  ecosystem: string;
  source: string;
  importedAt: number;
  records: number;
  malformed: number;
}

export interface OfflineLookup {
  /** Records per purl, from the active generations only. */
  records: Map<string, OsvRecord[]>;
  generations: OfflineGeneration[];
}

/** Writes one offline import as a new generation; readers see nothing of it until commit(). */
export interface ImportWriter {
  readonly generation: number;
  /** Stores a batch in one transaction. */
  add(records: readonly OsvRecord[]): Promise<{ inserted: number; duplicates: number }>;
  /** Swaps this generation in for `ecosystem` in one small transaction, then removes the old one. */
  commit(ecosystem: string, counts: { records: number; malformed: number }): Promise<void>;
  /** Gives up: the partial generation is removed. */
  abandon(): Promise<void>;
  /** Lets other processes at the store between batches of a long import. */
  yieldLock(): Promise<void>;
}

export interface StoreStatus {
  path: string;
  schemaVersion: number;
  sizeBytes: number;
  offline: OfflineGeneration[];
  cache: { advisories: number; packages: number; oldestQuery?: number; newestQuery?: number };
  documents: number;
  recovered?: StoreRecovery;
}

/**
 * The embedded, persistent metadata store: one SQLite file. Packages are keyed by versionless purl
 * (see purlFor), advisories by OSV id. Every method is async so a future implementation may move the
 * work off the thread; every write is one transaction.
 */
export interface MetadataStore {
  readonly path: string;
  /** Set when opening found a damaged file and rebuilt the store. */
  readonly recovered: StoreRecovery | undefined;

  putAdvisories(advisories: readonly AdvisoryToCache[], fetchedAt?: number): Promise<void>;
  getAdvisories(ids: readonly string[]): Promise<Map<string, CachedAdvisory>>;
  putPackageQueries(results: readonly PackageQueryResult[], queriedAt?: number): Promise<void>;
  /** Per purl, the last query's time and its records from the cache: one batched read for a whole scan. */
  cachedRecordsFor(purls: readonly string[]): Promise<Map<string, CachedPackage>>;

  offlineRecordsFor(purls: readonly string[]): Promise<OfflineLookup>;
  offlineGenerations(): Promise<OfflineGeneration[]>;
  beginImport(source: string): Promise<ImportWriter>;
  /** Removes retired generations and those left by killed imports; returns how many generations went. */
  cleanupOffline(): Promise<number>;

  getCached(kind: string, key: string): Promise<unknown | undefined>;
  putCached(kind: string, key: string, value: unknown, ttlMs: number): Promise<void>;
  /** The `{ get, set }` shape the provenance and registry code take. */
  keyedCache(): KeyedCache;

  putDocument(kind: string, name: string, json: unknown): Promise<void>;
  getDocument(kind: string, name: string): Promise<StoredDocument | undefined>;
  listDocuments(kind?: string): Promise<Array<{ kind: string; name: string; storedAt: number }>>;
  deleteDocument(kind: string, name: string): Promise<boolean>;

  status(): Promise<StoreStatus>;
  /** The same database as a portable SQL executor, for the aggregated graph (graph/). */
  sqlExecutor(): SqlExecutor;
  /** Between the steps of a long job: if another process asked for the file lock, let it have a turn. */
  yieldLock(): Promise<void>;
  /** Releases the file lock now; the next call takes it again. */
  release(): Promise<void>;
  close(): Promise<void>;
}
