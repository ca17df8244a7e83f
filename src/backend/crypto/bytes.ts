/**
 * @module backend/crypto/bytes
 * Byte helpers shared by the crypto modules: CSPRNG bytes, concatenation, constant-time comparison.
 * GenerateRandom (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html) is
 * served by `randomBytes`.
 */
import { randomBytes as nobleRandomBytes } from '@noble/ciphers/utils.js';

/** Largest request crypto.getRandomValues serves in one call. */
const RANDOM_CHUNK = 65536;

/** `n` bytes from the platform CSPRNG (crypto.getRandomValues via noble, in 64 KiB calls). */
export function randomBytes(n: number): Uint8Array {
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
