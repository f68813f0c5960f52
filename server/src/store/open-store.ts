import { existsSync, promises as fs, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { abortableSleep } from '../net/retry';
import { StoreConnection, type ConnectionOptions } from './connection';
import type { MetadataStore, StoreRecovery } from './metadata-store';
import { pruneCacheEntries } from './keyed-cache';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations';
import { SqliteMetadataStore } from './sqlite-metadata-store';
import { StoreError } from './store-error';
import { lockDir, ownerFile } from './store-lock';

export interface OpenStoreOptions {
  now?: () => number;
  /** Release the file lock after this long idle (default 2 s) so other windows and the CLI get a turn; Infinity holds it. */
  idleReleaseMs?: number;
  /** How long to wait for another process's lock (default 15 s). */
  lockTimeoutMs?: number;
  /** First wait between lock attempts (default 10 ms). */
  lockRetryMs?: number;
  /** SQLite page cache in KiB (default 16 MiB). */
  cacheSizeKiB?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Parsed offline records kept in memory, so a rescan reads only the index (default 10,000). */
  recordCacheEntries?: number;
}

/** Written when SQLite reports corruption mid-session; the next open then checks the whole file. */
export function checkMarker(storePath: string): string {
  return `${storePath}.needs-check`;
}

/**
 * Opens (creating if needed) the store at `storePath` and brings its schema to the latest version. A
 * file that is not a usable store is moved aside to `<name>.corrupt-<time>` and a fresh store built;
 * `store.recovered` says so, once. Rejects with StoreError('newer-schema') for a store written by a
 * newer Chainsight and StoreError('busy') when another process holds it too long.
 */
export async function openStore(storePath: string, options: OpenStoreOptions = {}): Promise<MetadataStore> {
  const resolved = path.resolve(storePath);
  const now = options.now ?? Date.now;
  await fs.mkdir(path.dirname(resolved), { recursive: true });
  const connect = () => new StoreConnection(resolved, connectionOptions(resolved, options, now));

  let conn = connect();
  let recovered: StoreRecovery | undefined;
  const fullCheck = existsSync(checkMarker(resolved));
  try {
    await conn.read((db) => probe(db, fullCheck));
  } catch (err) {
    await conn.close();
    if (!(err instanceof StoreError && err.kind === 'corrupt')) throw err;
    recovered = await moveAside(resolved, err.message, now());
    conn = connect();
  }
  try {
    const version = await conn.read((db) => schemaVersion(db));
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreError('newer-schema', `the store ${resolved} has schema version ${version}, newer than this Chainsight understands (${LATEST_SCHEMA_VERSION}); use another --store path or update Chainsight`);
    }
    await conn.read((db) => migrate(db));
    // Expired registry/provenance entries are dead weight; the table is small, so this is cheap.
    await conn.write((db) => pruneCacheEntries(db, now()));
  } catch (err) {
    await conn.close();
    throw err;
  }
  await fs.rm(checkMarker(resolved), { force: true });
  return new SqliteMetadataStore(conn, recovered, now, options.recordCacheEntries);
}

function connectionOptions(storePath: string, options: OpenStoreOptions, now: () => number): ConnectionOptions {
  return {
    idleReleaseMs: options.idleReleaseMs ?? 2_000,
    lockTimeoutMs: options.lockTimeoutMs ?? 15_000,
    lockRetryMs: options.lockRetryMs ?? 10,
    ownerlessLockStaleMs: 30_000,
    cacheSizeKiB: options.cacheSizeKiB ?? 16 * 1024,
    now,
    sleep: options.sleep ?? ((ms) => abortableSleep(ms)),
    onCorrupt: () => {
      try {
        writeFileSync(checkMarker(storePath), new Date(now()).toISOString());
      } catch {
        // Best effort: without the marker the next open does the cheap check only.
      }
    },
  };
}

/** Cheap by default (the header and schema must read); the full quick_check only after corruption was seen. */
function probe(db: Parameters<Parameters<StoreConnection['read']>[0]>[0], full: boolean): void {
  schemaVersion(db);
  db.all('SELECT name FROM sqlite_master');
  if (!full) return;
  const result = String(db.get('PRAGMA quick_check(1)')?.quick_check ?? '');
  if (result !== 'ok') throw new StoreError('corrupt', `integrity check failed: ${result}`);
}

async function moveAside(storePath: string, reason: string, now: number): Promise<StoreRecovery> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const movedTo = `${storePath}.corrupt-${stamp}`;
  await fs.rename(storePath, movedTo);
  // A WAL or journal belongs to the damaged file; replaying it onto a fresh one would do harm.
  for (const suffix of ['-wal', '-journal', '-shm']) {
    if (existsSync(storePath + suffix)) await fs.rename(storePath + suffix, movedTo + suffix).catch(() => undefined);
  }
  await fs.rm(lockDir(storePath), { recursive: true, force: true });
  await fs.rm(ownerFile(storePath), { force: true });
  await fs.rm(checkMarker(storePath), { force: true });
  return { reason, movedTo };
}
