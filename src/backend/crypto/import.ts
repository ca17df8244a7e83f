/**
 * @module backend/crypto/import
 * Importing key material (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html):
 * - RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256: the material is RSA-OAEP-encrypted under the wrapping public key.
 * - RSA_AES_KEY_WRAP_SHA_1 / _256: an ephemeral AES key, RSA-OAEP-encrypted (first modulus-length bytes), then the
 *   material wrapped under it with AES Key Wrap with Padding (RFC 5649), i.e. OpenSSL's id-aes256-wrap-pad.
 * - RSAES_PKCS1_V1_5: deprecated; AWS states KMS does not support it as of October 10, 2023, so it is unsupported.
 * A blob that does not unwrap is InvalidCiphertextException (listed for ImportKeyMaterial). Re-importing must bring
 * the same material, compared by {@link materialFingerprint}.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { aeskwp } from '@noble/ciphers/aes.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, toHex, utf8 } from './bytes.js';
import { decodeEcPrivate } from './ec-keys.js';
import { fail, unsupported, type CryptoFailure } from './failure.js';
import type { KeyMaterial } from './keys.js';
import { rsaDecrypt } from './rsa.js';
import { isEccSpec, isHmacSpec, isRsaSpec, RSA_BITS, type HmacKeySpec } from './specs.js';

/** Wrapping algorithms of GetParametersForImport. */
export type WrappingAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256' | 'RSAES_PKCS1_V1_5';

/**
 * Imported HMAC material lengths in bytes: from the spec's key size up to the hash's block size, our reading of
 * the "Requirements for imported key material" table of
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html (not re-confirmed against
 * AWS in this pass; the bounds are this one table, easy to correct).
 */
export const HMAC_IMPORT_BYTES: Readonly<Record<HmacKeySpec, readonly [number, number]>> = {
  HMAC_224: [28, 64],
  HMAC_256: [32, 64],
  HMAC_384: [48, 128],
  HMAC_512: [64, 128],
};

/** Unwraps EncryptedKeyMaterial with the import token's wrapping private key. */
export function unwrapImportedMaterial(wrappingPrivatePkcs8: Uint8Array, wrappingAlgorithm: string, encrypted: Uint8Array): Uint8Array | CryptoFailure {
  const invalid = fail('InvalidCiphertextException', '');
  switch (wrappingAlgorithm) {
    case 'RSAES_OAEP_SHA_1':
    case 'RSAES_OAEP_SHA_256':
      return rsaDecrypt(wrappingPrivatePkcs8, wrappingAlgorithm, encrypted) ?? invalid;
    case 'RSA_AES_KEY_WRAP_SHA_1':
    case 'RSA_AES_KEY_WRAP_SHA_256': {
      const k = wrappingModulusBytes(wrappingPrivatePkcs8);
      if (k === undefined || encrypted.length <= k) return invalid;
      const oaep = wrappingAlgorithm === 'RSA_AES_KEY_WRAP_SHA_1' ? 'RSAES_OAEP_SHA_1' : 'RSAES_OAEP_SHA_256';
      const aesKey = rsaDecrypt(wrappingPrivatePkcs8, oaep, encrypted.subarray(0, k));
      if (aesKey === null || ![16, 24, 32].includes(aesKey.length)) return invalid;
      try {
        return aeskwp(aesKey).decrypt(encrypted.subarray(k));
      } catch {
        return invalid;
      }
    }
    case 'RSAES_PKCS1_V1_5':
      return unsupported('The RSAES_PKCS1_V1_5 wrapping algorithm is deprecated: AWS KMS does not support it as of October 10, 2023.');
    default:
      return unsupported(`Wrapping algorithm ${wrappingAlgorithm} is not supported by this simulator.`);
  }
}

/**
 * Checks unwrapped bytes against the key's spec and returns them as key material: 32 bytes for SYMMETRIC_DEFAULT,
 * the spec's length range for HMAC, a PKCS#8 private key of the right type and size for RSA/ECC (its SPKI public
 * key derived). Anything else is IncorrectKeyMaterialException (the material is invalid for this key).
 */
export function materialFromImport(keySpec: string, bytes: Uint8Array): KeyMaterial | CryptoFailure {
  const wrong = fail('IncorrectKeyMaterialException', `The key material is not valid ${keySpec} key material.`);
  if (keySpec === 'SYMMETRIC_DEFAULT') return bytes.length === 32 ? { keySpec, secret: bytes } : wrong;
  if (isHmacSpec(keySpec)) {
    const [min, max] = HMAC_IMPORT_BYTES[keySpec];
    return bytes.length >= min && bytes.length <= max ? { keySpec, secret: bytes } : wrong;
  }
  if (isRsaSpec(keySpec)) {
    try {
      const priv = createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'pkcs8' });
      if (priv.asymmetricKeyType !== 'rsa' || priv.asymmetricKeyDetails?.modulusLength !== RSA_BITS[keySpec]) return wrong;
      const publicKey = new Uint8Array(createPublicKey(priv).export({ type: 'spki', format: 'der' }));
      return { keySpec, secret: new Uint8Array(priv.export({ type: 'pkcs8', format: 'der' })), publicKey };
    } catch {
      return wrong;
    }
  }
  if (isEccSpec(keySpec)) {
    const raw = decodeEcPrivate(bytes);
    if (raw?.spec !== keySpec) return wrong;
    const priv = createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'pkcs8' });
    const publicKey = new Uint8Array(createPublicKey(priv).export({ type: 'spki', format: 'der' }));
    return { keySpec, secret: new Uint8Array(priv.export({ type: 'pkcs8', format: 'der' })), publicKey };
  }
  return unsupported(`Importing ${keySpec} key material is not supported by this simulator.`);
}

/**
 * A stable fingerprint of key material, to enforce "only the same material may be re-imported". Domain-separated
 * SHA-256 (hex); for asymmetric material pass the key's `publicKey` too, so two PKCS#8 encodings of one key
 * (with or without the optional public-key field) match.
 */
export function materialFingerprint(secret: Uint8Array, publicKey?: Uint8Array): string {
  const basis = publicKey ?? secret;
  return toHex(sha256(concatBytes(utf8(publicKey === undefined ? 'kms-authz/material/secret\u0000' : 'kms-authz/material/spki\u0000'), basis)));
}

function wrappingModulusBytes(pkcs8: Uint8Array): number | undefined {
  try {
    const bits = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).asymmetricKeyDetails?.modulusLength;
    return bits === undefined ? undefined : bits / 8;
  } catch {
    return undefined;
  }
}
