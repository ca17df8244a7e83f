/**
 * @module backend/store
 * The simulated KMS's durable SQLite store (see store.ts for the durability and concurrency design).
 */
export { openStore, type Store, type StoreOptions, type Tx, type ListOptions, type ReadAuditOptions } from './store.js';
export { TABLES, INDEXED_FIELDS, SCHEMA_VERSION, RESERVED_META_PREFIX, StoreOpenError, type Table, type IndexedField } from './schema.js';
export { masterKeyPath } from './master-key.js';
