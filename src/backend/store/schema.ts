/**
 * @module backend/store/schema
 * The SQLite schema of the simulated KMS's durable state and its migrations. AWS does not document KMS's
 * storage, so this is our design: one document table keyed by (table, id) holding JSON, expression indexes on
 * the few document fields the operations list by (grants of a key, aliases of a key, …), sealed secrets,
 * named sequences and the audit trail (CloudTrail-shaped events,
 * https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html).
 * The version lives in the `meta` table under {@link SCHEMA_VERSION_ID}; adding a version = appending a migration.
 */
import type { Database } from 'better-sqlite3';

/** The fixed set of document tables. */
export const TABLES = ['keys', 'aliases', 'grants', 'tags', 'materials', 'rotations', 'customKeyStores', 'importTokens', 'meta'] as const;
/** One document table. */
export type Table = (typeof TABLES)[number];

/**
 * Top-level document fields with a secondary index, usable as `list(table, { index: { name, value } })`.
 * A document without the field (or with a non-string value) is simply not found through that index.
 */
export const INDEXED_FIELDS = ['keyId', 'targetKeyId', 'granteePrincipal', 'retiringPrincipal', 'account', 'customKeyStoreId'] as const;
/** Name of an indexed document field. */
export type IndexedField = (typeof INDEXED_FIELDS)[number];

/** Prefix of `meta` ids the store keeps for itself (schema version, master key check); callers may read, not write. */
export const RESERVED_META_PREFIX = 'store:';

/** The id of the `meta` document that records the schema version. */
export const SCHEMA_VERSION_ID = 'store:schema_version';

/** One schema step: `up` brings a database at `version - 1` to `version`. */
export interface Migration {
  readonly version: number;
  readonly up: (db: Database) => void;
}

const tableList = TABLES.map((t) => `'${t}'`).join(', ');

/** The migrations, in order. The last one's version is the current schema version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: (db) => {
      db.exec(`
        CREATE TABLE docs (
          tbl TEXT NOT NULL CHECK (tbl IN (${tableList})),
          id TEXT NOT NULL,
          doc TEXT NOT NULL CHECK (json_valid(doc)),
          PRIMARY KEY (tbl, id)
        ) WITHOUT ROWID;
        ${INDEXED_FIELDS.map((f) => `CREATE INDEX docs_by_${f} ON docs (tbl, json_extract(doc, '$.${f}'), id);`).join('\n')}
        CREATE TABLE secrets (id TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL CHECK (json_valid(event)));
      `);
    },
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Thrown when a database cannot be opened safely (newer schema, wrong master key, unreadable key file). */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/**
 * Brings `db` to the last version of `migrations` inside one IMMEDIATE transaction (so two processes opening a
 * fresh file do not both create tables). Refuses a database written by a newer schema.
 */
export function runMigrations(db: Database, migrations: readonly Migration[]): number {
  const target = migrations[migrations.length - 1]?.version ?? 0;
  const step = db.transaction(() => {
    const current = readVersion(db);
    if (current > target) throw new StoreOpenError(`the store has schema version ${current}, newer than this program's ${target}`);
    for (const m of migrations) {
      if (m.version <= current) continue;
      m.up(db);
      db.prepare("INSERT OR REPLACE INTO docs (tbl, id, doc) VALUES ('meta', ?, ?)").run(SCHEMA_VERSION_ID, JSON.stringify({ version: m.version }));
    }
    return Math.max(current, target);
  });
  return step.immediate();
}

function readVersion(db: Database): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'docs'").get();
  if (exists === undefined) return 0;
  const row = db.prepare("SELECT doc FROM docs WHERE tbl = 'meta' AND id = ?").get(SCHEMA_VERSION_ID) as { doc: string } | undefined;
  return row === undefined ? 0 : (JSON.parse(row.doc) as { version: number }).version;
}
