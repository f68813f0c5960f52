import type { ParseResult } from '../../core/package';
import type { Range } from '../../core/text-range';

/** The one error a yarn.lock that cannot be read gives, at the place where reading stopped. */
export function failedLockfile(message: string, range: Range): ParseResult {
  return { kind: 'lockfile', packages: [], errors: [{ message, range, severity: 'error' }] };
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
