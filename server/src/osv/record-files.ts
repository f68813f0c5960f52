import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import type { OsvRecord } from './types';

/** One record file read from a folder or zip, still unparsed: callers decide what to do with bad JSON. */
export interface RecordFile {
  /** `<folder or zip>/<entry>` for messages. */
  origin: string;
  text: string;
}

/**
 * Streams the `*.json` record files of an OSV export: a folder (searched recursively, the layout of
 * osv.dev's per-ecosystem folders) or a zip shaped like `{ecosystem}/all.zip`. The zip is read entry by
 * entry, so a 1 GB export never sits in memory.
 */
export async function* readRecordFiles(location: string, signal?: AbortSignal): AsyncGenerator<RecordFile> {
  const stat = await fs.stat(location);
  if (stat.isDirectory()) yield* readFolder(location, signal);
  else yield* readZip(location, signal);
}

async function* readFolder(folder: string, signal?: AbortSignal): AsyncGenerator<RecordFile> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    signal?.throwIfAborted();
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* readFolder(full, signal);
    else if (entry.isFile() && entry.name.endsWith('.json')) yield { origin: full, text: await fs.readFile(full, 'utf8') };
    else if (entry.isFile() && entry.name.endsWith('.zip')) yield* readZip(full, signal);
  }
}

async function* readZip(zipPath: string, signal?: AbortSignal): AsyncGenerator<RecordFile> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: true });
  try {
    // yauzl is callback-driven: pull one entry at a time so back-pressure is the consumer's pace.
    for (;;) {
      signal?.throwIfAborted();
      const entry = await nextEntry(zip);
      if (!entry) return;
      if (entry.fileName.endsWith('/') || !entry.fileName.endsWith('.json')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      yield { origin: `${zipPath}!${entry.fileName}`, text: Buffer.concat(chunks).toString('utf8') };
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      cleanup();
      resolve(entry);
    };
    const onEnd = () => {
      cleanup();
      resolve(undefined);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
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
