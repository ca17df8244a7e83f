/**
 * @module backend/store/unseal-cache
 * A bounded LRU memo of opened secrets. Opening a sealed secret (AES-256-GCM in pure JS) was about a
 * tenth of an in-process Encrypt's CPU time in the profile, and every cryptographic call opens its key's
 * material. An entry is keyed by the row id and answers only for the exact sealed bytes it was opened
 * from: the store still reads the row on every call, so a secret deleted, rotated or re-imported (by
 * this process or another one sharing the file) is never answered from memory.
 * https://docs.aws.amazon.com/kms/latest/developerguide/data-protection.html (key material is never exposed)
 */

/** Entries kept; a key's material is 32–1,200 bytes, so the cache stays well under a few MB. */
export const UNSEAL_CACHE_LIMIT = 1024;

interface Entry {
  readonly sealed: Uint8Array;
  readonly plain: Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Opened secrets by row id, valid only for the sealed bytes they came from. */
export class UnsealCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly limit = UNSEAL_CACHE_LIMIT) {}

  /** A copy of the plaintext when `sealed` is exactly what `id` was opened from (the caller may overwrite it). */
  get(id: string, sealed: Uint8Array): Uint8Array | undefined {
    const e = this.entries.get(id);
    if (e === undefined) return undefined;
    if (!sameBytes(e.sealed, sealed)) {
      this.entries.delete(id);
      return undefined;
    }
    // Re-insert: Map iteration order is insertion order, so the first entry is the least recently used.
    this.entries.delete(id);
    this.entries.set(id, e);
    return e.plain.slice();
  }

  /** Remembers what `sealed` opened to (copies both, so later changes by the caller do not leak in). */
  set(id: string, sealed: Uint8Array, plain: Uint8Array): void {
    this.entries.delete(id);
    if (this.entries.size >= this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(id, { sealed: sealed.slice(), plain: plain.slice() });
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }
}
