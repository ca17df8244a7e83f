/**
 * @module backend/crypto/seal
 * At-rest sealing of key material in the store, the simulator's stand-in for KMS's HSM-protected
 * storage (https://docs.aws.amazon.com/kms/latest/cryptographic-details/intro.html): AES-256-GCM
 * under a master key, with caller-supplied AAD binding the sealed bytes to their row.
 * Layout: version 0x01 ‖ IV (12) ‖ ciphertext ‖ tag (16).
 */
import { gcm } from '@noble/ciphers/aes.js';
import { concatBytes, randomBytes } from './bytes.js';

const VERSION = 0x01;

/** Seals `plaintext` under the 32-byte `masterKey`, bound to `aad`. INVARIANT: masterKey is 32 bytes. */
export function seal(masterKey: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  if (masterKey.length !== 32) throw new Error('INVARIANT: the master key must be 32 bytes');
  const iv = randomBytes(12);
  return concatBytes(Uint8Array.of(VERSION), iv, gcm(masterKey, iv, aad).encrypt(plaintext));
}

/** Opens a sealed value; null when the key, the AAD or the bytes do not match. */
export function open(masterKey: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array | null {
  if (masterKey.length !== 32 || sealed.length < 1 + 12 + 16 || sealed[0] !== VERSION) return null;
  try {
    return gcm(masterKey, sealed.subarray(1, 13), aad).decrypt(sealed.subarray(13));
  } catch {
    return null;
  }
}
