import type { ParseError } from '../core/package';
import type { TrustedRootOutcome } from '../provenance/trusted-root';
import type { JsonSource } from './positions';
import type { SchemaValidators } from './schema-validators';
import type { DocumentFormat, DocumentOrigin, SupplyChainDocument } from './types';

/** What every format reader is handed: one parsed JSON object and where it came from. */
export interface ReaderInput {
  json: Record<string, unknown>;
  source: JsonSource;
  /** Digest and file name; the reader adds the format's own fields. */
  origin: Pick<DocumentOrigin, 'digest' | 'fileName'>;
}

export interface ReaderContext {
  validators: SchemaValidators;
  /** The Sigstore trusted root bundles are verified against; none: bundles are `unverified`. */
  trustedRoot?: TrustedRootOutcome;
}

export type ReaderOutcome = { ok: true; document: SupplyChainDocument; warnings: ParseError[] } | { ok: false; errors: ParseError[] };

/** A document in a syntax other than JSON (CycloneDX XML, SPDX tag-value), as text. */
export interface TextReaderInput {
  text: string;
  source: Omit<JsonSource, 'text'>;
  origin: Pick<DocumentOrigin, 'digest' | 'fileName'>;
}

/** One entry of the format registry: a format owns its identity, its detection and its reader. */
export interface DocumentFormatEntry {
  id: DocumentFormat;
  /** For messages: `CycloneDX`, `SPDX`, … */
  label: string;
  /** True when the JSON object is a document of this format (by content, never by file name). */
  detect(json: Record<string, unknown>): boolean;
  read(input: ReaderInput, context: ReaderContext): ReaderOutcome;
  /** The format's other syntax, recognised from the text's start before any JSON parsing. */
  text?: {
    detect(start: string): boolean;
    read(input: TextReaderInput, context: ReaderContext): ReaderOutcome;
  };
}
