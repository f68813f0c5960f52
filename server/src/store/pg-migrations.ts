import type { PoolClient } from 'pg';
import { POSTGRES_DIALECT } from '../graph/sql/dialects';
import { graphSchema } from '../graph/schema';
import { StoreError } from './store-error';

/**
 * The team store's schema, as ordered steps. Same tables and columns as the embedded store's graph
 * (graph/schema.ts, written once for both dialects) and vulnerability data (the OSV cache and the
 * offline databases, migrations.ts steps 1–3); the per-user keyed cache and imported documents stay
 * embedded. Versions count separately from the embedded store's `user_version`: the two databases
 * hold different sets of tables. Never edit a shipped step.
 */
export interface PgMigration {
  version: number;
  description: string;
  statements: () => string[];
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  { version: 1, description: 'the aggregated metadata graph: projects, snapshots, documents, nodes and evidence (graph/schema.ts)', statements: () => graphSchema(POSTGRES_DIALECT) },
  { version: 2, description: 'vulnerability data: the OSV cache and offline databases imported as generations swapped in atomically', statements: () => [...VULNERABILITY_DATA] },
];

/**
 * The embedded store's steps 1–3 less `cache_entries` and `documents` (each user's own), in
 * PostgreSQL's types: BIGINT for millisecond times and ids; BIGSERIAL for generation and record ids,
 * which a sequence never hands out twice, so a rid can key an in-memory cache of parsed records.
 */
const VULNERABILITY_DATA: readonly string[] = [
  `CREATE TABLE advisories (
    id TEXT PRIMARY KEY,
    modified TEXT NOT NULL,
    json TEXT NOT NULL,
    fetched_at BIGINT NOT NULL
  )`,
  // A warm scan checks which cached advisories are current without reading their JSON.
  'CREATE INDEX advisories_versions ON advisories (id, modified, fetched_at)',
  // One row per package (versionless purl) asked about, with when; the TTL runs from queried_at.
  'CREATE TABLE package_queries (purl TEXT PRIMARY KEY, queried_at BIGINT NOT NULL)',
  // The ids (and their modified time) the last query for a package returned.
  `CREATE TABLE package_advisories (
    purl TEXT NOT NULL,
    advisory_id TEXT NOT NULL,
    modified TEXT NOT NULL,
    PRIMARY KEY (purl, advisory_id)
  )`,
  `CREATE TABLE offline_generations (
    id BIGSERIAL PRIMARY KEY,
    ecosystem TEXT NOT NULL,
    source TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('importing', 'active', 'retired')),
    owner TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    completed_at BIGINT,
    record_count BIGINT NOT NULL DEFAULT 0,
    malformed_count BIGINT NOT NULL DEFAULT 0
  )`,
  "CREATE UNIQUE INDEX offline_generations_one_active ON offline_generations (ecosystem) WHERE state = 'active'",
  `CREATE TABLE offline_records (
    rid BIGSERIAL PRIMARY KEY,
    gen BIGINT NOT NULL,
    id TEXT NOT NULL,
    modified TEXT NOT NULL,
    json TEXT NOT NULL,
    UNIQUE (gen, id)
  )`,
  `CREATE TABLE offline_packages (
    purl TEXT NOT NULL,
    gen BIGINT NOT NULL,
    rid BIGINT NOT NULL,
    PRIMARY KEY (purl, gen, rid)
  )`,
  'CREATE INDEX offline_packages_by_generation ON offline_packages (gen)',
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
