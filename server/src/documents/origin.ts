import { createHash } from 'node:crypto';
import type { DocumentOrigin } from './types';

/** `sha256:<hex>` of the exact bytes read (UTF-8 of the text when handed text). */
export function documentDigest(input: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(input).digest('hex')}`;
}

/** An origin without the fields a document does not state (no `undefined` values in stored JSON). */
export function makeOrigin(origin: DocumentOrigin): DocumentOrigin {
  return withoutUndefined(origin);
}

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
