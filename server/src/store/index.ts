// The store's public surface, for the server, the CLI and other engine parts.
export { openStore, type OpenStoreOptions } from './open-store';
export { defaultStorePath, STORE_FILE_NAME } from './default-path';
export { purlFor, isKnownEcosystem } from '../osv/purl';
export { StoreError, type StoreErrorKind } from './store-error';
export type { KeyedCache } from './keyed-cache';
export type { StoredDocument } from './documents';
export { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
export type * from './metadata-store';
