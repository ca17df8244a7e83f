// The durable store: documents, indexes, secrets, sequences, audit, transactions, concurrency, migrations.
import { mkdtempSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StoreOpenError, masterKeyPath, openStore, type Store } from '../../../../src/backend/store/index.js';
import { prepareStatements } from '../../../../src/backend/store/statements.js';
import { MIGRATIONS, SCHEMA_VERSION_ID, runMigrations } from '../../../../src/backend/store/schema.js';

const dirs: string[] = [];
const opened: Store[] = [];
function tempPath(): string {
  const d = mkdtempSync(join(tmpdir(), 'kms-store-'));
  dirs.push(d);
  return join(d, 'kms.db');
}
function track(s: Store): Store {
  opened.push(s);
  return s;
}
afterEach(() => {
  for (const s of opened.splice(0)) {
    try {
      s.close();
    } catch {
      /* already closed by the test */
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Grant {
  grantId: string;
  keyId: string;
  granteePrincipal: string;
}

describe('documents', () => {
  it('put / get / delete / list ordered by id, by prefix and by index', () => {
    const s = track(openStore());
    s.tx((t) => {
      t.put('grants', 'g3', { grantId: 'g3', keyId: 'k2', granteePrincipal: 'bob' });
      t.put('grants', 'g1', { grantId: 'g1', keyId: 'k1', granteePrincipal: 'alice' });
      t.put('grants', 'g2', { grantId: 'g2', keyId: 'k1', granteePrincipal: 'bob' });
      t.put('aliases', 'alias/x', { targetKeyId: 'k1' });
      t.put('tags', 'k1/b', { keyId: 'k1', v: 2 });
      t.put('tags', 'k1/a', { keyId: 'k1', v: 1 });
      t.put('tags', 'k10/a', { keyId: 'k10', v: 3 });
    });
    s.tx((t) => {
      expect(t.get<Grant>('grants', 'g1')?.granteePrincipal).toBe('alice');
      expect(t.get('keys', 'g1')).toBeUndefined();
      expect(t.list<Grant>('grants').map((g) => g.grantId)).toEqual(['g1', 'g2', 'g3']);
      expect(t.list<Grant>('grants', { index: { name: 'keyId', value: 'k1' } }).map((g) => g.grantId)).toEqual(['g1', 'g2']);
      expect(t.list<Grant>('grants', { index: { name: 'granteePrincipal', value: 'bob' } }).map((g) => g.grantId)).toEqual(['g2', 'g3']);
      expect(t.list('aliases', { index: { name: 'targetKeyId', value: 'k1' } })).toHaveLength(1);
      expect(t.list<{ v: number }>('tags', { prefix: 'k1/' }).map((x) => x.v)).toEqual([1, 2]);
      expect(t.list<{ v: number }>('tags', { prefix: 'k1' }).map((x) => x.v)).toEqual([1, 2, 3]);
      expect(t.list('tags', { prefix: 'k1/', index: { name: 'keyId', value: 'k10' } })).toEqual([]);
      expect(t.list<Grant>('grants', { after: 'g1' }).map((g) => g.grantId)).toEqual(['g2', 'g3']);
      expect(t.list<Grant>('grants', { after: 'g1', limit: 1 }).map((g) => g.grantId)).toEqual(['g2']);
      expect(t.list<Grant>('grants', { index: { name: 'granteePrincipal', value: 'bob' }, after: 'g2' }).map((g) => g.grantId)).toEqual(['g3']);
      expect(t.list('grants', { limit: 0 })).toEqual([]);
      expect(t.delete('grants', 'g2')).toBe(true);
      expect(t.delete('grants', 'g2')).toBe(false);
      t.put('grants', 'g1', { grantId: 'g1', keyId: 'k9', granteePrincipal: 'alice' });
      expect(t.list('grants', { index: { name: 'keyId', value: 'k1' } })).toEqual([]);
    });
  });

  it('index lookups use the expression index, not a scan', () => {
    const path = tempPath();
    track(openStore({ path })).close();
    const db = new Database(path);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${prepareStatements(db).byIndex.get('keyId')!.source}`).all('grants', 'k1', '', null, null) as { detail: string }[];
    db.close();
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING INDEX docs_by_keyId/);
  });

  it('refuses a table outside the fixed enum and a non-JSON document', () => {
    const s = track(openStore());
    expect(() => { s.tx((t) => { t.put('nope' as 'keys', 'x', {}); }); }).toThrow(/CHECK constraint/);
    expect(() => { s.tx((t) => { t.put('keys', 'x', undefined); }); }).toThrow(/INVARIANT/);
  });
});

describe('secrets', () => {
  it('are sealed on disk, bound to their id, and need the same master key', () => {
    const path = tempPath();
    const marker = new Uint8Array(Buffer.from('PLAINTEXT-MARKER-0123456789abcdef'));
    const s = track(openStore({ path }));
    s.tx((t) => { t.putSecret('mat-1', marker); });
    expect(s.tx((t) => t.getSecret('mat-1'))).toEqual(marker);
    s.close();
    const dir = join(path, '..');
    for (const f of readdirSync(dir).filter((n) => !n.endsWith('.master-key'))) {
      expect(readFileSync(join(dir, f)).includes(Buffer.from(marker)), f).toBe(false);
    }
    expect(statSync(masterKeyPath(path)).mode & 0o777).toBe(0o600);
    // Swapping sealed rows between ids is caught by the AAD.
    const db = new Database(path);
    db.prepare("INSERT INTO secrets (id, sealed) SELECT 'mat-2', sealed FROM secrets WHERE id = 'mat-1'").run();
    db.close();
    const again = track(openStore({ path }));
    expect(again.tx((t) => t.getSecret('mat-1'))).toEqual(marker);
    expect(() => again.tx((t) => t.getSecret('mat-2'))).toThrow(/does not open/);
    expect(again.tx((t) => t.deleteSecret('mat-2'))).toBe(true);
    expect(again.tx((t) => t.getSecret('mat-2'))).toBeUndefined();
    again.close();
    expect(() => openStore({ path, masterKey: new Uint8Array(32) })).toThrow(StoreOpenError);
  });
});

describe('transactions', () => {
  it('roll back on throw, join when nested, and refuse promises and stale Tx handles', () => {
    const s = track(openStore());
    expect(() => s.tx((t) => { t.put('keys', 'a', 1); throw new Error('boom'); })).toThrow('boom');
    expect(s.tx((t) => t.get('keys', 'a'))).toBeUndefined();
    expect(() =>
      s.tx((t) => {
        s.tx((inner) => { inner.put('keys', 'b', 2); });
        expect(t.get('keys', 'b')).toBe(2);
        throw new Error('outer');
      }),
    ).toThrow('outer');
    expect(s.tx((t) => t.get('keys', 'b'))).toBeUndefined();
    expect(() => s.tx((t) => { t.put('keys', 'c', 3); return Promise.resolve(); })).toThrow(/promise/);
    expect(s.tx((t) => t.get('keys', 'c'))).toBeUndefined();
    const stale = s.tx((t) => t);
    expect(() => stale.get('keys', 'a')).toThrow(/INVARIANT/);
  });

  it('interleaved async read-modify-write callers lose nothing inside tx (and do without it)', async () => {
    const s = track(openStore());
    s.tx((t) => { t.put('tags', 'k', { tags: [] as string[] }); t.put('tags', 'naive', { tags: [] as string[] }); });
    const N = 200;
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i % 7));
        s.tx((t) => {
          const doc = t.get<{ tags: string[] }>('tags', 'k')!;
          t.put('tags', 'k', { tags: [...doc.tags, `t${i}`] });
        });
        // The hazard the store's design avoids: read in one transaction, write in another after an await.
        const before = s.tx((t) => t.get<{ tags: string[] }>('tags', 'naive')!);
        await new Promise((r) => setTimeout(r, 1));
        s.tx((t) => { t.put('tags', 'naive', { tags: [...before.tags, `t${i}`] }); });
      }),
    );
    expect(s.tx((t) => t.get<{ tags: string[] }>('tags', 'k')!.tags)).toHaveLength(N);
    expect(s.tx((t) => t.get<{ tags: string[] }>('tags', 'naive')!.tags).length).toBeLessThan(N);
  });

  it('IMMEDIATE: a second connection cannot start a write while the first holds one', () => {
    const path = tempPath();
    const a = track(openStore({ path }));
    const b = track(openStore({ path, busyTimeoutMs: 50 }));
    a.tx((t) => {
      t.put('keys', 'x', 1);
      expect(() => { b.tx((u) => { u.put('keys', 'y', 2); }); }).toThrow(/locked|busy/i);
    });
    b.tx((u) => { u.put('keys', 'y', 2); });
    expect(a.tx((t) => [t.get('keys', 'x'), t.get('keys', 'y')])).toEqual([1, 2]);
  });

  it('sequences count from 1 per name and persist', () => {
    const path = tempPath();
    const s = track(openStore({ path }));
    expect(s.tx((t) => [t.nextSequence('a'), t.nextSequence('a'), t.nextSequence('b')])).toEqual([1, 2, 1]);
    s.close();
    expect(track(openStore({ path })).tx((t) => t.nextSequence('a'))).toBe(3);
  });
});

describe('audit', () => {
  it('appends in order and reads after a sequence with a limit', () => {
    const s = track(openStore());
    const seqs = [1, 2, 3, 4].map((n) => s.appendAudit({ eventName: 'Encrypt', n }));
    s.tx((t) => t.appendAudit({ eventName: 'Decrypt', n: 5 }));
    expect(s.readAudit<{ n: number }>().map((e) => e.n)).toEqual([1, 2, 3, 4, 5]);
    expect(s.readAudit<{ n: number }>({ afterSeq: seqs[1], limit: 2 }).map((e) => e.n)).toEqual([3, 4]);
  });
});

describe('schema and migrations', () => {
  it('records the version, runs new migrations once, and refuses a newer database', () => {
    const path = tempPath();
    track(openStore({ path })).close();
    const db = new Database(path);
    const v2 = [...MIGRATIONS, { version: 2, up: (d: Database.Database) => d.exec('CREATE TABLE extra (x)') }];
    expect(runMigrations(db, v2)).toBe(2);
    expect(runMigrations(db, v2)).toBe(2);
    db.prepare("UPDATE docs SET doc = '{\"version\":99}' WHERE tbl = 'meta' AND id = ?").run(SCHEMA_VERSION_ID);
    db.close();
    expect(() => openStore({ path })).toThrow(/schema version 99/);
  });

  it('is WAL with synchronous FULL and passes integrity_check', () => {
    const path = tempPath();
    const s = track(openStore({ path }));
    expect(s.checkIntegrity()).toEqual(['ok']);
    s.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});

describe('model-based property', () => {
  it('any sequence of puts and deletes lists like a sorted map, by prefix and by index', () => {
    const ids = fc.constantFrom('a', 'ab', 'abc', 'b', 'b/1', 'b/2', 'é', 'z', 'a\u0000');
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), id: ids, keyId: fc.constantFrom('k1', 'k2') }),
      fc.record({ kind: fc.constant('delete' as const), id: ids }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.constantFrom('', 'a', 'b/', 'é'), fc.option(ids, { nil: undefined }), fc.option(fc.nat(5), { nil: undefined }), (ops, prefix, after, limit) => {
        const s = openStore();
        const model = new Map<string, { id: string; keyId: string }>();
        s.tx((t) => {
          for (const o of ops) {
            if (o.kind === 'put') {
              t.put('grants', o.id, { id: o.id, keyId: o.keyId });
              model.set(o.id, { id: o.id, keyId: o.keyId });
            } else expect(t.delete('grants', o.id)).toBe(model.delete(o.id));
          }
        });
        // SQLite orders TEXT by UTF-8 bytes; so does Buffer.compare.
        const sorted = [...model.values()].sort((x, y) => Buffer.compare(Buffer.from(x.id), Buffer.from(y.id)));
        s.tx((t) => {
          expect(t.list('grants', { prefix })).toEqual(sorted.filter((d) => d.id.startsWith(prefix)));
          const page = sorted.filter((d) => d.id.startsWith(prefix) && (after === undefined || Buffer.compare(Buffer.from(d.id), Buffer.from(after)) > 0));
          expect(t.list('grants', { prefix, ...(after === undefined ? {} : { after }), ...(limit === undefined ? {} : { limit }) })).toEqual(page.slice(0, limit));
          expect(t.list('grants', { prefix, index: { name: 'keyId', value: 'k1' } })).toEqual(sorted.filter((d) => d.id.startsWith(prefix) && d.keyId === 'k1'));
        });
        s.close();
      }),
      { numRuns: 100 },
    );
  });
});
