import * as path from 'node:path';
import type { OsvRecordStore } from './record-store';
import { ecosystemsNamedBy } from './record-keys';
import { EcosystemTally, planImports } from './offline-ecosystem';
import { ArchiveRefused, parseRecord, readRecordFiles, type ArchiveLimits, type RecordFile } from './record-files';
import type { OsvRecord } from './types';

export interface ImportProgress {
  phase: 'import';
  ecosystem?: string;
  source: string;
  /** Records stored so far (committed). */
  records: number;
  malformed: number;
}

export interface ImportOptions {
  /** Label for the generation; default from the path, else the records' most common ecosystem. */
  ecosystem?: string;
  /** Awaited: a slow callback slows the import rather than piling up. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  signal?: AbortSignal;
  /** Records per transaction (default 2,000). */
  batchSize?: number;
  /** Caps on what the export may expand to; past them it is refused whole (DEFAULT_ARCHIVE_LIMITS). */
  limits?: Partial<ArchiveLimits>;
}

export interface ImportResult {
  ecosystem: string;
  source: string;
  /** Set when the import failed as a whole (unreadable zip): nothing was swapped in. */
  error?: string;
  records: number;
  malformed: number;
  duplicates: number;
  /** The first few malformed-record messages, for the user. */
  problems: string[];
}

const KEPT_PROBLEMS = 20;

/**
 * Imports an OSV export (a folder or an `all.zip`, or a folder of those per ecosystem) as new
 * generations, each swapped in only when complete. Malformed records are counted, reported and skipped.
 * Resolves with one result per ecosystem; rejects only when cancelled.
 */
export async function importOfflineDatabase(store: OsvRecordStore, fileOrDir: string, options: ImportOptions = {}): Promise<ImportResult[]> {
  let plan;
  try {
    plan = await planImports(fileOrDir);
  } catch (err) {
    return [failedResult(options.ecosystem ?? '', fileOrDir, `cannot read ${fileOrDir}: ${(err as Error).message}`)];
  }
  const results: ImportResult[] = [];
  for (const part of plan) {
    const ecosystem = plan.length === 1 ? (options.ecosystem ?? part.ecosystem) : part.ecosystem;
    const files = readRecordFiles(part.location, { ...(options.signal ? { signal: options.signal } : {}), ...(options.limits ? { limits: options.limits } : {}) });
    results.push(await importRecordFiles(store, files, path.resolve(part.location), { ...options, ...(ecosystem ? { ecosystem } : {}) }));
  }
  return results;
}

/** Imports a stream of record files as one generation. The building block for files, zips and tests. */
export async function importRecordFiles(store: OsvRecordStore, files: AsyncIterable<RecordFile>, source: string, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = Math.max(1, options.batchSize ?? 2_000);
  let writer;
  try {
    writer = await store.beginImport(source);
  } catch (err) {
    return failedResult(options.ecosystem ?? '', source, `cannot write the store: ${(err as Error).message}`);
  }
  const tally = new EcosystemTally();
  const problems: string[] = [];
  let records = 0;
  let malformed = 0;
  let duplicates = 0;
  let batch: OsvRecord[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const written = await writer.add(batch);
    records += written.inserted;
    duplicates += written.duplicates;
    batch = [];
    await options.onProgress?.({ phase: 'import', ...(options.ecosystem ? { ecosystem: options.ecosystem } : {}), source, records, malformed });
    await writer.yieldLock();
  };
  try {
    for await (const file of files) {
      options.signal?.throwIfAborted();
      const parsed = parseRecord(file);
      if ('error' in parsed) {
        malformed++;
        if (problems.length < KEPT_PROBLEMS) problems.push(parsed.error);
        continue;
      }
      tally.add(ecosystemsNamedBy(parsed.record));
      batch.push(parsed.record);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    options.signal?.throwIfAborted();
  } catch (err) {
    await writer.abandon().catch(() => undefined);
    if (options.signal?.aborted) throw options.signal.reason;
    const why = err instanceof ArchiveRefused ? err.message : `import of ${source} failed: ${(err as Error).message}`;
    return { ...failedResult(options.ecosystem ?? '', source, why), records, malformed, duplicates, problems };
  }
  const ecosystem = options.ecosystem ?? tally.mostCommon() ?? 'unknown';
  if (records === 0) {
    // An empty or wholly broken export must not replace data that worked.
    await writer.abandon().catch(() => undefined);
    return { ...failedResult(ecosystem, source, `${source} holds no usable OSV record; the previous data is kept`), malformed, duplicates, problems };
  }
  try {
    await writer.commit(ecosystem, { records, malformed });
  } catch (err) {
    await writer.abandon().catch(() => undefined);
    return { ...failedResult(ecosystem, source, `cannot swap in ${source}: ${(err as Error).message}`), records, malformed, duplicates, problems };
  }
  return { ecosystem, source, records, malformed, duplicates, problems };
}

function failedResult(ecosystem: string, source: string, error: string): ImportResult {
  return { ecosystem, source, error, records: 0, malformed: 0, duplicates: 0, problems: [] };
}
