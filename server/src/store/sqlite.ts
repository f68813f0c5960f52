import { Database, type BindValues, type QueryResult } from 'node-sqlite3-wasm';

/**
 * node-sqlite3-wasm is SQLite compiled to WebAssembly with a VFS over node:fs: no native addon, so the
 * same code runs in plain Node and in VS Code's Electron. It loads `node-sqlite3-wasm.wasm` from
 * `__dirname`, which is `node_modules/node-sqlite3-wasm/dist/` unbundled and `dist/` when bundled by
 * esbuild (the build copies the .wasm next to the bundles).
 */
export { Database };
export type Row = QueryResult;
export type Params = BindValues;

/** How SQLite said no, recognised from its messages (the library exposes no numeric codes). */
export type SqliteFailure = 'busy' | 'corrupt' | 'full' | 'readonly' | 'other';

export function classifySqliteError(err: unknown): SqliteFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (/database is locked|database table is locked|SQLITE_BUSY/i.test(message)) return 'busy';
  if (/malformed|file is not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(message)) return 'corrupt';
  if (/database or disk is full|SQLITE_FULL/i.test(message)) return 'full';
  if (/readonly database|SQLITE_READONLY/i.test(message)) return 'readonly';
  return 'other';
}

/** `?,?,?` for an IN list. Built each time: `repeat` is cheaper than a module-wide cache is worth. */
export function placeholders(count: number): string {
  return count > 0 ? `?${',?'.repeat(count - 1)}` : '';
}

/** Splits a list so one statement binds at most `size` values (SQLite allows 32,766). */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Runs `fn` with a prepared statement and always finalizes it: the library does not garbage-collect them. */
export function withStatement<T>(db: Database, sql: string, fn: (stmt: ReturnType<Database['prepare']>) => T): T {
  const stmt = db.prepare(sql);
  try {
    return fn(stmt);
  } finally {
    stmt.finalize();
  }
}
