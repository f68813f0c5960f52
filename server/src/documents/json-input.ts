import { firstJsonSyntaxError } from '../core/json-syntax';
import type { ParseError } from '../core/package';
import { syntaxError } from '../core/syntax-error';
import { LineIndex } from '../core/text-range';

/**
 * The text of a document and its JSON value, read defensively: documents come from other people
 * (an SBOM in a repository, a VEX file someone sent), so size and nesting are bounded before
 * anything recursive sees them, and every refusal carries a position.
 */

/** Far beyond any real SBOM (the 1,100-component juice-shop BOM is 2 MB). */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/**
 * Real documents nest a few dozen levels (CycloneDX sub-components, CSAF branches); JSON.parse
 * itself copes with more, but schema validation and our readers recurse, so a document that nests
 * deeper than this is refused before either sees it.
 */
export const MAX_DEPTH = 200;

export type TextOutcome = { ok: true; text: string } | { ok: false; error: ParseError };

/** UTF-8 text of the input (bytes or text), without a byte-order mark, within the size limit. */
export function documentText(fileName: string, input: string | Uint8Array, maxBytes = DEFAULT_MAX_BYTES): TextOutcome {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > maxBytes) {
    return { ok: false, error: atStart(`could not read ${fileName}: it is ${size} bytes, more than the ${maxBytes}-byte limit for a document`) };
  }
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, error: atStart(`could not read ${fileName}: it is not UTF-8 text`) };
    }
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

export type JsonOutcome = { ok: true; value: unknown } | { ok: false; error: ParseError };

/** Parses one JSON value after checking its nesting depth. `base` is where `text` starts in the file. */
export function parseJsonValue(fileName: string, text: string, lines: () => LineIndex, base = 0): JsonOutcome {
  const tooDeep = depthExceeded(text);
  if (tooDeep !== undefined) {
    return { ok: false, error: syntaxError(lines(), fileName, `nested more than ${MAX_DEPTH} levels deep`, base + tooDeep) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const local = firstJsonSyntaxError(text, fileName);
    if (base === 0) return { ok: false, error: local };
    // Re-anchor the position from the line's own text to the whole file.
    const localOffset = new LineIndex(text).offset(local.range.start);
    const reason = local.message.replace(/^could not parse .* at \d+:\d+: /, '');
    return { ok: false, error: syntaxError(lines(), fileName, reason, base + localOffset) };
  }
}

/**
 * The offset of the bracket that first goes deeper than MAX_DEPTH, or undefined. One pass that
 * skips strings, so it costs about as much as finding their ends.
 */
export function depthExceeded(text: string, limit = MAX_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return undefined;
}

/**
 * The line index of a file, built the first time a position is needed: most documents read without
 * a warning, and indexing the lines of a 2 MB BOM costs as much as a tenth of reading it.
 */
export class FileLines {
  private index: LineIndex | undefined;

  constructor(private readonly text: string) {}

  get(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }

  /** A JSON source over part of the file whose `lines` are this file's, built lazily. */
  source(fileName: string, text: string, base: number): { fileName: string; text: string; base: number; readonly lines: LineIndex } {
    const file = this;
    return {
      fileName,
      text,
      base,
      get lines() {
        return file.get();
      },
    };
  }
}

/** One record of a JSON Lines file: its text and where it starts. */
export interface JsonLine {
  text: string;
  offset: number;
}

/**
 * The non-blank lines of a text when it looks like JSON Lines (at least two lines that each start
 * a JSON object), else undefined. `.intoto.jsonl` files hold one Sigstore bundle per line.
 */
export function jsonLines(text: string): JsonLine[] | undefined {
  const out: JsonLine[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed !== '') {
      if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
      out.push({ text: line, offset });
    }
    offset += raw.length + 1;
  }
  return out.length >= 2 ? out : undefined;
}

function atStart(message: string): ParseError {
  return { message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error' };
}
