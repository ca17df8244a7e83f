// The opened-secret memo answers only for the exact sealed bytes it opened, stays bounded, and hands out copies.
import { describe, expect, it } from 'vitest';
import { UnsealCache } from '../../../../src/backend/store/unseal-cache.js';
import { openStore } from '../../../../src/backend/store/index.js';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe('UnsealCache', () => {
  it('misses for different sealed bytes under the same id, and forgets the stale entry', () => {
    const c = new UnsealCache();
    c.set('a', bytes(1, 2, 3), bytes(9));
    expect(c.get('a', bytes(1, 2, 3))).toEqual(bytes(9));
    expect(c.get('a', bytes(1, 2, 4))).toBeUndefined();
    expect(c.get('a', bytes(1, 2, 3))).toBeUndefined();
  });

  it('evicts the least recently used entry at its limit', () => {
    const c = new UnsealCache(2);
    c.set('a', bytes(1), bytes(1));
    c.set('b', bytes(2), bytes(2));
    expect(c.get('a', bytes(1))).toEqual(bytes(1));
    c.set('c', bytes(3), bytes(3));
    expect(c.size).toBe(2);
    expect(c.get('b', bytes(2))).toBeUndefined();
    expect(c.get('a', bytes(1))).toEqual(bytes(1));
  });

  it('hands out copies: overwriting a returned secret does not change the next answer', () => {
    const c = new UnsealCache();
    c.set('a', bytes(1), bytes(5, 5));
    const got = c.get('a', bytes(1));
    got?.fill(0);
    expect(c.get('a', bytes(1))).toEqual(bytes(5, 5));
  });
});

describe('store secrets through the memo', () => {
  it('a replaced or deleted secret is never answered from memory', () => {
    const s = openStore();
    s.tx((t) => { t.putSecret('k', bytes(1, 1)); });
    expect(s.tx((t) => t.getSecret('k'))).toEqual(bytes(1, 1));
    s.tx((t) => { t.putSecret('k', bytes(2, 2)); });
    expect(s.tx((t) => t.getSecret('k'))).toEqual(bytes(2, 2));
    s.tx((t) => { t.deleteSecret('k'); });
    expect(s.tx((t) => t.getSecret('k'))).toBeUndefined();
    s.close();
  });

  it('counts writes, and a read-only transaction makes none', () => {
    const s = openStore();
    const w0 = s.writes;
    s.tx((t) => t.get('keys', 'x'));
    expect(s.writes).toBe(w0);
    s.tx((t) => { t.put('keys', 'x', { a: 1 }); });
    expect(s.writes).toBe(w0 + 1);
    s.close();
  });
});
