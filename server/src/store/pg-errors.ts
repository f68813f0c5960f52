import { StoreError } from './store-error';

/**
 * A node-postgres failure as a StoreError with a message users can act on. Every message goes
 * through `redact`, so the store URL's password never reaches a log line or an error.
 */
export function pgStoreError(err: unknown, redact: (text: string) => string): Error {
  if (err instanceof StoreError) return err;
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const message = redact(e.message ?? String(err));
  if (code === '42501') {
    return new StoreError('permission', `the database role may not do this: ${message} (a reader role answers questions; recording and ingesting need the writer role, see docs/store.md)`, { cause: err });
  }
  if (code === '25006') {
    return new StoreError('permission', `the store was opened read-only: ${message}`, { cause: err });
  }
  if (code === '57014' || /timeout|timed out/i.test(message)) {
    return new StoreError('timeout', `the PostgreSQL server did not answer in time: ${message}`, { cause: err });
  }
  if (code.startsWith('08') || code.startsWith('57P') || code === '28P01' || code === '28000' || code === '3D000' || /^E[A-Z]+$/.test(code) || /terminat|Connection|connect/i.test(message)) {
    return new StoreError('unavailable', `cannot reach the PostgreSQL store: ${message}`, { cause: err });
  }
  const wrapped = new Error(message, { cause: err });
  (wrapped as { code?: string }).code = code;
  return wrapped;
}
