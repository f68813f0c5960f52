import type { ParseError } from '../core/package';
import type { TrustedRootOutcome } from '../provenance/trusted-root';
import { documentText, FileLines, jsonLines, parseJsonValue } from './json-input';
import { isRecord } from './json-values';
import { documentDigest } from './origin';
import { errorAt, type JsonSource } from './positions';
import type { ReaderContext } from './reader-types';
import { detectFormat, DOCUMENT_FORMATS } from './registry';
import { SchemaValidators } from './schema-validators';
import type { DocumentReadResult } from './types';

export interface ReadDocumentOptions {
  /**
   * The Sigstore trusted root to verify bundles against (`provenance/trusted-root.ts` loads one).
   * None, or one that failed to load: bundles are read as `unverified`, with the reason. Nothing
   * here fetches anything.
   */
  trustedRoot?: TrustedRootOutcome;
  /** Larger inputs are refused before parsing (default 256 MiB). */
  maxBytes?: number;
}

/**
 * Reads SBOMs, VEX and attestations into the shapes of `types.ts`. Hold one for the life of the
 * process: it keeps the compiled JSON-schema validators, built the first time each format is read.
 * Never throws: every failure is a `{ ok: false, errors }` with positions in the file.
 */
export class DocumentReader {
  private readonly validators = new SchemaValidators();

  /** The schemas this reader has compiled so far (each once, the first time its format is read). */
  compiledSchemas(): string[] {
    return this.validators.compiledIds();
  }

  /** One document. A JSON Lines file of several records is refused here: use `readAll`. */
  read(fileName: string, input: string | Uint8Array, options: ReadDocumentOptions = {}): DocumentReadResult {
    const results = this.readAll(fileName, input, options);
    if (results.length === 1) return results[0]!;
    const first = results.find((r) => !r.ok);
    if (first) return first;
    return failure(`${fileName} holds ${results.length} documents (JSON Lines, one per line): read it with readDocuments`);
  }

  /**
   * Every document of a file: one for a JSON document, one per line for JSON Lines (a
   * `.intoto.jsonl` file of Sigstore bundles), each read, digested and failing on its own.
   */
  readAll(fileName: string, input: string | Uint8Array, options: ReadDocumentOptions = {}): DocumentReadResult[] {
    try {
      const decoded = documentText(fileName, input, options.maxBytes);
      if (!decoded.ok) return [{ ok: false, errors: [decoded.error] }];
      const { text } = decoded;
      const file = new FileLines(text);
      const lines = () => file.get();
      const start = text.trimStart();
      const other = DOCUMENT_FORMATS.find((f) => f.text?.detect(start));
      if (other?.text) {
        return [other.text.read({ text, source: file.source(fileName, text, 0), origin: { digest: documentDigest(input), fileName } }, this.context(options))];
      }
      if (start.startsWith('<')) return [failure(`could not read ${fileName}: an XML document, not a supply-chain document Chainsight reads`)];
      const whole = parseJsonValue(fileName, text, lines);
      if (whole.ok) return [this.readValue(whole.value, file.source(fileName, text, 0), documentDigest(input), options)];
      const records = jsonLines(text);
      if (!records) return [{ ok: false, errors: [whole.error] }];
      return records.map((record) => {
        const parsed = parseJsonValue(fileName, record.text, lines, record.offset);
        if (!parsed.ok) return { ok: false, errors: [parsed.error] };
        const source: JsonSource = file.source(fileName, record.text, record.offset);
        return this.readValue(parsed.value, source, documentDigest(record.text), options);
      });
    } catch (err) {
      // A reader bug must not take the caller down with it; the document is refused instead.
      return [failure(`could not read ${fileName}: internal error (${err instanceof Error ? err.message : String(err)})`)];
    }
  }

  private readValue(value: unknown, source: JsonSource, digest: string, options: ReadDocumentOptions): DocumentReadResult {
    if (!isRecord(value)) return { ok: false, errors: [errorAt(source, [], 'the top level is not a JSON object')] };
    const format = detectFormat(value);
    if (!format) {
      const known = DOCUMENT_FORMATS.map((f) => f.label).join(', ');
      return { ok: false, errors: [errorAt(source, [], `not a supply-chain document Chainsight reads (${known})`)] };
    }
    return format.read({ json: value, source, origin: { digest, fileName: source.fileName } }, this.context(options));
  }

  private context(options: ReadDocumentOptions): ReaderContext {
    return { validators: this.validators, ...(options.trustedRoot ? { trustedRoot: options.trustedRoot } : {}) };
  }
}

function failure(message: string): DocumentReadResult {
  const error: ParseError = { message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error' };
  return { ok: false, errors: [error] };
}
