import { chunks, placeholders, withStatement, type Database } from './sqlite';

/** An advisory as the online cache keeps it: the JSON text as fetched, and when. */
export interface CachedAdvisoryRow {
  id: string;
  modified: string;
  json: string;
  fetchedAt: number;
}

/** What the last query for a package returned. */
export interface PackageQueryRow {
  purl: string;
  queriedAt: number;
  advisories: Array<{ id: string; modified: string }>;
}

const CHUNK = 500;

export function putAdvisoryRows(db: Database, rows: readonly CachedAdvisoryRow[]): void {
  withStatement(
    db,
    `INSERT INTO advisories (id, modified, json, fetched_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET modified = excluded.modified, json = excluded.json, fetched_at = excluded.fetched_at`,
    (stmt) => {
      for (const row of rows) stmt.run([row.id, row.modified, row.json, row.fetchedAt]);
    },
  );
}

/** Which ids are cached, at what modified time: index-only (advisories_versions), no JSON read. */
export function getAdvisoryVersions(db: Database, ids: readonly string[]): Map<string, { modified: string; fetchedAt: number }> {
  const found = new Map<string, { modified: string; fetchedAt: number }>();
  for (const part of chunks([...new Set(ids)], CHUNK)) {
    withStatement(db, `SELECT id, modified, fetched_at FROM advisories INDEXED BY advisories_versions WHERE id IN (${placeholders(part.length)})`, (stmt) => {
      for (const row of stmt.iterate(part)) found.set(row.id as string, { modified: row.modified as string, fetchedAt: Number(row.fetched_at) });
    });
  }
  return found;
}

/** Streams the JSON of cached advisories by id. */
export function forEachAdvisoryJson(db: Database, ids: readonly string[], onRow: (id: string, json: string) => void): void {
  for (const part of chunks([...new Set(ids)], CHUNK)) {
    withStatement(db, `SELECT id, json FROM advisories WHERE id IN (${placeholders(part.length)})`, (stmt) => {
      for (const row of stmt.iterate(part)) onRow(row.id as string, row.json as string);
    });
  }
}

/** Replaces what is known about each package's advisories and stamps the query time. */
export function putPackageQueryRows(db: Database, rows: readonly PackageQueryRow[]): void {
  const del = db.prepare('DELETE FROM package_advisories WHERE purl = ?');
  const ins = db.prepare('INSERT OR REPLACE INTO package_advisories (purl, advisory_id, modified) VALUES (?, ?, ?)');
  const stamp = db.prepare('INSERT OR REPLACE INTO package_queries (purl, queried_at) VALUES (?, ?)');
  try {
    for (const row of rows) {
      del.run([row.purl]);
      for (const advisory of row.advisories) ins.run([row.purl, advisory.id, advisory.modified]);
      stamp.run([row.purl, row.queriedAt]);
    }
  } finally {
    del.finalize();
    ins.finalize();
    stamp.finalize();
  }
}

export function getPackageQueryRows(db: Database, purls: readonly string[]): Map<string, PackageQueryRow> {
  const found = new Map<string, PackageQueryRow>();
  for (const part of chunks([...new Set(purls)], CHUNK)) {
    // One statement per chunk: the query time and (when the package had any) its advisories.
    const rows = db.all(
      `SELECT q.purl AS purl, q.queried_at AS queried_at, a.advisory_id AS advisory_id, a.modified AS modified
       FROM package_queries q LEFT JOIN package_advisories a ON a.purl = q.purl
       WHERE q.purl IN (${placeholders(part.length)})`,
      part,
    );
    for (const row of rows) {
      const purl = row.purl as string;
      let entry = found.get(purl);
      if (!entry) found.set(purl, (entry = { purl, queriedAt: Number(row.queried_at), advisories: [] }));
      if (row.advisory_id !== null) entry.advisories.push({ id: row.advisory_id as string, modified: row.modified as string });
    }
  }
  return found;
}

export function cacheCounts(db: Database): { advisories: number; packages: number; oldestQuery?: number; newestQuery?: number } {
  const advisories = Number(db.get('SELECT count(*) AS n FROM advisories')?.n ?? 0);
  const q = db.get('SELECT count(*) AS n, min(queried_at) AS oldest, max(queried_at) AS newest FROM package_queries');
  const packages = Number(q?.n ?? 0);
  return {
    advisories,
    packages,
    ...(q?.oldest != null ? { oldestQuery: Number(q.oldest) } : {}),
    ...(q?.newest != null ? { newestQuery: Number(q.newest) } : {}),
  };
}
