import { DocumentReader, type ReadDocumentOptions } from './read-document';
import type { DocumentReadResult } from './types';

/**
 * Supply-chain documents in: the one entry point the store (docs/store.md) and triage
 * (docs/vex.md) call. Formats, mappings and limits are in docs/documents.md.
 */
export { DocumentReader, type ReadDocumentOptions } from './read-document';
export { DOCUMENT_FORMATS, detectFormat } from './registry';
export * from './types';

export interface ReadOptions extends ReadDocumentOptions {
  /** The reader whose compiled schemas to reuse; hold one per process (each new one compiles anew). */
  reader?: DocumentReader;
}

/** Reads one document (bytes or text); its format is detected from the content. */
export function readDocument(fileName: string, input: string | Uint8Array, options: ReadOptions = {}): DocumentReadResult {
  return (options.reader ?? new DocumentReader()).read(fileName, input, options);
}

/** Reads every document of a file: several for a JSON Lines file of bundles, else one. */
export function readDocuments(fileName: string, input: string | Uint8Array, options: ReadOptions = {}): DocumentReadResult[] {
  return (options.reader ?? new DocumentReader()).readAll(fileName, input, options);
}
