import { SQLITE_DIALECT } from '../graph/sql/dialects';
import { graphSchema } from '../graph/schema';
import type { Database } from './sqlite';

/**
 * The schema, as an ordered list of steps. A store at version N runs steps N+1..latest, each in its own
 * transaction together with `PRAGMA user_version`, so an interrupted upgrade leaves a consistent store
 * at some version and resumes on the next open. Never edit a shipped step: add one.
 */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'online cache (advisories, package queries), keyed cache, imported documents',
    up(db) {
      db.exec(`
        CREATE TABLE advisories (
          id TEXT PRIMARY KEY,
          modified TEXT NOT NULL,
          json TEXT NOT NULL,
          fetched_at INTEGER NOT NULL
        );
        -- One row per package (versionless purl) asked about, with when; the TTL runs from queried_at.
        CREATE TABLE package_queries (
          purl TEXT PRIMARY KEY,
          queried_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- The ids (and their modified time) the last query for a package returned.
        CREATE TABLE package_advisories (
          purl TEXT NOT NULL,
          advisory_id TEXT NOT NULL,
          modified TEXT NOT NULL,
          PRIMARY KEY (purl, advisory_id)
        ) WITHOUT ROWID;
        -- Registry metadata, signature and provenance results: anything with a key and a TTL.
        CREATE TABLE cache_entries (
          kind TEXT NOT NULL,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          stored_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          PRIMARY KEY (kind, key)
        );
        -- Imported SBOMs, VEX documents and the like.
        CREATE TABLE documents (
          kind TEXT NOT NULL,
          name TEXT NOT NULL,
          json TEXT NOT NULL,
          stored_at INTEGER NOT NULL,
          PRIMARY KEY (kind, name)
        );
      `);
    },
  },
  {
    version: 2,
    description: 'offline database: imports as generations swapped in atomically',
    up(db) {
      db.exec(`
        -- AUTOINCREMENT: ids are never reused, so a record's rid can key an in-memory cache safely.
        CREATE TABLE offline_generations (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          ecosystem TEXT NOT NULL,
          source TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('importing', 'active', 'retired')),
          owner TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          completed_at INTEGER,
          record_count INTEGER NOT NULL DEFAULT 0,
          malformed_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX offline_generations_one_active ON offline_generations (ecosystem) WHERE state = 'active';
        CREATE TABLE offline_records (
          rid INTEGER PRIMARY KEY AUTOINCREMENT,
          gen INTEGER NOT NULL,
          id TEXT NOT NULL,
          modified TEXT NOT NULL,
          json TEXT NOT NULL,
          UNIQUE (gen, id)
        );
        CREATE TABLE offline_packages (
          purl TEXT NOT NULL,
          gen INTEGER NOT NULL,
          rid INTEGER NOT NULL,
          PRIMARY KEY (purl, gen, rid)
        ) WITHOUT ROWID;
        CREATE INDEX offline_packages_by_generation ON offline_packages (gen);
      `);
    },
  },
  {
    version: 3,
    description: 'covering index so a warm scan checks cached advisories without reading their JSON',
    up(db) {
      db.exec('CREATE INDEX advisories_versions ON advisories (id, modified, fetched_at)');
    },
  },
  {
    version: 4,
    description: 'the aggregated metadata graph: projects, snapshots, documents, nodes and evidence (graph/schema.ts)',
    up(db) {
      for (const statement of graphSchema(SQLITE_DIALECT)) db.exec(statement);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database): number {
  const row = db.get('PRAGMA user_version');
  return Number(row?.user_version ?? 0);
}

/** Applies the steps after the store's version up to `target`, one transaction each. */
export function migrate(db: Database, target: number = LATEST_SCHEMA_VERSION): { from: number; to: number } {
  const from = schemaVersion(db);
  for (const migration of MIGRATIONS) {
    if (migration.version <= from || migration.version > target) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      migration.up(db);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }
  return { from, to: schemaVersion(db) };
}
