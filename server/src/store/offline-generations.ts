import type { OfflineGeneration, OfflineLookup } from '../osv/record-store';
import type { OsvRecord } from '../osv/types';

/** One import of an offline database for one ecosystem, swapped in as a whole. */
export interface GenerationRow {
  id: number;
  ecosystem: string;
  source: string;
  state: 'importing' | 'active' | 'retired';
  owner: string;
  startedAt: number;
  completedAt?: number;
  recordCount: number;
  malformedCount: number;
}

/** A generation as readers see it (both stores). */
function toOfflineGeneration(g: GenerationRow): OfflineGeneration {
  return { id: g.id, ecosystem: g.ecosystem, source: g.source, importedAt: g.completedAt ?? g.startedAt, records: g.recordCount, malformed: g.malformedCount };
}

export const LIST_GENERATIONS_SQL = 'SELECT * FROM offline_generations ORDER BY id';

/** A row of offline_generations, from either engine. */
export function toGenerationRow(row: Record<string, unknown>): GenerationRow {
  return {
    id: Number(row.id),
    ecosystem: String(row.ecosystem),
    source: String(row.source),
    state: String(row.state) as GenerationRow['state'],
    owner: String(row.owner),
    startedAt: Number(row.started_at),
    ...(row.completed_at != null ? { completedAt: Number(row.completed_at) } : {}),
    recordCount: Number(row.record_count),
    malformedCount: Number(row.malformed_count),
  };
}


/** The generations readers see: the active one of each ecosystem. */
export function activeGenerations(rows: readonly GenerationRow[]): OfflineGeneration[] {
  return rows.filter((g) => g.state === 'active').map(toOfflineGeneration);
}

/** An offline lookup's answer from its refs (purl → rid, in order) and the records read by rid. */
export function offlineLookup(refs: ReadonlyArray<{ purl: string; rid: number }>, found: ReadonlyMap<number, OsvRecord>, generations: readonly GenerationRow[]): OfflineLookup {
  const records = new Map<string, OsvRecord[]>();
  for (const { purl, rid } of refs) {
    const record = found.get(rid);
    if (!record) continue;
    const list = records.get(purl);
    if (list) list.push(record);
    else records.set(purl, [record]);
  }
  return { records, generations: activeGenerations(generations) };
}
