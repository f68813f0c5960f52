import type { Pool, PoolClient } from 'pg';
import { purlsNamedBy } from '../osv/record-keys';
import type { ImportWriter } from '../osv/record-store';
import type { OsvRecord } from '../osv/types';
import { pgStoreError } from './pg-errors';
import { isConnectionError } from './pg-executor';
import { activateGeneration, insertOfflineRecords, releaseGeneration, retireGeneration, startGeneration } from './pg-offline-data';

export interface PgImportContext {
  redact: (text: string) => string;
  now: () => number;
  /** Removes retired and orphaned generations (after the swap, or after giving up). */
  cleanup: () => Promise<number>;
}

/**
 * One offline import into the team store, on a pooled connection of its own for its whole life: that
 * session holds the generation's advisory lock (pg-offline-data.ts), which tells every other machine
 * that the import is alive. Commit and abandon let go of the lock and give the connection back.
 */
export class PgImportWriter implements ImportWriter {
  private done = false;
  /** Set when the connection failed: it goes back to the pool to be discarded, not reused. */
  private broken: Error | undefined;
  private readonly onError = (err: Error) => (this.broken = err);

  private constructor(
    private readonly client: PoolClient,
    readonly generation: number,
    private readonly context: PgImportContext,
  ) {
    client.on('error', this.onError);
  }

  static async begin(pool: Pool, source: string, owner: string, context: PgImportContext): Promise<PgImportWriter> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw pgStoreError(err, context.redact);
    }
    try {
      return new PgImportWriter(client, await startGeneration(client, source, owner, context.now()), context);
    } catch (err) {
      client.release(err instanceof Error ? err : true);
      throw pgStoreError(err, context.redact);
    }
  }

  async add(records: readonly OsvRecord[]): Promise<{ inserted: number; duplicates: number }> {
    if (this.done) throw new Error('this import is already finished');
    const rows = records.map((record) => ({ id: record.id, modified: String(record.modified ?? ''), json: JSON.stringify(record), purls: purlsNamedBy(record) }));
    return this.transaction(() => insertOfflineRecords(this.client, this.generation, rows));
  }

  async commit(ecosystem: string, counts: { records: number; malformed: number }): Promise<void> {
    if (this.done) throw new Error('this import is already finished');
    this.done = true;
    try {
      await this.transaction(() => activateGeneration(this.client, this.generation, ecosystem, counts, this.context.now()));
    } catch (err) {
      // Not swapped in: the partial generation is garbage either way.
      await this.transaction(() => retireGeneration(this.client, this.generation)).catch(() => undefined);
      await this.finish();
      throw err;
    }
    await this.finish();
    await this.context.cleanup();
  }

  async abandon(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      await this.transaction(() => retireGeneration(this.client, this.generation));
    } finally {
      await this.finish();
    }
    await this.context.cleanup();
  }

  /** Nothing to yield: PostgreSQL's readers and writers never wait on an import. */
  async yieldLock(): Promise<void> {}

  private async transaction<T>(fn: () => Promise<T>): Promise<T> {
    try {
      await this.client.query('BEGIN');
      try {
        const result = await fn();
        await this.client.query('COMMIT');
        return result;
      } catch (err) {
        await this.client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } catch (err) {
      if (isConnectionError(err)) this.broken ??= err instanceof Error ? err : new Error(String(err));
      throw pgStoreError(err, this.context.redact);
    }
  }

  /** Lets go of the generation's lock and gives the connection back (discarded if it failed). */
  private async finish(): Promise<void> {
    if (!this.broken) await releaseGeneration(this.client, this.generation).catch((err: unknown) => (this.broken = err instanceof Error ? err : new Error(String(err))));
    this.client.off('error', this.onError);
    // A connection that failed, or could not let go of the lock, is closed: its session and lock end with it.
    this.client.release(this.broken ?? false);
  }
}
