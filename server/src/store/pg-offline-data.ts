import type { PoolClient } from 'pg';
import { LIST_GENERATIONS_SQL, toGenerationRow, type GenerationRow } from './offline-generations';
import type { OfflineRecordRow } from './offline-data';

/**
 * The offline databases on PostgreSQL: the statements of offline-data.ts with arrays for parameters,
 * so a batch is one statement, not one per row. Generations and their locks:
 *
 * - An import holds a session-level advisory lock (IMPORT_LOCK, its generation) on a connection of its
 *   own for its whole life. The lock is taken in the transaction that creates the generation, so no
 *   other session ever sees an 'importing' generation whose lock is free while its importer lives.
 *   When the importer dies (killed, machine gone), the server ends its session and the lock goes: a
 *   cleanup that can take it knows the generation is an orphan.
 * - The swap takes a transaction-level lock (COMMIT_LOCK, the ecosystem), so two imports of one
 *   ecosystem committing at once take turns: the later one retires the earlier, never two active.
 */

/** Advisory-lock namespaces (the first key of the two-key form), apart from every single-key lock. */
export const IMPORT_LOCK = 0x6373_6f69; // 'csoi'
const COMMIT_LOCK = 0x6373_6f63; // 'csoc'

/** The second key from a BIGINT generation id (the two-key form takes INT4s). */
const GEN_KEY = '($2::bigint % 2147483648)::int';

/** Creates an 'importing' generation and takes its lock, which this session keeps until it lets go. */
export async function startGeneration(client: PoolClient, source: string, owner: string, now: number): Promise<number> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query(`INSERT INTO offline_generations (ecosystem, source, state, owner, started_at) VALUES ('', $1, 'importing', $2, $3) RETURNING id`, [source, owner, now]);
    const gen = Number(rows[0]!.id);
    await client.query(`SELECT pg_advisory_lock($1, ${GEN_KEY})`, [IMPORT_LOCK, gen]);
    await client.query('COMMIT');
    return gen;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export async function releaseGeneration(client: PoolClient, gen: number): Promise<void> {
  await client.query(`SELECT pg_advisory_unlock($1, ${GEN_KEY})`, [IMPORT_LOCK, gen]);
}

/**
 * Inserts records into a generation still being imported; a repeated id keeps the first copy, within
 * the batch as across batches (ON CONFLICT may not meet one key twice in a statement, so the batch is
 * deduplicated first).
 */
export async function insertOfflineRecords(client: PoolClient, gen: number, records: readonly OfflineRecordRow[]): Promise<{ inserted: number; duplicates: number }> {
  const first = new Map<string, OfflineRecordRow>();
  for (const record of records) if (!first.has(record.id)) first.set(record.id, record);
  const rows = [...first.values()];
  const { rows: stored } = await client.query(
    `INSERT INTO offline_records (gen, id, modified, json)
     SELECT $1, id, modified, json FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, modified, json, n) ORDER BY n
     ON CONFLICT (gen, id) DO NOTHING RETURNING rid, id`,
    [gen, rows.map((r) => r.id), rows.map((r) => r.modified), rows.map((r) => r.json)],
  );
  const purls: string[] = [];
  const rids: number[] = [];
  for (const row of stored) {
    for (const purl of first.get(row.id as string)?.purls ?? []) {
      purls.push(purl);
      rids.push(Number(row.rid));
    }
  }
  if (purls.length > 0) {
    await client.query('INSERT INTO offline_packages (purl, gen, rid) SELECT purl, $1, rid FROM unnest($2::text[], $3::bigint[]) AS t(purl, rid) ON CONFLICT DO NOTHING', [gen, purls, rids]);
  }
  return { inserted: stored.length, duplicates: records.length - stored.length };
}

/** The swap, in one small transaction: the ecosystem's active generation retires, this one activates. */
export async function activateGeneration(client: PoolClient, gen: number, ecosystem: string, counts: { records: number; malformed: number }, now: number): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMMIT_LOCK, ecosystem]);
  // READ COMMITTED: these statements start after the lock was granted, so they see the swap of an
  // import that committed while this one waited, and retire its generation.
  await client.query(`UPDATE offline_generations SET state = 'retired' WHERE ecosystem = $1 AND state = 'active'`, [ecosystem]);
  const activated = await client.query(
    `UPDATE offline_generations SET state = 'active', ecosystem = $2, completed_at = $3, record_count = $4, malformed_count = $5 WHERE id = $1 AND state = 'importing'`,
    [gen, ecosystem, now, counts.records, counts.malformed],
  );
  if (activated.rowCount !== 1) throw new Error(`generation ${gen} is no longer being imported (cleaned up as abandoned?)`);
}

export async function retireGeneration(client: PoolClient, gen: number): Promise<void> {
  await client.query(`UPDATE offline_generations SET state = 'retired' WHERE id = $1 AND state = 'importing'`, [gen]);
}

/**
 * Retires those of the given 'importing' generations whose import lock is free: their importer's
 * session is gone. The try-lock is transaction-level, so it goes when this statement commits.
 */
export async function retireOrphans(client: PoolClient, gens: readonly number[]): Promise<number[]> {
  if (gens.length === 0) return [];
  const { rows } = await client.query(
    `UPDATE offline_generations SET state = 'retired'
     WHERE id = ANY($2::bigint[]) AND state = 'importing' AND pg_try_advisory_xact_lock($1, (id % 2147483648)::int)
     RETURNING id`,
    [IMPORT_LOCK, gens],
  );
  return rows.map((row) => Number(row.id));
}

export async function listGenerations(client: PoolClient): Promise<GenerationRow[]> {
  return (await client.query(LIST_GENERATIONS_SQL)).rows.map(toGenerationRow);
}

/**
 * Deletes up to `limit` rows of a generation nobody reads any more; returns how many went. Run in a
 * loop, one statement (one transaction) each, so a large cleanup never holds locks for long.
 */
export async function deleteGenerationRows(client: PoolClient, gen: number, limit: number): Promise<number> {
  const packages = await client.query('DELETE FROM offline_packages WHERE (purl, gen, rid) IN (SELECT purl, gen, rid FROM offline_packages WHERE gen = $1 LIMIT $2)', [gen, limit]);
  if ((packages.rowCount ?? 0) > 0) return packages.rowCount ?? 0;
  const records = await client.query('DELETE FROM offline_records WHERE rid IN (SELECT rid FROM offline_records WHERE gen = $1 LIMIT $2)', [gen, limit]);
  if ((records.rowCount ?? 0) > 0) return records.rowCount ?? 0;
  // Only once nothing of it is left: a cleanup running beside this one may still hold some rows.
  await client.query(
    `DELETE FROM offline_generations WHERE id = $1 AND state = 'retired'
     AND NOT EXISTS (SELECT 1 FROM offline_packages WHERE gen = $1) AND NOT EXISTS (SELECT 1 FROM offline_records WHERE gen = $1)`,
    [gen],
  );
  return 0;
}

/** Which stored records (by rid) of the active generations name each purl; no record text is read. */
export async function activeOfflineRefs(client: PoolClient, purls: readonly string[]): Promise<Array<{ purl: string; rid: number }>> {
  const { rows } = await client.query(
    `SELECT p.purl AS purl, p.rid AS rid
     FROM offline_packages p JOIN offline_generations g ON g.id = p.gen AND g.state = 'active'
     WHERE p.purl = ANY($1::text[])
     ORDER BY p.gen, p.rid`,
    [[...new Set(purls)]],
  );
  return rows.map((row) => ({ purl: row.purl as string, rid: Number(row.rid) }));
}

/** Rids per statement when reading record text, so a large scan never holds all of it at once. */
const RECORDS_PER_READ = 2_000;

/** The JSON text of records by rid, a bounded batch at a time. */
export async function forEachOfflineRecord(client: PoolClient, rids: readonly number[], onRow: (rid: number, json: string) => void): Promise<void> {
  for (let i = 0; i < rids.length; i += RECORDS_PER_READ) {
    const { rows } = await client.query('SELECT rid, json FROM offline_records WHERE rid = ANY($1::bigint[])', [rids.slice(i, i + RECORDS_PER_READ)]);
    for (const row of rows) onRow(Number(row.rid), row.json as string);
  }
}
