import type { SqlExecutor } from '../graph/sql/executor';
import type { OfflineGeneration, OsvRecordStore } from '../osv/record-store';
import type { KeyedCache } from './keyed-cache';
import type { StoredDocument } from './documents';

export type { AdvisoryToCache, CachedAdvisory, CachedPackage, ImportWriter, OfflineGeneration, OfflineLookup, PackageQueryResult } from '../osv/record-store';

/** The file at the store path was unusable: it was moved aside and a fresh store built. Report once. */
export interface StoreRecovery {
  reason: string;
  movedTo: string;
}

/** What a store holds of vulnerability data: the offline databases and the online cache. */
export interface VulnerabilityDataStatus {
  /** The file path, or the team store's URL with any password redacted. */
  path: string;
  schemaVersion: number;
  sizeBytes: number;
  offline: OfflineGeneration[];
  cache: { advisories: number; packages: number; oldestQuery?: number; newestQuery?: number };
}

export interface StoreStatus extends VulnerabilityDataStatus {
  documents: number;
  recovered?: StoreRecovery;
}

/**
 * Vulnerability data wherever it lives: the embedded store, or the team store on PostgreSQL, where
 * one `chainsight db update` serves every developer who reads it (docs/team.md).
 */
export interface VulnerabilityDataStore extends OsvRecordStore {
  offlineGenerations(): Promise<OfflineGeneration[]>;
  /** Removes retired generations and those left by killed imports; returns how many generations went. */
  cleanupOffline(): Promise<number>;
  status(): Promise<VulnerabilityDataStatus>;
  /** Whether this connection may write the cache and imports (a team store's reader role may not). */
  canWrite(): Promise<boolean>;
}

/**
 * The embedded, persistent metadata store: one SQLite file. Packages are keyed by versionless purl
 * (see purlFor), advisories by OSV id. Every method is async so a future implementation may move the
 * work off the thread; every write is one transaction.
 */
export interface MetadataStore extends VulnerabilityDataStore {
  /** Set when opening found a damaged file and rebuilt the store. */
  readonly recovered: StoreRecovery | undefined;

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
