import type { Pool, PoolClient } from 'pg';
import { POSTGRES_DIALECT } from '../graph/sql/dialects';
import type { SqlExecutor, SqlRow, SqlSession, SqlValue } from '../graph/sql/executor';
import { pgStoreError } from './pg-errors';

/** Statements of one `each` sent before their answers are awaited (the connection pipelines them). */
const PIPELINE_DEPTH = 1_000;

/** SQLSTATEs after which the whole transaction may simply run again: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/**
 * The graph's executor over a node-postgres pool: each transaction is one pooled connection running
 * `BEGIN … COMMIT` (READ ONLY for reads), rolled back on any error, so a client killed or a server
 * crashing mid-write leaves nothing behind. A transaction the server aborted to break a deadlock runs
 * again from the start (the graph's write units are idempotent up to that point: nothing was kept).
 */
export function pgExecutor(pool: Pool, redact: (text: string) => string): SqlExecutor {
  return {
    dialect: POSTGRES_DIALECT,
    transaction: (fn, options) => pgTransaction(pool, redact, (client) => fn(new PgSession(client)), { readOnly: options?.readOnly ?? false }),
  };
}

export interface PgTransactionOptions {
  readOnly?: boolean;
  /** Every statement sees one snapshot (REPEATABLE READ), for reads of several statements that must agree. */
  snapshot?: boolean;
}

/**
 * One transaction on a pooled connection, with the client itself (for statements the portable
 * SqlSession cannot bind, such as arrays): rolled back on any error, run again after a deadlock or a
 * serialization failure, every error redacted.
 */
export async function pgTransaction<T>(pool: Pool, redact: (text: string) => string, fn: (client: PoolClient) => Promise<T>, options: PgTransactionOptions = {}): Promise<T> {
  const begin = `BEGIN${options.snapshot ? ' ISOLATION LEVEL REPEATABLE READ' : ''}${options.readOnly ? ' READ ONLY' : ''}`;
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(pool, fn, begin);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt < ATTEMPTS && code && RETRYABLE.has(code)) continue;
      throw pgStoreError(err, redact);
    }
  }
}

async function once<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, begin: string): Promise<T> {
  const client = await pool.connect();
  let broken: unknown;
  // The connection failing under a checked-out client is emitted here as well as failing the query;
  // unheard, it would end the process. The query's own rejection reports it.
  const onError = (err: Error) => (broken = err);
  client.on('error', onError);
  try {
    await client.query(begin);
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackFailed: unknown) => (broken = rollbackFailed));
      throw err;
    }
  } catch (err) {
    // A connection that failed mid-transaction may be unusable: the pool drops it instead of reusing it.
    broken ??= isConnectionError(err) ? err : undefined;
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken instanceof Error ? broken : broken ? new Error(String(broken)) : undefined);
  }
}

export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return !code || code.startsWith('08') || code.startsWith('57P') || /^E[A-Z]+$/.test(code);
}

class PgSession implements SqlSession {
  constructor(private readonly client: PoolClient) {}

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return (await this.client.query(sql, params as unknown[])).rows as SqlRow[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.client.query(sql, params as unknown[])).rowCount ?? 0;
  }

  /** Every row's statement goes out before the first answer is awaited: one round trip per batch, not per row. */
  async each(sql: string, rows: ReadonlyArray<readonly SqlValue[]>): Promise<SqlRow[][]> {
    const out: SqlRow[][] = [];
    for (let i = 0; i < rows.length; i += PIPELINE_DEPTH) {
      const batch = rows.slice(i, i + PIPELINE_DEPTH).map((row) => this.client.query(sql, row as unknown[]));
      // Every promise is awaited (allSettled), so a failure leaves no rejection unobserved.
      const settled = await Promise.allSettled(batch);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      for (const s of settled) out.push((s as PromiseFulfilledResult<{ rows: SqlRow[] }>).value.rows);
    }
    return out;
  }
}
