import type { Ecosystem } from '../ecosystems/types';
import { affectedEntriesFor, describeInterval, entryIntervals } from '../osv/match';
import { groupRecords } from '../osv/group';
import type { OsvRecord } from '../osv/types';
import { AdvisoryMemo } from './advisory-memo';
import { toVulnerability } from './assess-package';
import type { RangeNote } from './report-types';

/**
 * Without a lockfile we do not know what a range resolves to, so a range is never an error: we only
 * note which advisories cover versions it admits. Each group of aliased records yields one note.
 */
export function rangeNotes(records: readonly OsvRecord[], ecosystem: Ecosystem, name: string, requirement: string, memo: AdvisoryMemo = new AdvisoryMemo()): RangeNote[] {
  const semantics = ecosystem.requirements;
  if (!semantics) return [];
  const notes: RangeNote[] = [];
  for (const group of groupRecords(records.filter((r) => !r.withdrawn))) {
    let admitted: string | undefined;
    for (const record of group) {
      for (const entry of affectedEntriesFor(record, ecosystem, name)) {
        for (const interval of entryIntervals(entry)) {
          if (semantics.admits(requirement, interval) === true) {
            admitted ??= describeInterval(interval);
          }
        }
      }
    }
    if (!admitted) continue;
    notes.push({ vulnerability: toVulnerability(group, ecosystem, name, undefined, memo), interval: admitted });
  }
  return notes;
}
