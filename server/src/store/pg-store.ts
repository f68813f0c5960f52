// The team store on PostgreSQL. This module (and node-postgres with it) is loaded only when a
// PostgreSQL URL is configured: open-graph-store.ts imports it dynamically, and the server bundle
// keeps it in a chunk of its own.
import pg from 'pg';
import type { SqlExecutor } from '../graph/sql/executor';
import { pgStoreError } from './pg-errors';
import { pgExecutor } from './pg-executor';
import { newerSchemaError, pgMigrate, pgSchemaVersion, PG_LATEST_SCHEMA_VERSION } from './pg-migrations';
import { PgVulnerabilityData, type PgVulnerabilityDataOptions } from './pg-vulnerability-data';
import { StoreError } from './store-error';
import { redactIn, redactUrl } from './store-url';

export interface PgStoreOptions {
  /** `auto` (default): bring an older schema up to date, if the role may; `never`: refuse it instead. */
  migrate?: 'auto' | 'never';
  /** Give up connecting after this long (default 5 s): a server that is down never hangs the caller. */
  connectTimeoutMs?: number;
  /** Cancel a query after this long (default none; the editor sets one). */
  queryTimeoutMs?: number;
  /** Most connections at once (default 4). */
  maxConnections?: number;
  /** A password from a secret store (VS Code's SecretStorage); otherwise PGPASSWORD or ~/.pgpass. */
  password?: string;
  /** Told about failures of idle connections (which would otherwise go unseen), already redacted. */
  onIdleError?: (message: string) => void;
}

export interface PgStoreStatus {
  location: string;
  schemaVersion: number;
  latestSchema: number;
  sizeBytes: number;
}

/** INT8 and NUMERIC as JS numbers, as the embedded store returns them (ids, counts, millisecond times). */
const NUMBER_TYPES = new Set([20, 1700]);
const TYPES = {
  getTypeParser: ((oid: number, format?: string) => (NUMBER_TYPES.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

export class PgStore {
  readonly location: string;
  /** The schema version found when opening (before any migration opening did). */
  private foundVersion = PG_LATEST_SCHEMA_VERSION;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.location = redactUrl(url);
  }

  /**
   * Connects (within `connectTimeoutMs`) and checks the schema: an empty or older one is migrated
   * (with `migrate: 'auto'`), a newer one refused. Every error message has the URL redacted.
   */
  static async open(given: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const url = options.password ? withPassword(given, options.password) : given;
    const redact = (text: string) => redactIn(text, url);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs, statement_timeout: options.queryTimeoutMs } : {}),
      application_name: 'chainsight',
      // Statements of one `each` go out together instead of one round trip each.
      pipeline: true,
      types: TYPES,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
    });
    // An idle connection the server drops (restart, network) emits here; unhandled it would end the process.
    pool.on('error', (err) => options.onIdleError?.(redact(err.message)));
    const store = new PgStore(pool, url);
    try {
      await store.withClient(async (client) => {
        const version = await pgSchemaVersion(client);
        if (version > PG_LATEST_SCHEMA_VERSION) throw newerSchemaError(version, store.location);
        if (version === PG_LATEST_SCHEMA_VERSION) return;
        if (options.migrate === 'never') throw olderSchemaError(version, store.location);
        // `from` is read under the migration lock: a process that waited for another's migration finds nothing to do.
        store.foundVersion = (
          await pgMigrate(client, store.location).catch((err: unknown) => {
            throw (err as { code?: string }).code === '42501' ? olderSchemaError(version, store.location, redact((err as Error).message)) : err;
          })
        ).from;
      });
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  /** `chainsight store migrate`: brings the schema up to date; `from` counts what opening already did. */
  async migrate(): Promise<{ from: number; to: number }> {
    const { from, to } = await this.withClient((client) => pgMigrate(client, this.location));
    return { from: Math.min(from, this.foundVersion), to };
  }

  sqlExecutor(): SqlExecutor {
    return pgExecutor(this.pool, (text) => redactIn(text, this.url));
  }

  /**
   * The OSV cache and offline databases in this database. Make one per store and keep it: it holds
   * the parsed records it has read. Closing the store closes it.
   */
  vulnerabilityData(options: PgVulnerabilityDataOptions = {}): PgVulnerabilityData {
    return new PgVulnerabilityData(this.pool, this.location, (text) => redactIn(text, this.url), options);
  }

  status(): Promise<PgStoreStatus> {
    return this.withClient(async (client) => {
      const size = await client.query('SELECT pg_database_size(current_database()) AS size');
      return { location: this.location, schemaVersion: await pgSchemaVersion(client), latestSchema: PG_LATEST_SCHEMA_VERSION, sizeBytes: Number(size.rows[0]?.size ?? 0) };
    });
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw pgStoreError(err, (text) => redactIn(text, this.url));
    }
    let failed: Error | undefined;
    const onError = (err: Error) => (failed = err);
    client.on('error', onError);
    try {
      return await fn(client);
    } catch (err) {
      failed = err instanceof Error ? err : new Error(String(err));
      throw pgStoreError(err, (text) => redactIn(text, this.url));
    } finally {
      client.off('error', onError);
      client.release(failed && !(failed instanceof StoreError) ? failed : undefined);
    }
  }
}

/**
 * node-postgres lets the URL's (absent) password override a `password` option, so a password from a
 * secret store goes into the URL the driver sees; every message is redacted against that URL.
 */
function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

function olderSchemaError(version: number, where: string, why = ''): StoreError {
  return new StoreError(
    'older-schema',
    `the store ${where} has schema version ${version}, older than this Chainsight needs (${PG_LATEST_SCHEMA_VERSION}), and this role may not upgrade it${why ? ` (${why})` : ''}; the database owner runs \`chainsight store migrate --store URL\``,
  );
}
