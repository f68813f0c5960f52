import type { ParseError } from './package';
import type { LineIndex } from './text-range';

/**
 * The error a file that does not parse gives, worded the same for every format so users and tests
 * can rely on it: `could not parse <file> at <line>:<column>: <reason>`, over [start, end) — one
 * character unless the reader knows the extent of the mistake.
 */
export function syntaxError(index: LineIndex, fileLabel: string, reason: string, start: number, end = start + 1): ParseError {
  const range = index.range(start, end);
  return { message: `could not parse ${fileLabel} at ${range.start.line + 1}:${range.start.character + 1}: ${reason}`, range, severity: 'error' };
}
