import type { OsvRecord } from './types';
import { isWithdrawn } from './record-keys';

/**
 * One copy per id from several sources, the most recently modified winning; withdrawn ones kept, so a
 * later merge still sees that a newer copy withdrew an older one (the team store layered over the
 * embedded one, store/layered-vulnerability-data.ts).
 */
export function newestPerId(...lists: ReadonlyArray<readonly OsvRecord[] | undefined>): OsvRecord[] {
  const byId = new Map<string, OsvRecord>();
  for (const list of lists) {
    for (const record of list ?? []) {
      const held = byId.get(record.id);
      if (!held || String(record.modified ?? '') > String(held.modified ?? '')) byId.set(record.id, record);
    }
  }
  return [...byId.values()];
}

/**
 * One list of records from several sources (cache, offline generations): one copy per id, the most
 * recently modified winning, withdrawn ones left out, ordered by id so answers compare equal whatever
 * their origin.
 */
export function mergeRecords(...lists: ReadonlyArray<readonly OsvRecord[] | undefined>): OsvRecord[] {
  return newestPerId(...lists)
    .filter((r) => !isWithdrawn(r))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
