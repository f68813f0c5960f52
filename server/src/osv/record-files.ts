import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { OsvRecord } from './types';
import { commonJsExports } from '../core/commonjs-module';

/** One record file read from a folder or zip, still unparsed: callers decide what to do with bad JSON. */
export interface RecordFile {
  /** `<folder or zip>/<entry>` for messages. */
  origin: string;
  text: string;
}

/**
 * How much an OSV export may expand to. A record is a few kB (the largest seen, ~100 kB), an
 * ecosystem's export a few hundred MB: anything beyond is refused before it is read into memory, so a
 * zip bomb (1.5 MB holding a 1.5 GiB entry) costs nothing. The CLI reads overrides from
 * CHAINSIGHT_ARCHIVE_MAX_ENTRY_MB and CHAINSIGHT_ARCHIVE_MAX_TOTAL_MB.
 */
export interface ArchiveLimits {
  /** Largest record file or zip entry, decompressed (default 16 MiB). */
  maxEntryBytes: number;
  /** Largest total of everything read from one location, decompressed (default 2 GiB). */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntryBytes: 16 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 * 1024 };

/** An export refused as a whole because it expands past a limit. */
export class ArchiveRefused extends Error {
  override readonly name = 'ArchiveRefused';
}

export interface ReadRecordOptions {
  signal?: AbortSignal;
  limits?: Partial<ArchiveLimits>;
}

/**
 * Streams the `*.json` record files of an OSV export: a folder (searched recursively, the layout of
 * osv.dev's per-ecosystem folders) or a zip shaped like `{ecosystem}/all.zip`. The zip is read entry by
 * entry, so a 1 GB export never sits in memory; an entry or a total past the limits rejects with
 * ArchiveRefused before the bytes past the limit are read.
 */
export async function* readRecordFiles(location: string, options: ReadRecordOptions | AbortSignal = {}): AsyncGenerator<RecordFile> {
  const { signal, limits } = options instanceof AbortSignal ? { signal: options, limits: undefined } : options;
  const budget = new Budget({ ...DEFAULT_ARCHIVE_LIMITS, ...limits }, location);
  const stat = await fs.stat(location);
  if (stat.isDirectory()) yield* readFolder(location, budget, signal);
  else yield* readZip(location, budget, signal);
}

/** Counts what one location expands to. */
class Budget {
  private total = 0;

  constructor(
    readonly limits: ArchiveLimits,
    private readonly location: string,
  ) {}

  /** Before reading: refuses a file or entry that says it is too large. */
  declare(origin: string, bytes: number): void {
    if (bytes > this.limits.maxEntryBytes) throw new ArchiveRefused(`${origin} expands to ${mib(bytes)}, over the ${mib(this.limits.maxEntryBytes)} limit for one record file: ${this.location} is refused`);
    if (this.total + bytes > this.limits.maxTotalBytes) this.refuseTotal();
  }

  /** While reading: counts bytes as they arrive, whatever the headers said. */
  take(origin: string, entryBytes: number, chunk: number): void {
    this.total += chunk;
    if (entryBytes > this.limits.maxEntryBytes) throw new ArchiveRefused(`${origin} expands past the ${mib(this.limits.maxEntryBytes)} limit for one record file: ${this.location} is refused`);
    if (this.total > this.limits.maxTotalBytes) this.refuseTotal();
  }

  private refuseTotal(): never {
    throw new ArchiveRefused(`${this.location} expands past the ${mib(this.limits.maxTotalBytes)} limit for one OSV export and is refused`);
  }
}

async function* readFolder(folder: string, budget: Budget, signal?: AbortSignal): AsyncGenerator<RecordFile> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    signal?.throwIfAborted();
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* readFolder(full, budget, signal);
    else if (entry.isFile() && entry.name.endsWith('.json')) {
      const { size } = await fs.stat(full);
      budget.declare(full, size);
      budget.take(full, size, size);
      yield { origin: full, text: await fs.readFile(full, 'utf8') };
    } else if (entry.isFile() && entry.name.endsWith('.zip')) yield* readZip(full, budget, signal);
  }
}

async function* readZip(zipPath: string, budget: Budget, signal?: AbortSignal): AsyncGenerator<RecordFile> {
  // Loaded here: a scan of a folder, or of the store, never needs the zip reader.
  const yauzl = commonJsExports(await import('yauzl'));
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: true });
  try {
    // Pulled one entry at a time, so back-pressure is the consumer's pace.
    for await (const entry of zip.eachEntry()) {
      signal?.throwIfAborted();
      if (entry.fileName.endsWith('/') || !entry.fileName.endsWith('.json')) continue;
      const origin = `${zipPath}!${entry.fileName}`;
      budget.declare(origin, entry.uncompressedSize);
      const stream = await zip.openReadStreamPromise(entry);
      yield { origin, text: await readCapped(stream, origin, budget) };
    }
  } finally {
    zip.close();
  }
}

async function readCapped(stream: Readable, origin: string, budget: Budget): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      budget.take(origin, size, (chunk as Buffer).length);
      chunks.push(chunk as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${bytes} bytes`;
}

/**
 * Parses one record file. Returns an error message instead of throwing, so one bad file in an
 * export is reported and skipped rather than losing the rest.
 */
export function parseRecord(file: RecordFile): { record: OsvRecord } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (err) {
    return { error: `${file.origin}: not valid JSON (${(err as Error).message})` };
  }
  const problem = recordProblem(value);
  if (problem) return { error: `${file.origin}: ${problem}` };
  return { record: value as OsvRecord };
}

/** The first reason this value is not a usable OSV record, or undefined when it is one. */
export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an OSV record (expected a JSON object)';
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string' || record.id === '') return 'not an OSV record (no "id")';
  if (record.affected !== undefined && !Array.isArray(record.affected)) return `${record.id}: "affected" is not an array`;
  for (const affected of (record.affected as unknown[] | undefined) ?? []) {
    if (typeof affected !== 'object' || affected === null) return `${record.id}: an "affected" entry is not an object`;
    const ranges = (affected as Record<string, unknown>).ranges;
    if (ranges !== undefined && !Array.isArray(ranges)) return `${record.id}: "ranges" is not an array`;
    for (const range of (ranges as unknown[] | undefined) ?? []) {
      const events = (range as Record<string, unknown> | null)?.events;
      if (!Array.isArray(events)) return `${record.id}: a range has no "events" array`;
    }
    const versions = (affected as Record<string, unknown>).versions;
    if (versions !== undefined && !Array.isArray(versions)) return `${record.id}: "versions" is not an array`;
  }
  return undefined;
}
