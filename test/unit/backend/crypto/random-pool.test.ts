// randomBytes serves small requests from a pooled block of CSPRNG output (crypto/bytes.ts): every request
// gets its own bytes (never a repeat of an earlier output, also across block refills) of the right length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomBytes, toHex } from '../../../../src/backend/crypto/index.js';

describe('pooled randomBytes', () => {
  it('never hands out the same 16 bytes twice across several pool refills', () => {
    const seen = new Set<string>();
    // 2,000 × 16 B is about eight 4 KiB blocks.
    for (let i = 0; i < 2000; i++) seen.add(toHex(randomBytes(16)));
    expect(seen.size).toBe(2000);
  });

  it('returns exactly n bytes for any size, pooled or not, and the bytes are not constant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70_000 }), (n) => {
        const b = randomBytes(n);
        expect(b.length).toBe(n);
        if (n >= 32) expect(new Set(b).size).toBeGreaterThan(1);
      }),
      { numRuns: 60 },
    );
  });

  it('a caller overwriting its bytes does not change what the next caller gets', () => {
    const a = randomBytes(12);
    a.fill(0);
    const b = randomBytes(12);
    expect(b.every((x) => x === 0)).toBe(false);
  });
});
