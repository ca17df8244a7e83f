/**
 * @module backend/crypto/hashes
 * The hash functions named by KMS algorithm identifiers (…_SHA_1/224/256/384/512; e.g.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html#KMS-Sign-request-SigningAlgorithm), from noble.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';

/** A hash function with its output length and node/OpenSSL name. */
export interface HashFn {
  readonly hash: (msg: Uint8Array) => Uint8Array;
  readonly outputLen: number;
  readonly nodeName: 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  /** The noble constructor, for HMAC and MGF1. */
  readonly noble: CHash;
}

/** Hashes by bit size. */
export const HASHES: Readonly<Record<'1' | '224' | '256' | '384' | '512', HashFn>> = {
  '1': { hash: (m) => sha1(m), outputLen: 20, nodeName: 'sha1', noble: sha1 },
  '224': { hash: (m) => sha224(m), outputLen: 28, nodeName: 'sha224', noble: sha224 },
  '256': { hash: (m) => sha256(m), outputLen: 32, nodeName: 'sha256', noble: sha256 },
  '384': { hash: (m) => sha384(m), outputLen: 48, nodeName: 'sha384', noble: sha384 },
  '512': { hash: (m) => sha512(m), outputLen: 64, nodeName: 'sha512', noble: sha512 },
};

/** The hash an algorithm name ends with (`…_SHA_256` → SHA-256); undefined when it names none. */
export function hashOf(algorithm: string): HashFn | undefined {
  const m = /_SHA_(1|224|256|384|512)$/.exec(algorithm);
  return m === null ? undefined : HASHES[m[1] as keyof typeof HASHES];
}
