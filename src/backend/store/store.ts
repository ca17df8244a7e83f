/**
 * @module backend/store/store
 * The durable store behind the simulated KMS: better-sqlite3 in WAL mode. State that AWS keeps durable
 * (keys, aliases, grants, tags, material; https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html)
 * must survive a crash here too, so:
 * - synchronous=FULL: in WAL mode NORMAL survives a process crash but may drop the last commits on power loss;
 *   an acknowledged write must be durable, so every commit syncs the WAL (the cost is measured in bench/crypto).
 * - every `tx` is BEGIN IMMEDIATE: it takes the write lock first, so read-modify-write sequences of two
 *   processes serialize instead of failing at upgrade time; busy_timeout makes the second one wait.
 * - `tx` returns only after COMMIT, so a caller that acknowledges after `tx` acknowledges durable state.
 * - transactions are synchronous: interleaving async callers cannot split one, so no update is lost.
 * Secrets are sealed with AES-256-GCM under the master key, the row id bound as AAD; plaintext never reaches disk.
 * Opening a sealed secret is memoized by its exact sealed bytes (see unseal-cache.ts): a pure function of the row, so
 * a change made by another process sharing the file (different bytes, or no row) can never be answered from memory.
 * `writes` counts the writes made through a Tx, so a caller can tell a read-only transaction (no commit to
 * sync) from one that changed state.
 */
import Database from 'better-sqlite3';
import { open as openSealed, seal, utf8 } from '../crypto/index.js';
import { loadOrCreateMasterKey } from './master-key.js';
import { INDEXED_FIELDS, MIGRATIONS, RESERVED_META_PREFIX, StoreOpenError, runMigrations, type IndexedField, type Table } from './schema.js';
import { prepareStatements, type Statements } from './statements.js';
import { UnsealCache } from './unseal-cache.js';

/** Options of {@link openStore}. */
export interface StoreOptions {
  /** SQLite file; absent or ':memory:' gives a private in-memory store. */
  readonly path?: string;
  /** 32-byte master key; default: the key file next to the database (random per in-memory store). */
  readonly masterKey?: Uint8Array;
  /** Milliseconds a writer waits for another process's transaction (default 5000). */
  readonly busyTimeoutMs?: number;
}

/** Options of {@link Tx.list}. */
export interface ListOptions {
  /** Only ids starting with this string. */
  readonly prefix?: string;
  /** Only documents whose indexed top-level field `name` equals `value` (served by an index). */
  readonly index?: { readonly name: IndexedField; readonly value: string };
  /** Only ids after this one (exclusive, binary order): the Marker of a paginated List* call. */
  readonly after?: string;
  /** At most this many documents. */
  readonly limit?: number;
}

/** Options of {@link Store.readAudit}. */
export interface ReadAuditOptions {
  /** Only events appended after this sequence number (see {@link Store.appendAudit}'s return value). */
  readonly afterSeq?: number;
  /** At most this many events (oldest first). */
  readonly limit?: number;
}

/** Reads and writes inside one transaction. Valid only while its `tx` callback runs. */
export interface Tx {
  /** The document, typed by the caller (documents are the caller's JSON shapes; the store does not validate them). */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the agreed API: the caller names its document type
  get<T>(table: Table, id: string): T | undefined;
  put(table: Table, id: string, doc: unknown): void;
  /** True when a document was deleted. */
  delete(table: Table, id: string): boolean;
  /** Documents ordered by id (binary order). */
  list<T>(table: Table, opts?: ListOptions): T[];
  putSecret(id: string, bytes: Uint8Array): void;
  getSecret(id: string): Uint8Array | undefined;
  /** True when a secret was deleted. */
  deleteSecret(id: string): boolean;
  /** The next value (1, 2, 3, …) of a named counter. */
  nextSequence(name: string): number;
  /** Appends an audit event in this transaction; returns its sequence number. */
  appendAudit(event: object): number;
}

/** An open store. */
export interface Store {
  /** Runs `fn` in one IMMEDIATE transaction, committed before returning; nested calls join (as savepoints). */
  tx<T>(fn: (t: Tx) => T): T;
  /** Appends an audit event (in its own transaction, or the caller's when nested in `tx`). */
  appendAudit(event: object): number;
  /** Audit events, oldest first. */
  readAudit<T = Record<string, unknown>>(opts?: ReadAuditOptions): T[];
  /** SQLite's `PRAGMA integrity_check` result: `['ok']` when healthy. */
  checkIntegrity(): string[];
  /** The file path, or ':memory:'. */
  readonly path: string;
  /** Writes made through any Tx since the store was opened (monotonic): unchanged across a `tx` means it wrote nothing. */
  readonly writes: number;
  close(): void;
}

const MASTER_CHECK_ID = 'store:master_key_check';
const MASTER_CHECK = utf8('kms-authz master key check');

/** Opens (creating and migrating if needed) a store. Throws {@link StoreOpenError} on an unusable database. */
export function openStore(opts: StoreOptions = {}): Store {
  const path = opts.path ?? ':memory:';
  const memory = path === ':memory:';
  const masterKey = opts.masterKey ?? (memory ? crypto.getRandomValues(new Uint8Array(32)) : loadOrCreateMasterKey(path));
  if (masterKey.length !== 32) throw new StoreOpenError('the master key must be 32 bytes');
  const db = new Database(path, { timeout: opts.busyTimeoutMs ?? 5000 });
  try {
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    runMigrations(db, MIGRATIONS);
    const st = prepareStatements(db);
    checkMasterKey(db, st, masterKey);
    return makeStore(db, st, masterKey, path);
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkMasterKey(db: Database.Database, st: Statements, masterKey: Uint8Array): void {
  db.transaction(() => {
    const row = st.get.get('meta', MASTER_CHECK_ID) as { doc: string } | undefined;
    const aad = utf8(MASTER_CHECK_ID);
    if (row === undefined) {
      const sealed = Buffer.from(seal(masterKey, MASTER_CHECK, aad)).toString('base64');
      st.put.run('meta', MASTER_CHECK_ID, JSON.stringify({ sealed }));
      return;
    }
    const sealed = new Uint8Array(Buffer.from((JSON.parse(row.doc) as { sealed: string }).sealed, 'base64'));
    if (openSealed(masterKey, sealed, aad) === null) throw new StoreOpenError('the master key does not match the one this store was created with');
  }).immediate();
}

function makeStore(db: Database.Database, st: Statements, masterKey: Uint8Array, path: string): Store {
  let depth = 0;
  const live = (): void => {
    if (depth === 0) throw new Error('INVARIANT: a Tx is used outside its transaction');
  };
  const reserved = (table: Table, id: string): void => {
    // INVARIANT: the store's own meta rows are not the caller's to change.
    if (table === 'meta' && id.startsWith(RESERVED_META_PREFIX)) throw new Error(`INVARIANT: meta id ${id} is reserved by the store`);
  };
  const secretAad = (id: string): Uint8Array => utf8(`kms-authz/secret\u0000${id}`);
  const unsealed = new UnsealCache();
  let writes = 0;
  const t: Tx = {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- see Tx.get
    get<T>(table: Table, id: string): T | undefined {
      live();
      const row = st.get.get(table, id) as { doc: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.doc) as T);
    },
    put(table, id, doc) {
      live();
      reserved(table, id);
      writes++;
      const json = JSON.stringify(doc);
      // INVARIANT: documents are JSON values (undefined or a function would silently vanish).
      if (json === undefined) throw new Error('INVARIANT: a stored document must be JSON-serializable');
      st.put.run(table, id, json);
    },
    delete(table, id) {
      live();
      reserved(table, id);
      writes++;
      return st.delete.run(table, id).changes > 0;
    },
    list<T>(table: Table, o: ListOptions = {}): T[] {
      live();
      const prefix = o.prefix ?? '';
      const after = o.after ?? null;
      const limit = o.limit ?? Number.POSITIVE_INFINITY;
      // Before iterate(): an iterator that is never run to the end or returned keeps the connection busy.
      if (limit <= 0) return [];
      let rows: Iterable<{ id: string; doc: string }>;
      if (o.index === undefined) rows = st.listFrom.iterate(table, prefix, after, after) as Iterable<{ id: string; doc: string }>;
      else {
        const byField = st.byIndex.get(o.index.name);
        if (byField === undefined) throw new Error(`INVARIANT: ${o.index.name} is not an indexed field (${INDEXED_FIELDS.join(', ')})`);
        rows = byField.iterate(table, o.index.value, prefix, after, after) as Iterable<{ id: string; doc: string }>;
      }
      const out: T[] = [];
      for (const r of rows) {
        // Ids sharing a prefix are contiguous in binary order, so the first miss ends the range.
        if (!r.id.startsWith(prefix)) break;
        out.push(JSON.parse(r.doc) as T);
        if (out.length >= limit) break;
      }
      return out;
    },
    putSecret(id, bytes) {
      live();
      writes++;
      st.putSecret.run(id, seal(masterKey, bytes, secretAad(id)));
    },
    getSecret(id) {
      live();
      const row = st.getSecret.get(id) as { sealed: Buffer } | undefined;
      if (row === undefined) return undefined;
      const sealed = new Uint8Array(row.sealed);
      const hit = unsealed.get(id, sealed);
      if (hit !== undefined) return hit;
      const plain = openSealed(masterKey, sealed, secretAad(id));
      // INVARIANT: the master key was checked at open, so a failure here is on-disk corruption or tampering.
      if (plain === null) throw new Error(`INVARIANT: sealed secret ${id} does not open (corrupted store)`);
      unsealed.set(id, sealed, plain);
      return plain;
    },
    deleteSecret(id) {
      live();
      writes++;
      return st.deleteSecret.run(id).changes > 0;
    },
    nextSequence(name) {
      live();
      writes++;
      return (st.nextSequence.get(name) as { value: number }).value;
    },
    appendAudit(event) {
      live();
      writes++;
      return Number(st.appendAudit.run(JSON.stringify(event)).lastInsertRowid);
    },
  };
  const runner = db.transaction((fn: (tx: Tx) => unknown) => {
    depth++;
    try {
      return fn(t);
    } finally {
      depth--;
    }
  });
  const store: Store = {
    path,
    get writes() {
      return writes;
    },
    tx<T>(fn: (tx: Tx) => T): T {
      return runner.immediate(fn) as T;
    },
    appendAudit(event) {
      return store.tx((x) => x.appendAudit(event));
    },
    readAudit<T = Record<string, unknown>>(o: ReadAuditOptions = {}): T[] {
      const rows = st.readAudit.all(o.afterSeq ?? 0, o.limit ?? -1) as { event: string }[];
      return rows.map((r) => JSON.parse(r.event) as T);
    },
    checkIntegrity() {
      return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    },
    close() {
      unsealed.clear();
      db.close();
    },
  };
  return store;
}
