import { resolve } from 'node:path';
import { defaultStorePath } from '../store/default-path';
import { isPostgresUrl, passwordOf, storeLocation, type StoreLocation } from '../store/store-url';
import type { CliIO } from './io';

/**
 * Where the aggregated store is for this run: `--store` (a path or a `postgres://` URL), then
 * `$CHAINSIGHT_STORE_URL` (the team store), then the embedded file (`$CHAINSIGHT_STORE`, else the
 * user cache).
 */
export function graphLocationFor(values: { store?: string }, io: CliIO): StoreLocation {
  const given = values.store?.trim() || io.env.CHAINSIGHT_STORE_URL?.trim();
  if (given && isPostgresUrl(given)) {
    if (passwordOf(given)) io.stderr('chainsight: warning: the store URL contains a password, which other users of this machine and CI logs can see; use PGPASSWORD or ~/.pgpass instead (docs/team.md)\n');
    return storeLocation(given);
  }
  return { kind: 'file', path: values.store ? resolve(io.cwd, values.store) : defaultStorePath(io.env) };
}

/**
 * The embedded store's file for this run (OSV cache, offline database, TUF cache): `--store` when it
 * is a path; with a `postgres://` URL, the file the default would be, since those stay on this machine.
 */
export function embeddedPathFor(values: { store?: string }, io: CliIO): string {
  return values.store && !isPostgresUrl(values.store) ? resolve(io.cwd, values.store) : defaultStorePath(io.env);
}
