import { basename } from 'node:path';
import type { ParseResult } from '../../core/package';
import { parseYarnBerry } from './yarn-berry';
import { parseYarnV1 } from './yarn-v1';
import { isBerryLockfile } from './yarn-flavour';

export { berryLockfileVersion, isBerryLockfile, yarnLockfileCommand } from './yarn-flavour';

/**
 * yarn.lock, both generations under one file name: yarn 2+ ("berry") writes YAML with a
 * `__metadata` entry, yarn 1 ("classic") its own line format.
 */
export function parseYarnLock(path: string, text: string): ParseResult {
  const what = basename(path);
  return isBerryLockfile(text) ? parseYarnBerry(what, text) : parseYarnV1(what, text);
}
