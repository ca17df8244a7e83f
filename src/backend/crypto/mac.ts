/**
 * @module backend/crypto/mac
 * GenerateMac / VerifyMac with HMAC keys (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html,
 * https://docs.aws.amazon.com/kms/latest/developerguide/hmac.html): each HMAC key spec supports exactly one
 * algorithm; another one is an InvalidKeyUsageException with AWS's text "Algorithm HMAC_SHA_256 is incompatible
 * with key spec HMAC_224." (kms-api.md §4). HMAC from noble; comparison in constant time.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { equalBytes } from './bytes.js';
import { fail, type CryptoFailure } from './failure.js';
import { hashOf } from './hashes.js';
import type { KeyMaterial } from './keys.js';
import { HMAC_ALGORITHM, isHmacSpec } from './specs.js';

/** The HMAC tag of `message`. */
export function generateMac(material: KeyMaterial, algorithm: string, message: Uint8Array): Uint8Array | CryptoFailure {
  const spec = material.keySpec;
  if (!isHmacSpec(spec) || HMAC_ALGORITHM[spec] !== algorithm) {
    return fail('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
  }
  const h = hashOf(algorithm);
  // INVARIANT: HMAC_ALGORITHM values all end in _SHA_<bits>.
  if (h === undefined) throw new Error(`INVARIANT: ${algorithm} names no hash`);
  return hmac(h.noble, material.secret, message);
}

/** True when `mac` is the HMAC of `message` (false → KMSInvalidMacException upstream). */
export function verifyMac(material: KeyMaterial, algorithm: string, message: Uint8Array, mac: Uint8Array): boolean | CryptoFailure {
  const expected = generateMac(material, algorithm, message);
  if (!(expected instanceof Uint8Array)) return expected;
  return equalBytes(expected, mac);
}
