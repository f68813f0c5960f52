/**
 * The graph's only way to the database: parameterised SQL through a small async interface, so the
 * same queries run on the embedded SQLite store (node-sqlite3-wasm) and, later, on PostgreSQL (`pg`).
 * Queries are written once, in standard SQL with `?` placeholders; what differs between the two
 * engines lives in `SqlDialect` (dialects.ts) and nowhere else.
 */

/** What a parameter or a column can hold. Integers come back as numbers (see `int`). */
export type SqlValue = string | number | bigint | null;

export type SqlRow = Record<string, unknown>;

/** One unit of work: every statement of it sees the same data and commits (or not) together. */
export interface SqlSession {
  /** Runs a statement and returns its rows (for INSERT/UPDATE/DELETE: the RETURNING rows, if any). */
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs one statement once per parameter row and returns each run's rows (empty for statements
   * without a result or RETURNING). The embedded engine reuses one prepared statement, which is its
   * fastest way to write many rows; a server executor may pipeline or batch them instead.
   */
  each(sql: string, rows: ReadonlyArray<readonly SqlValue[]>): Promise<SqlRow[][]>;
}

export interface SqlExecutor {
  readonly dialect: SqlDialect;
  /**
   * Runs `fn` in one transaction: all of it is stored, or none (a throw, a crash or a kill rolls it
   * back). `readOnly` units may share a snapshot with concurrent writers where the engine allows it.
   */
  transaction<T>(fn: (session: SqlSession) => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
}

/**
 * The differences between SQL engines that the graph's schema and statements cannot avoid. Keep
 * this small: anything that can be written in standard SQL is written once in the queries.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** The statement as this engine wants it: `?` placeholders become `$1, $2, …` on PostgreSQL. */
  statement(sql: string): string;
  /** Column definition of an auto-assigned integer id. */
  readonly autoId: string;
  /** Suffix of tables keyed by their primary key only (SQLite's WITHOUT ROWID; nothing elsewhere). */
  readonly keyedTable: string;
  /** Binary column type (SQLite BLOB, PostgreSQL BYTEA); the graph stores digests as hex text today. */
  readonly blob: string;
  /** Most parameters one statement may bind. */
  readonly maxParams: number;
  /**
   * A statement that serialises writers on `key` until the transaction ends, where concurrent writers
   * exist (PostgreSQL advisory locks); undefined where the whole store is locked anyway (SQLite).
   */
  lockStatement(key: string, mode: 'shared' | 'exclusive'): { sql: string; params: SqlValue[] } | undefined;
}

/** An integer column as a JS number (PostgreSQL's driver returns BIGINT as text). */
export function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** A text column, '' for NULL. */
export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** `?,?,?` for an IN list. */
export function marks(count: number): string {
  return count <= 0 ? '' : `?${',?'.repeat(count - 1)}`;
}

/** Splits a list so each statement binds at most `maxParams` values at `perItem` values each (and at most 500 items). */
export function* batches<T>(items: readonly T[], perItem: number, dialect: SqlDialect): Generator<T[]> {
  const size = Math.max(1, Math.min(500, Math.floor(dialect.maxParams / Math.max(1, perItem))));
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
