/** Why a store operation failed. Sources treat any of these as "no cached data", never as a crash. */
export type StoreErrorKind = 'busy' | 'corrupt' | 'newer-schema' | 'closed' | 'io';

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
