import { LIST_GENERATIONS_SQL, toGenerationRow, type GenerationRow } from './offline-generations';
import { chunks, placeholders, withStatement, type Database } from './sqlite';

export type { GenerationRow } from './offline-generations';

/** A record ready to store: compact JSON and the versionless purls of the packages it names. */
export interface OfflineRecordRow {
  id: string;
  modified: string;
  json: string;
  purls: string[];
}

const CHUNK = 500;

export function startGeneration(db: Database, ecosystem: string, source: string, owner: string, now: number): number {
  const result = db.run(`INSERT INTO offline_generations (ecosystem, source, state, owner, started_at) VALUES (?, ?, 'importing', ?, ?)`, [ecosystem, source, owner, now]);
  return Number(result.lastInsertRowid);
}

/** Inserts records into a generation still being imported; a repeated id keeps the first copy. */
export function insertOfflineRecords(db: Database, gen: number, records: readonly OfflineRecordRow[]): { inserted: number; duplicates: number } {
  let inserted = 0;
  let duplicates = 0;
  withStatement(db, 'INSERT OR IGNORE INTO offline_records (gen, id, modified, json) VALUES (?, ?, ?, ?)', (insRecord) =>
    withStatement(db, 'INSERT OR IGNORE INTO offline_packages (purl, gen, rid) VALUES (?, ?, ?)', (insPackage) => {
      for (const record of records) {
        const result = insRecord.run([gen, record.id, record.modified, record.json]);
        if (result.changes === 0) {
          duplicates++;
          continue;
        }
        inserted++;
        for (const purl of record.purls) insPackage.run([purl, gen, result.lastInsertRowid]);
      }
    }),
  );
  return { inserted, duplicates };
}

/** The swap: one small transaction retires the ecosystem's active generation and activates this one. */
export function activateGeneration(db: Database, gen: number, ecosystem: string, counts: { records: number; malformed: number }, now: number): void {
  db.run(`UPDATE offline_generations SET state = 'retired' WHERE ecosystem = ? AND state = 'active'`, [ecosystem]);
  db.run(`UPDATE offline_generations SET state = 'active', ecosystem = ?, completed_at = ?, record_count = ?, malformed_count = ? WHERE id = ?`, [
    ecosystem,
    now,
    counts.records,
    counts.malformed,
    gen,
  ]);
}

export function retireGeneration(db: Database, gen: number): void {
  db.run(`UPDATE offline_generations SET state = 'retired' WHERE id = ? AND state = 'importing'`, [gen]);
}

export function listGenerations(db: Database): GenerationRow[] {
  return db.all(LIST_GENERATIONS_SQL).map(toGenerationRow);
}

/**
 * Deletes up to `limit` rows of a generation nobody reads any more; returns how many went. Called in a
 * loop of small transactions so a 200k-record cleanup never holds the store for long.
 */
export function deleteGenerationRows(db: Database, gen: number, limit: number): number {
  // DELETE ... LIMIT is not compiled in; offline_packages has no rowid, so select rows by their key.
  const packages = db.run('DELETE FROM offline_packages WHERE (purl, gen, rid) IN (SELECT purl, gen, rid FROM offline_packages WHERE gen = ? LIMIT ?)', [gen, limit]);
  if (packages.changes > 0) return packages.changes;
  const records = db.run('DELETE FROM offline_records WHERE rid IN (SELECT rid FROM offline_records WHERE gen = ? LIMIT ?)', [gen, limit]);
  if (records.changes > 0) return records.changes;
  db.run('DELETE FROM offline_generations WHERE id = ?', [gen]);
  return 0;
}

/**
 * Which stored records (by rid) of the active generations name each purl. Index-only: one statement per
 * 500 purls searches the (purl, gen, rid) primary key; no record text is read (plan in docs/store.md).
 */
export function activeOfflineRefs(db: Database, purls: readonly string[]): Array<{ purl: string; rid: number }> {
  const out: Array<{ purl: string; rid: number }> = [];
  for (const part of chunks([...new Set(purls)], CHUNK)) {
    withStatement(db, `${ACTIVE_REFS_SQL} (${placeholders(part.length)})`, (stmt) => {
      for (const row of stmt.iterate(part)) out.push({ purl: row.purl as string, rid: Number(row.rid) });
    });
  }
  return out;
}

export const ACTIVE_REFS_SQL = `SELECT p.purl AS purl, p.rid AS rid
  FROM offline_packages p
  JOIN offline_generations g ON g.id = p.gen AND g.state = 'active'
  WHERE p.purl IN`;

/** Streams the JSON text of records by rid, so a scan never holds all of it at once. */
export function forEachOfflineRecord(db: Database, rids: readonly number[], onRow: (rid: number, json: string) => void): void {
  for (const part of chunks(rids, CHUNK)) {
    withStatement(db, `SELECT rid, json FROM offline_records WHERE rid IN (${placeholders(part.length)})`, (stmt) => {
      for (const row of stmt.iterate(part)) onRow(Number(row.rid), row.json as string);
    });
  }
}
