/**
 * @module backend/store/statements
 * Every SQL statement of the store, prepared once per connection (compile once, run many). The index
 * queries repeat each expression index's exact `json_extract(doc, '$.<field>')` and name it with INDEXED BY: without
 * ANALYZE statistics the planner prefers the primary key (it avoids the ORDER BY sort) and scans the whole table;
 * INDEXED BY makes preparing fail instead of silently scanning.
 */
import type { Database, Statement } from 'better-sqlite3';
import { INDEXED_FIELDS, type IndexedField } from './schema.js';

/** The prepared statements of one connection. */
export interface Statements {
  readonly get: Statement;
  readonly put: Statement;
  readonly delete: Statement;
  /** (tbl, prefix, after, after): rows with id ≥ prefix and (after null or id > after), ordered by id; the caller stops at the first id outside the prefix. */
  readonly listFrom: Statement;
  /** Per indexed field: (tbl, value, prefix, after, after), ordered by id. */
  readonly byIndex: ReadonlyMap<IndexedField, Statement>;
  readonly putSecret: Statement;
  readonly getSecret: Statement;
  readonly deleteSecret: Statement;
  readonly nextSequence: Statement;
  readonly appendAudit: Statement;
  /** (afterSeq, limit; -1 = no limit). */
  readonly readAudit: Statement;
}

/** Prepares the statements against a migrated database. */
export function prepareStatements(db: Database): Statements {
  return {
    get: db.prepare('SELECT doc FROM docs WHERE tbl = ? AND id = ?'),
    put: db.prepare('INSERT INTO docs (tbl, id, doc) VALUES (?, ?, ?) ON CONFLICT (tbl, id) DO UPDATE SET doc = excluded.doc'),
    delete: db.prepare('DELETE FROM docs WHERE tbl = ? AND id = ?'),
    listFrom: db.prepare('SELECT id, doc FROM docs WHERE tbl = ? AND id >= ? AND (? IS NULL OR id > ?) ORDER BY id'),
    byIndex: new Map(
      INDEXED_FIELDS.map((f) => [
        f,
        db.prepare(`SELECT id, doc FROM docs INDEXED BY docs_by_${f} WHERE tbl = ? AND json_extract(doc, '$.${f}') = ? AND id >= ? AND (? IS NULL OR id > ?) ORDER BY id`),
      ]),
    ),
    putSecret: db.prepare('INSERT INTO secrets (id, sealed) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET sealed = excluded.sealed'),
    getSecret: db.prepare('SELECT sealed FROM secrets WHERE id = ?'),
    deleteSecret: db.prepare('DELETE FROM secrets WHERE id = ?'),
    nextSequence: db.prepare(
      'INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
    ),
    appendAudit: db.prepare('INSERT INTO audit (event) VALUES (?)'),
    readAudit: db.prepare('SELECT event FROM audit WHERE seq > ? ORDER BY seq LIMIT ?'),
  };
}
