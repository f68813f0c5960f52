import { firstJsonSyntaxError } from '../../core/json-syntax';
import type { ParseError } from '../../core/package';
import { LineIndex } from '../../core/text-range';

/**
 * JSON.parse for a lockfile's data (native speed), with jsonc-parser's positioned error only when
 * the text is not valid JSON. A top level that is not an object is an error too.
 */
export type JsonDocument = { data: Record<string, unknown> } | { error: ParseError };

export function readJsonObject(text: string, what: string): JsonDocument {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { error: firstJsonSyntaxError(text, what) };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const offset = text.length - text.trimStart().length;
    return {
      error: { message: `could not read ${what}: the top level is not a JSON object`, range: new LineIndex(text).range(offset, offset + 1), severity: 'error' },
    };
  }
  return { data: data as Record<string, unknown> };
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
