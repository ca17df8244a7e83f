/**
 * @module backend/crypto/keys
 * Key material generation for CreateKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html),
 * GenerateDataKeyPair (https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html) and
 * the wrapping keys of GetParametersForImport
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html), per the key spec page
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html.
 * RSA generation uses node:crypto (noble has no RSA); every other spec uses noble.
 */
import { generateKeyPairSync } from 'node:crypto';
import { randomBytes } from './bytes.js';
import { generateEcKeyPair } from './ec-keys.js';
import { unsupported, type CryptoFailure } from './failure.js';
import { HMAC_KEY_BYTES, RSA_BITS, UNSUPPORTED_SPECS, isEccSpec, isHmacSpec, isRsaSpec, type RsaKeySpec, type SupportedKeySpec } from './specs.js';

/** The secret (and, for asymmetric specs, public) material of one key-material version. */
export interface KeyMaterial {
  readonly keySpec: SupportedKeySpec;
  /** 32-byte AES key, the HMAC key, or the PKCS#8 DER private key. */
  readonly secret: Uint8Array;
  /** SPKI DER public key (asymmetric specs only), as GetPublicKey returns it. */
  readonly publicKey?: Uint8Array;
}

/** A DER key pair. */
export interface DerKeyPair {
  readonly privatePkcs8: Uint8Array;
  readonly publicSpki: Uint8Array;
}

/** Generates fresh material for `keySpec`, or an unsupported-failure for SM2, ML-DSA and unknown specs. */
export function generateKeyMaterial(keySpec: string): KeyMaterial | CryptoFailure {
  if (keySpec === 'SYMMETRIC_DEFAULT') return { keySpec, secret: randomBytes(32) };
  if (isHmacSpec(keySpec)) return { keySpec, secret: randomBytes(HMAC_KEY_BYTES[keySpec]) };
  if (isRsaSpec(keySpec) || isEccSpec(keySpec)) {
    const pair = isRsaSpec(keySpec) ? generateRsaKeyPair(keySpec) : generateEcKeyPair(keySpec);
    return { keySpec, secret: pair.privatePkcs8, publicKey: pair.publicSpki };
  }
  return unsupported(UNSUPPORTED_SPECS[keySpec] ?? `KeySpec ${keySpec} is not supported by this simulator`);
}

/**
 * A data key pair for GenerateDataKeyPair. Its KeyPairSpec values are the RSA and ECC specs (plus SM2 in China
 * Regions); ECC_NIST_EDWARDS25519 is accepted too since we can generate it. Anything else is unsupported.
 */
export function generateDataKeyPair(keyPairSpec: string): DerKeyPair | CryptoFailure {
  if (isRsaSpec(keyPairSpec)) return generateRsaKeyPair(keyPairSpec);
  if (isEccSpec(keyPairSpec)) return generateEcKeyPair(keyPairSpec);
  return unsupported(UNSUPPORTED_SPECS[keyPairSpec] ?? `KeyPairSpec ${keyPairSpec} is not supported by this simulator`);
}

/** An RSA wrapping key pair for GetParametersForImport (WrappingKeySpec RSA_2048 | RSA_3072 | RSA_4096). */
export function createWrappingKeyPair(wrappingKeySpec: string): DerKeyPair | CryptoFailure {
  if (isRsaSpec(wrappingKeySpec)) return generateRsaKeyPair(wrappingKeySpec);
  return unsupported(`WrappingKeySpec ${wrappingKeySpec} is not supported by this simulator`);
}

/** RSA key pair with public exponent 65537 (the exponent KMS uses). */
export function generateRsaKeyPair(spec: RsaKeySpec): DerKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: RSA_BITS[spec],
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  return { privatePkcs8: new Uint8Array(privateKey), publicSpki: new Uint8Array(publicKey) };
}
