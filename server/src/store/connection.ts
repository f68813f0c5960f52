import { classifySqliteError, Database } from './sqlite';
import { StoreError } from './store-error';
import { clearOwner, clearWanted, isWanted, markWanted, removeStaleLock, writeOwner, type LockOwner } from './store-lock';

export interface ConnectionOptions {
  /** Close the database (and so release its lock) after this long without work; Infinity holds it until close(). */
  idleReleaseMs: number;
  /** Give up waiting for another process's lock after this long. */
  lockTimeoutMs: number;
  /** First wait between lock attempts; doubles up to 250 ms. */
  lockRetryMs: number;
  /** A lock with no owner file older than this is presumed abandoned. */
  ownerlessLockStaleMs: number;
  /** SQLite page cache, KiB. */
  cacheSizeKiB: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Told when SQLite reports corruption, so the next open checks the file. */
  onCorrupt?: (err: unknown) => void;
}

/**
 * One SQLite connection in WAL mode with an exclusive lock, opened on demand and released when idle.
 *
 * Why this mode: node-sqlite3-wasm's VFS reports "reserved lock held" whenever its lock directory
 * exists, including for the connection's own lock, so SQLite never sees a rollback journal as hot and
 * never rolls back after a crash (measured: a SIGKILL mid-transaction left "database disk image is
 * malformed"). WAL recovery does not depend on that check; WAL without shared memory needs
 * `locking_mode=EXCLUSIVE`. Releasing the connection when idle lets other processes (a second VS Code
 * window, the CLI) take turns.
 */
export class StoreConnection {
  private db: Database | undefined;
  private opening: Promise<Database> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private busyOps = 0;
  /** Set while an async unit (see `unit`) holds the database: everything else waits for it. */
  private active: Promise<void> | undefined;

  constructor(
    readonly path: string,
    private readonly options: ConnectionOptions,
  ) {}

  /** Runs `fn` holding the lock. `fn` is synchronous so nothing else can interleave with it. */
  async read<T>(fn: (db: Database) => T): Promise<T> {
    return this.run(fn, false);
  }

  /** Runs `fn` inside one transaction: all of it is stored, or none of it. */
  async write<T>(fn: (db: Database) => T): Promise<T> {
    return this.run(fn, true);
  }

  /**
   * Runs an async `fn` holding the database, as one transaction when `write` (all of it is stored, or
   * none). Nothing else on this connection runs until it ends, so its statements never interleave
   * with another operation's. For the graph (graph/), whose statements are async so that the same
   * code can run against PostgreSQL.
   */
  async unit<T>(fn: (db: Database) => Promise<T>, write: boolean): Promise<T> {
    if (this.closed) throw new StoreError('closed', `the store ${this.path} is closed`);
    // Checked and taken with no await in between, so two units can never both pass.
    while (this.active) await this.active;
    let done!: () => void;
    this.active = new Promise<void>((resolve) => (done = resolve));
    this.busyOps++;
    this.clearIdle();
    try {
      let db = await this.acquire();
      while (this.db !== db) db = await this.acquire();
      if (write) this.guard(() => db.exec('BEGIN IMMEDIATE'));
      try {
        const result = await fn(db);
        if (write) this.guard(() => db.exec('COMMIT'));
        return result;
      } catch (err) {
        if (write && db.isOpen && db.inTransaction) db.exec('ROLLBACK');
        return this.guard(() => {
          throw err;
        });
      }
    } finally {
      this.active = undefined;
      done();
      this.busyOps--;
      this.armIdle();
    }
  }

  /** Waits until no async unit holds the database. */
  private async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  /** Closes the database now, releasing the lock; the next operation reopens it. */
  async release(): Promise<void> {
    await this.idle();
    this.clearIdle();
    const db = this.db;
    this.db = undefined;
    if (!db) return;
    await clearOwner(this.path).catch(() => undefined);
    try {
      db.close();
    } catch {
      // Closing checkpoints the WAL; if that fails the WAL stays and is replayed on the next open.
    }
  }

  async close(): Promise<void> {
    if (this.opening) await this.opening.catch(() => undefined);
    this.closed = true;
    await this.release();
  }

  /**
   * For long jobs between batches: if another process asked for the lock, release it and pause so the
   * waiter (which polls at most every 250 ms) gets its turn.
   */
  async yieldIfWanted(pauseMs = 300): Promise<void> {
    if (!this.db || !(await isWanted(this.path, this.options.now()))) return;
    await this.release();
    await this.options.sleep(pauseMs);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private async run<T>(fn: (db: Database) => T, transaction: boolean): Promise<T> {
    if (this.closed) throw new StoreError('closed', `the store ${this.path} is closed`);
    this.busyOps++;
    this.clearIdle();
    try {
      let db: Database;
      for (;;) {
        await this.idle();
        db = await this.acquire();
        // A release() between the open and this line would leave `db` closed: take the current one.
        // An async unit that started meanwhile owns the database until it ends: wait for it.
        if (this.db === db && !this.active) break;
      }
      if (!transaction) return this.guard(() => fn(db));
      return this.guard(() => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = fn(db);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.isOpen && db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      });
    } finally {
      this.busyOps--;
      this.armIdle();
    }
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      const failure = classifySqliteError(err);
      if (failure === 'corrupt') {
        this.options.onCorrupt?.(err);
        throw new StoreError('corrupt', `the store ${this.path} is damaged: ${(err as Error).message}`, { cause: err });
      }
      throw err;
    }
  }

  private acquire(): Promise<Database> {
    if (this.db) return Promise.resolve(this.db);
    this.opening ??= this.openWithLock().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async openWithLock(): Promise<Database> {
    const started = this.options.now();
    let wait = this.options.lockRetryMs;
    let holder: LockOwner | undefined;
    for (;;) {
      const db = new Database(this.path);
      try {
        // Must precede the first read: that read takes the lock, and in this mode keeps it.
        db.exec('PRAGMA locking_mode=EXCLUSIVE');
        db.get('PRAGMA journal_mode=WAL');
        db.exec(`PRAGMA synchronous=FULL; PRAGMA cache_size=-${Math.max(256, Math.floor(this.options.cacheSizeKiB))}; PRAGMA foreign_keys=OFF`);
        await writeOwner(this.path);
        if (wait !== this.options.lockRetryMs) await clearWanted(this.path);
        this.db = db;
        return db;
      } catch (err) {
        try {
          db.close();
        } catch {
          // Already unusable; the error below says why.
        }
        const failure = classifySqliteError(err);
        if (failure === 'corrupt') {
          this.options.onCorrupt?.(err);
          throw new StoreError('corrupt', `the store ${this.path} is damaged: ${(err as Error).message}`, { cause: err });
        }
        if (failure !== 'busy') throw new StoreError('io', `cannot open the store ${this.path}: ${(err as Error).message}`, { cause: err });
      }
      const stale = await removeStaleLock(this.path, { ownerlessAfterMs: this.options.ownerlessLockStaleMs, now: this.options.now });
      holder = stale.holder ?? holder;
      if (stale.removed) continue;
      if (this.options.now() - started >= this.options.lockTimeoutMs) {
        const who = holder ? ` by process ${holder.pid} on ${holder.host}` : '';
        throw new StoreError('busy', `the store ${this.path} is in use${who}; gave up after ${this.options.lockTimeoutMs} ms`);
      }
      await markWanted(this.path);
      await this.options.sleep(wait);
      wait = Math.min(250, wait * 2);
    }
  }

  private armIdle(): void {
    if (this.busyOps > 0 || !this.db || !Number.isFinite(this.options.idleReleaseMs)) return;
    this.clearIdle();
    this.idleTimer = setTimeout(() => void this.release(), this.options.idleReleaseMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
