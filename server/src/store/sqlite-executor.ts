import { SQLITE_DIALECT } from '../graph/sql/dialects';
import type { SqlExecutor, SqlRow, SqlSession, SqlValue } from '../graph/sql/executor';
import type { StoreConnection } from './connection';
import type { Database } from './sqlite';

/** Prepared statements kept per unit: the graph repeats a few statement shapes thousands of times. */
const STATEMENT_CACHE = 48;

/**
 * The graph's executor over the embedded store's connection: each transaction is one async unit of
 * the connection (nothing else runs on it meanwhile), statements prepared once per unit.
 */
export function sqliteExecutor(conn: StoreConnection): SqlExecutor {
  return {
    dialect: SQLITE_DIALECT,
    transaction: (fn, options) =>
      conn.unit(async (db) => {
        const session = new SqliteSession(db);
        try {
          return await fn(session);
        } finally {
          session.finalize();
        }
      }, !options?.readOnly),
  };
}

class SqliteSession implements SqlSession {
  private readonly statements = new Map<string, ReturnType<Database['prepare']>>();

  constructor(private readonly db: Database) {}

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.prepared(sql).all(params as SqlValue[]);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.prepared(sql).run(params as SqlValue[]).changes;
  }

  async each(sql: string, rows: ReadonlyArray<readonly SqlValue[]>): Promise<SqlRow[][]> {
    // run() skips building result rows: most of these are plain INSERTs.
    if (!/\bRETURNING\b|^\s*SELECT\b/i.test(sql)) {
      const stmt = this.prepared(sql);
      for (const row of rows) stmt.run(row as SqlValue[]);
      return [];
    }
    // `INSERT … RETURNING id` into a rowid table: SQLite reports the new id itself, so the statement
    // runs without RETURNING (which SQLite would materialise per row) and no result row is built.
    const insert = /^(\s*INSERT\b[\s\S]*?)\s+RETURNING id$/i.exec(sql);
    if (insert) {
      const plain = this.prepared(insert[1]!);
      return rows.map((row) => {
        const result = plain.run(row as SqlValue[]);
        return result.changes > 0 ? [{ id: result.lastInsertRowid }] : [];
      });
    }
    const stmt = this.prepared(sql);
    return rows.map((row) => stmt.all(row as SqlValue[]));
  }

  finalize(): void {
    for (const stmt of this.statements.values()) stmt.finalize();
    this.statements.clear();
  }

  private prepared(sql: string): ReturnType<Database['prepare']> {
    let stmt = this.statements.get(sql);
    if (stmt) {
      // Most recently used last, so the oldest goes first when the cache is full.
      this.statements.delete(sql);
      this.statements.set(sql, stmt);
      return stmt;
    }
    if (this.statements.size >= STATEMENT_CACHE) {
      const [oldest, old] = this.statements.entries().next().value as [string, ReturnType<Database['prepare']>];
      old.finalize();
      this.statements.delete(oldest);
    }
    stmt = this.db.prepare(sql);
    this.statements.set(sql, stmt);
    return stmt;
  }
}
