import type { EcosystemName } from '../core/package';
import { formatById } from './files';
import { type LockfileCommand, lockfileCommandOf } from './format';

/**
 * `Ecosystem.lockfileCommand` for one ecosystem, read from the format registry: the command of the
 * lockfile's entry, or undefined for another ecosystem's format or a format without one.
 */
export function lockfileCommandsOf(ecosystem: EcosystemName): (lockfileParser: string, lockfileText?: string) => LockfileCommand | undefined {
  return (lockfileParser, lockfileText) => {
    const entry = formatById(lockfileParser);
    return entry?.ecosystem === ecosystem ? lockfileCommandOf(entry, lockfileText) : undefined;
  };
}
