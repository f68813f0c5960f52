import type { PoolClient } from 'pg';
import { POSTGRES_DIALECT } from '../graph/sql/dialects';
import { graphSchema } from '../graph/schema';
import { StoreError } from './store-error';

/**
 * The team store's schema, as ordered steps. Same tables and columns as the embedded store's graph
 * (graph/schema.ts, written once for both dialects); the embedded store's own caches (advisories,
 * offline data) stay embedded for now. Versions count separately from the embedded store's
 * `user_version`: the two databases hold different sets of tables. Never edit a shipped step.
 */
export interface PgMigration {
  version: number;
  description: string;
  statements: () => string[];
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, description: 'the aggregated metadata graph: projects, snapshots, documents, nodes and evidence (graph/schema.ts)', statements: () => graphSchema(POSTGRES_DIALECT) },
];

export const PG_LATEST_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

/** Every process that migrates takes this lock first, so concurrent starts apply each step once. */
const MIGRATION_LOCK = 'chainsight:migrate';

/** The applied version, 0 for an empty database. */
export async function pgSchemaVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query("SELECT to_regclass('chainsight_schema') IS NOT NULL AS present");
  if (!rows[0]?.present) return 0;
  const version = await client.query('SELECT coalesce(max(version), 0) AS v FROM chainsight_schema');
  return Number(version.rows[0]?.v ?? 0);
}

export function newerSchemaError(version: number, where: string): StoreError {
  return new StoreError('newer-schema', `the store ${where} has schema version ${version}, newer than this Chainsight understands (${PG_LATEST_SCHEMA_VERSION}); update Chainsight`);
}

/**
 * Brings the schema to the latest version in one transaction (PostgreSQL's DDL is transactional),
 * holding an advisory lock: a second process starting at the same time waits, then finds nothing to
 * do. Refuses a schema newer than this code, touching nothing. The lock is the session's, taken
 * before BEGIN: a transaction that started before the lock was granted could still see the tables
 * as missing in its catalog caches, and try to create them again.
 */
export async function pgMigrate(client: PoolClient, where: string): Promise<{ from: number; to: number }> {
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK]);
  try {
    await client.query('BEGIN');
    try {
      const from = await pgSchemaVersion(client);
      if (from > PG_LATEST_SCHEMA_VERSION) throw newerSchemaError(from, where);
      if (from < PG_LATEST_SCHEMA_VERSION) {
        await client.query('CREATE TABLE IF NOT EXISTS chainsight_schema (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      }
      for (const step of PG_MIGRATIONS) {
        if (step.version <= from) continue;
        for (const statement of step.statements()) await client.query(statement);
        await client.query('INSERT INTO chainsight_schema (version, description) VALUES ($1, $2)', [step.version, step.description]);
      }
      await client.query('COMMIT');
      return { from, to: Math.max(from, PG_LATEST_SCHEMA_VERSION) };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
