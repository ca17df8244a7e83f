/**
 * @module backend/crypto/key-cache
 * Parse a DER key once, use it many times (the project's compile-once rule): decoding PKCS#8/SPKI through
 * node:crypto costs more than an ECDSA signature, and Sign/Verify/DeriveSharedSecret
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html) see the same few keys again and again.
 * A small LRU keyed by the DER bytes themselves (base64), so a changed key can never hit a stale entry.
 * Decoded private keys live here only as long as the store's own copies are in use by the process.
 */

const MAX_ENTRIES = 256;

/** A bounded least-recently-used cache of decoded keys. */
export class KeyCache<T> {
  readonly #entries = new Map<string, T>();

  /** The decoded form of `der`, decoding (and remembering) it on a miss. */
  get(der: Uint8Array, decode: (der: Uint8Array) => T): T {
    const id = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
    const hit = this.#entries.get(id);
    if (hit !== undefined) {
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit;
    }
    const value = decode(der);
    this.#entries.set(id, value);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }

  /** Number of cached keys (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}
