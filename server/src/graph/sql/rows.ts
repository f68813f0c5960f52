import { batches, int, marks, type SqlDialect, type SqlSession, type SqlValue } from './executor';

/** Inserts rows, one statement per row through `each`; rows that would repeat a key are skipped. */
export async function insertRows(session: SqlSession, dialect: SqlDialect, table: string, columns: readonly string[], rows: ReadonlyArray<readonly SqlValue[]>): Promise<void> {
  if (rows.length === 0) return;
  await session.each(dialect.statement(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${marks(columns.length)}) ON CONFLICT DO NOTHING`), rows);
}

/** A node table: an auto id and a unique natural key in the first column. */
export interface NodeTable {
  table: string;
  columns: readonly string[];
}

/**
 * The ids of nodes by their keys, creating the missing ones. Keys are handled in sorted order, so
 * concurrent writers (PostgreSQL) take row locks in one order and cannot deadlock.
 */
export async function ensureNodes(session: SqlSession, dialect: SqlDialect, node: NodeTable, rows: ReadonlyMap<string, readonly SqlValue[]>): Promise<Map<string, number>> {
  const keys = [...rows.keys()].sort();
  const ids = new Map<string, number>();
  const select = dialect.statement(`SELECT id FROM ${node.table} WHERE ${node.columns[0]} = ?`);
  const insert = dialect.statement(`INSERT INTO ${node.table} (${node.columns.join(', ')}) VALUES (${marks(node.columns.length)}) ON CONFLICT DO NOTHING RETURNING id`);
  // Look up first when most nodes exist (a project scanned again), insert first when most are new
  // (a new document): either way most keys cost one statement. A sample decides.
  const sample = keys.slice(0, 32);
  const sampled = await session.each(select, sample.map((k) => [k]));
  sample.forEach((k, i) => sampled[i]![0] && ids.set(k, int(sampled[i]![0].id)));
  const rest = keys.slice(sample.length);
  const mostlyKnown = ids.size * 2 >= sample.length;
  let missing = sample.filter((k) => !ids.has(k));
  if (mostlyKnown) {
    const found = await session.each(select, rest.map((k) => [k]));
    rest.forEach((k, i) => (found[i]![0] ? ids.set(k, int(found[i]![0].id)) : missing.push(k)));
  } else missing = missing.concat(rest);
  const inserted = await session.each(insert, missing.map((k) => rows.get(k)!));
  // Nodes that already existed (or another writer just created, on PostgreSQL): read their ids.
  const known = missing.filter((k, i) => (inserted[i]![0] ? (ids.set(k, int(inserted[i]![0].id)), false) : true));
  if (known.length) for (const [k, id] of await lookupIds(session, dialect, node, known)) ids.set(k, id);
  return ids;
}

export async function lookupIds(session: SqlSession, dialect: SqlDialect, node: NodeTable, keys: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const key = node.columns[0]!;
  for (const part of batches(keys, 1, dialect)) {
    for (const row of await session.all(dialect.statement(`SELECT id, ${key} AS k FROM ${node.table} WHERE ${key} IN (${marks(part.length)})`), part)) ids.set(String(row.k), int(row.id));
  }
  return ids;
}

/** Runs `SELECT … WHERE column IN (…)` over any number of values, batch by batch. */
export async function selectIn(session: SqlSession, dialect: SqlDialect, sql: (inList: string) => string, values: readonly SqlValue[], extra: readonly SqlValue[] = []): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (const part of batches(values, 1, dialect)) out.push(...(await session.all(dialect.statement(sql(marks(part.length))), [...part, ...extra])));
  return out;
}

export const PACKAGE_NODES: NodeTable = { table: 'g_package', columns: ['purl', 'base', 'name_key', 'version'] };
export const ARTIFACT_NODES: NodeTable = { table: 'g_artifact', columns: ['key'] };
export const SOURCE_NODES: NodeTable = { table: 'g_source', columns: ['key', 'type', 'namespace', 'name', 'tag', 'commit_sha'] };
export const BUILDER_NODES: NodeTable = { table: 'g_builder', columns: ['key'] };
export const VULN_NODES: NodeTable = { table: 'g_vuln', columns: ['key', 'name'] };
