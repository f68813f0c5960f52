import type { Database } from './sqlite';

/** An imported document (SBOM, VEX, ...) as stored. */
export interface StoredDocument {
  kind: string;
  name: string;
  json: unknown;
  storedAt: number;
}

export function putDocumentRow(db: Database, kind: string, name: string, json: unknown, now: number): void {
  db.run('INSERT OR REPLACE INTO documents (kind, name, json, stored_at) VALUES (?, ?, ?, ?)', [kind, name, JSON.stringify(json ?? null), now]);
}

export function getDocumentRow(db: Database, kind: string, name: string): StoredDocument | undefined {
  const row = db.get('SELECT kind, name, json, stored_at FROM documents WHERE kind = ? AND name = ?', [kind, name]);
  return row ? toDocument(row) : undefined;
}

/** Names and times only: listing should not parse every document. */
export function listDocumentRows(db: Database, kind?: string): Array<{ kind: string; name: string; storedAt: number }> {
  const rows = kind === undefined ? db.all('SELECT kind, name, stored_at FROM documents ORDER BY kind, name') : db.all('SELECT kind, name, stored_at FROM documents WHERE kind = ? ORDER BY name', [kind]);
  return rows.map((row) => ({ kind: String(row.kind), name: String(row.name), storedAt: Number(row.stored_at) }));
}

export function deleteDocumentRow(db: Database, kind: string, name: string): boolean {
  return db.run('DELETE FROM documents WHERE kind = ? AND name = ?', [kind, name]).changes > 0;
}

function toDocument(row: Record<string, unknown>): StoredDocument {
  let json: unknown;
  try {
    json = JSON.parse(String(row.json));
  } catch {
    json = undefined;
  }
  return { kind: String(row.kind), name: String(row.name), json, storedAt: Number(row.stored_at) };
}
