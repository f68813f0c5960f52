import type { ParseError, ParseResult } from '../../core/package';
import type { LineIndex, Range } from '../../core/text-range';

/** A lockfile that cannot be read gives one error and no packages; every other file keeps serving. */
export function lockfileFailure(error: ParseError): ParseResult {
  return { kind: 'lockfile', packages: [], errors: [error] };
}

/** The one error a lockfile that cannot be read gives, at the place where reading stopped. */
export function failedLockfile(message: string, range: Range): ParseResult {
  return lockfileFailure({ message, range, severity: 'error' });
}

/** Valid JSON of the wrong shape: there is no better place to point at than the file's start. */
export function shapeError(index: LineIndex, what: string, problem: string): ParseError {
  return { message: `could not read ${what}: ${problem}`, range: index.range(0, 1), severity: 'error' };
}

/**
 * `name@version` ids read well in reports; the same name@version can appear twice (an alias entry
 * and a plain one, or a git and a registry copy), so later ones get a `#2`, `#3` suffix.
 */
export function uniqueId(used: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}#${n}`;
  used.add(id);
  return id;
}
