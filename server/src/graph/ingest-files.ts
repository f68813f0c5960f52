import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { ParseError } from '../core/package';
import type { DocumentReadResult } from '../documents/types';
import type { IngestResult, SupplyChainGraph } from './graph-store';

/**
 * Reads a file's documents into their normalised shape (documents/: one for a JSON document, one per
 * line for JSON Lines), or says where each is malformed.
 */
export type ReadDocument = (fileName: string, bytes: Uint8Array) => DocumentReadResult[] | Promise<DocumentReadResult[]>;

export interface IngestFileResult {
  file: string;
  /** Which document of the file (JSON Lines: its line's place, from 1), when it holds several. */
  index?: number;
  status: IngestResult['status'] | 'error';
  kind?: IngestResult['kind'];
  format?: string;
  digest?: string;
  counts?: IngestResult['counts'];
  errors: ParseError[];
  warnings: ParseError[];
}

export interface IngestFilesOptions {
  /** Larger files are refused unread (default 64 MiB). */
  maxBytes?: number;
  onFile?: (result: IngestFileResult) => void;
  /** Awaited between documents: lets another process at the store during a long ingest. */
  between?: () => Promise<void>;
}

/** In folders, the files that may hold documents; a file named on its own is always read. */
const DOCUMENT_FILE = /\.(?:json|jsonl|xml|spdx|cdx|sigstore|intoto|bundle)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
const TOP: ParseError['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Ingests files and folders (recursively): each document in its own transaction, so a malformed or
 * failing one stores nothing of itself and never stops the others. Results come in path order.
 */
export async function ingestPaths(graph: SupplyChainGraph, paths: readonly string[], read: ReadDocument, options: IngestFilesOptions = {}): Promise<IngestFileResult[]> {
  const results: IngestFileResult[] = [];
  const report = (result: IngestFileResult) => {
    results.push(result);
    options.onFile?.(result);
  };
  for (const path of paths) {
    let files: string[];
    try {
      files = await documentFiles(path);
    } catch (err) {
      report(failure(path, `cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`));
      continue;
    }
    for (const file of files) {
      for (const result of await ingestFile(graph, file, read, options.maxBytes ?? 64 * 1024 * 1024)) report(result);
      await options.between?.();
    }
  }
  return results;
}

/** Each document of the file in its own transaction: one that fails stores nothing and stops nothing. */
async function ingestFile(graph: SupplyChainGraph, file: string, read: ReadDocument, maxBytes: number): Promise<IngestFileResult[]> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxBytes) return [failure(file, `${basename(file)} is ${stat.size} bytes, more than the ${maxBytes} bytes a document may have`)];
    bytes = await fs.readFile(file);
  } catch (err) {
    return [failure(file, `cannot read ${file}: ${(err as Error).message}`)];
  }
  let outcomes: DocumentReadResult[];
  try {
    outcomes = await read(basename(file), bytes);
  } catch (err) {
    return [failure(file, `could not read ${basename(file)}: internal error (${(err as Error).message})`)];
  }
  if (outcomes.length === 0) return [failure(file, `${basename(file)} holds no document`)];
  const results: IngestFileResult[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const index = outcomes.length > 1 ? { index: i + 1 } : {};
    if (!outcome.ok) {
      results.push({ file, ...index, status: 'error', errors: outcome.errors.length ? outcome.errors : [{ message: `${basename(file)} is not a document Chainsight reads`, range: TOP }], warnings: [] });
      continue;
    }
    const doc = outcome.document;
    const about = { kind: doc.kind, format: doc.origin.format, digest: doc.origin.digest };
    try {
      const stored = await graph.ingest(doc);
      results.push({ file, ...index, status: stored.status, ...about, counts: stored.counts, errors: [], warnings: outcome.warnings });
    } catch (err) {
      results.push({ ...failure(file, `could not store ${basename(file)}: ${(err as Error).message}`), ...index, ...about });
    }
  }
  return results;
}

function failure(file: string, message: string): IngestFileResult {
  return { file, status: 'error', errors: [{ message, range: TOP, severity: 'error' }], warnings: [] };
}

/** A file as itself; a folder as the document files under it, sorted, symlinked folders not followed. */
export async function documentFiles(path: string): Promise<string[]> {
  const stat = await fs.stat(path);
  if (!stat.isDirectory()) return [path];
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full);
      } else if (entry.isFile() && DOCUMENT_FILE.test(entry.name)) out.push(full);
    }
  };
  await walk(path);
  return out;
}
