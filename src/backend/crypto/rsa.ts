/**
 * @module backend/crypto/rsa
 * RSA encryption (RSAES-OAEP with SHA-1 or SHA-256, MGF1 with the same hash) for Encrypt/Decrypt with RSA keys,
 * https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html#key-spec-rsa-encryption.
 * KMS refuses plaintexts longer than the OAEP maximum k − 2·hLen − 2 (RFC 8017 §7.1.1) with a ValidationException
 * whose text is recorded in kms-api.md §4 (e.g. 190 bytes for RSAES_OAEP_SHA_256 with RSA_2048).
 * noble has no RSA, so this module uses node:crypto (OpenSSL).
 */
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { fail, type CryptoFailure } from './failure.js';
import { KeyCache } from './key-cache.js';
import { HASHES } from './hashes.js';
import type { RsaEncryptionAlgorithm, RsaKeySpec } from './specs.js';

const OAEP_HASH = { RSAES_OAEP_SHA_1: HASHES['1'], RSAES_OAEP_SHA_256: HASHES['256'] } as const;

/** The largest plaintext KMS encrypts with this algorithm and modulus size. */
export function rsaMaxPlaintext(algorithm: RsaEncryptionAlgorithm, modulusBits: number): number {
  return modulusBits / 8 - 2 * OAEP_HASH[algorithm].outputLen - 2;
}

/** RSA-OAEP encryption (algorithm: RSAES_OAEP_SHA_1 | RSAES_OAEP_SHA_256) under an SPKI DER public key; a ValidationException value when the plaintext is too long. */
export function rsaEncrypt(publicSpki: Uint8Array, algorithm: string, plaintext: Uint8Array): Uint8Array | CryptoFailure {
  if (!isOaep(algorithm)) return fail('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with RSA encryption.`);
  const key = rsaPublicKey(publicSpki);
  if (key === null) return fail('InvalidKeyUsageException', 'The key is not an RSA public key.');
  const bits = modulusBits(key);
  const max = rsaMaxPlaintext(algorithm, bits);
  if (plaintext.length > max) {
    return fail('ValidationException', `Algorithm ${algorithm} and key spec RSA_${bits} cannot encrypt data larger than ${max} bytes.`);
  }
  return new Uint8Array(publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[algorithm].nodeName }, plaintext));
}

/** RSA-OAEP decryption under a PKCS#8 DER private key; null when the ciphertext does not decrypt. */
export function rsaDecrypt(privatePkcs8: Uint8Array, algorithm: string, ciphertext: Uint8Array): Uint8Array | null {
  if (!isOaep(algorithm)) return null;
  const key = rsaPrivateKey(privatePkcs8);
  if (key === null) return null;
  try {
    return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: OAEP_HASH[algorithm].nodeName }, ciphertext));
  } catch {
    return null;
  }
}

function isOaep(a: string): a is RsaEncryptionAlgorithm {
  return Object.hasOwn(OAEP_HASH, a);
}

const publicCache = new KeyCache<KeyObject | null>();
const privateCache = new KeyCache<KeyObject | null>();

/** Parses an SPKI DER RSA public key; null when it is not one. Cached. */
export function rsaPublicKey(spki: Uint8Array): KeyObject | null {
  return publicCache.get(spki, (der) => {
    try {
      const k = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
      return k.asymmetricKeyType === 'rsa' ? k : null;
    } catch {
      return null;
    }
  });
}

/** Parses a PKCS#8 DER RSA private key; null when it is not one. Cached. */
export function rsaPrivateKey(pkcs8: Uint8Array): KeyObject | null {
  return privateCache.get(pkcs8, (der) => {
    try {
      const k = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
      return k.asymmetricKeyType === 'rsa' ? k : null;
    } catch {
      return null;
    }
  });
}

/** The RSA key spec of a key object's modulus, if it is one KMS offers. */
export function rsaSpecOf(key: KeyObject): RsaKeySpec | undefined {
  const bits = modulusBits(key);
  return bits === 2048 || bits === 3072 || bits === 4096 ? `RSA_${bits}` : undefined;
}

/** Modulus length in bits. */
export function modulusBits(key: KeyObject): number {
  return key.asymmetricKeyDetails?.modulusLength ?? 0;
}
