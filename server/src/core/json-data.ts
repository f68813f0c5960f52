import { blankByteOrderMark } from './byte-order-mark';
import { type DuplicateKey, findDuplicateKeys } from './json-duplicate-keys';
import { firstJsonSyntaxError } from './json-syntax';
import type { ParseError } from './package';
import { LineIndex } from './text-range';

/**
 * JSON.parse for a lockfile's data (native speed), with jsonc-parser's positioned error only when
 * the text is not valid JSON. A top level that is not an object is an error too. Positions come
 * separately, from `locateJsonProperties` over the same text.
 */
export type JsonDocument = { data: Record<string, unknown>; duplicates: DuplicateKey[] } | { error: ParseError };

export function readJsonObject(text: string, what: string): JsonDocument {
  let data: unknown;
  try {
    data = JSON.parse(blankByteOrderMark(text));
  } catch {
    return { error: firstJsonSyntaxError(text, what) };
  }
  if (!isJsonObject(data)) {
    const offset = text.length - text.trimStart().length;
    return {
      error: { message: `could not read ${what}: the top level is not a JSON object`, range: new LineIndex(text).range(offset, offset + 1), severity: 'error' },
    };
  }
  // JSON.parse keeps the last of two equal keys; readers that locate keys must know where that is.
  return { data, duplicates: findDuplicateKeys(text, { parsed: data }) };
}

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
