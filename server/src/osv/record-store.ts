import type { OsvRecord } from './types';

/**
 * What the OSV sources need from a persistent store: the online cache and the offline databases.
 * Declared here, on the side that uses it, so that `osv/` never imports `store/`; the metadata store
 * (store/metadata-store.ts) implements it.
 */

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

/** Packages are keyed by versionless purl (osv/purl.ts), advisories by OSV id. */
export interface OsvRecordStore {
  readonly path: string;
  putAdvisories(advisories: readonly AdvisoryToCache[], fetchedAt?: number): Promise<void>;
  getAdvisories(ids: readonly string[]): Promise<Map<string, CachedAdvisory>>;
  putPackageQueries(results: readonly PackageQueryResult[], queriedAt?: number): Promise<void>;
  /** Per purl, the last query's time and its records from the cache: one batched read for a whole scan. */
  cachedRecordsFor(purls: readonly string[]): Promise<Map<string, CachedPackage>>;
  offlineRecordsFor(purls: readonly string[]): Promise<OfflineLookup>;
  beginImport(source: string): Promise<ImportWriter>;
}
