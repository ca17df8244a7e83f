/**
 * @module backend/crypto/bytes
 * Byte helpers shared by the crypto modules: CSPRNG bytes, concatenation, constant-time comparison.
 * GenerateRandom (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html) is
 * served by `randomBytes`.
 */
import { randomBytes as nobleRandomBytes } from '@noble/ciphers/utils.js';

/** Largest request crypto.getRandomValues serves in one call. */
const RANDOM_CHUNK = 65536;

/**
 * Small requests (IVs, ids, data keys) are served from a 4 KiB block of CSPRNG output: one
 * crypto.getRandomValues call cost ~10 µs whatever its size, a twentieth of an Encrypt in the profile.
 * Node's own randomUUID buffers its entropy the same way. Each byte is handed out once and zeroed in the
 * block when taken, so no earlier output stays in memory to be handed out again.
 */
const POOL_BYTES = 4096;
const POOLED_MAX = 256;
let pool = new Uint8Array(0);
let poolOff = 0;

/** `n` bytes from the platform CSPRNG (crypto.getRandomValues via noble, in 64 KiB calls; small ones pooled). */
export function randomBytes(n: number): Uint8Array {
  if (n <= POOLED_MAX) {
    if (poolOff + n > pool.length) {
      pool = nobleRandomBytes(POOL_BYTES);
      poolOff = 0;
    }
    const out = pool.slice(poolOff, poolOff + n);
    pool.fill(0, poolOff, poolOff + n);
    poolOff += n;
    return out;
  }
  if (n <= RANDOM_CHUNK) return nobleRandomBytes(n);
  const out = new Uint8Array(n);
  for (let off = 0; off < n; off += RANDOM_CHUNK) out.set(nobleRandomBytes(Math.min(RANDOM_CHUNK, n - off)), off);
  return out;
}

/** Concatenates byte arrays into a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Compares two byte arrays in time independent of where they differ (lengths are not secret). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const encoder = new TextEncoder();

/** UTF-8 encoding of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Lowercase hex of bytes. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Bytes of a hex string (caller guarantees even length and hex digits). */
export function fromHex(h: string): Uint8Array {
  return new Uint8Array(Buffer.from(h, 'hex'));
}
