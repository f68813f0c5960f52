/** Why a store operation failed. Sources treat any of these as "no cached data", never as a crash. */
export type StoreErrorKind =
  | 'busy'
  | 'corrupt'
  | 'newer-schema'
  | 'closed'
  | 'io'
  // The team store (PostgreSQL): the server cannot be reached, a query ran out of time, the role may
  // not do that, or the schema is older than this Chainsight and the role may not migrate it.
  | 'unavailable'
  | 'timeout'
  | 'permission'
  | 'older-schema';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
