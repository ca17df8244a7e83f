// The decoded-key cache: hits by content (never by identity), evicts least recently used, stays bounded.
import { describe, expect, it } from 'vitest';
import { KeyCache } from '../../../../src/backend/crypto/key-cache.js';

describe('KeyCache', () => {
  it('decodes once per distinct content and keeps at most 256 entries, evicting the least recently used', () => {
    const cache = new KeyCache<number>();
    let decodes = 0;
    const decode = (b: Uint8Array): number => {
      decodes++;
      return b[0] * 256 + b[1];
    };
    const key = (n: number): Uint8Array => new Uint8Array([n >> 8, n & 0xff]);
    expect(cache.get(key(1), decode)).toBe(1);
    expect(cache.get(key(1), decode)).toBe(1); // another array, same bytes: a hit
    expect(decodes).toBe(1);
    for (let n = 2; n <= 256; n++) cache.get(key(n), decode);
    cache.get(key(1), decode); // touch 1 so 2 becomes the oldest
    cache.get(key(300), decode);
    expect(cache.size).toBe(256);
    const before = decodes;
    cache.get(key(1), decode);
    expect(decodes).toBe(before);
    cache.get(key(2), decode);
    expect(decodes).toBe(before + 1);
  });
});
