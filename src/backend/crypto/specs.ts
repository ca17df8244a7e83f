/**
 * @module backend/crypto/specs
 * Key specs and the algorithms each supports, as listed on
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 * (and its RSA, ECC, HMAC and SM2/ML-DSA sub-pages). One table, read by every crypto module.
 */

/** Key specs this simulator generates real material for. */
export type SupportedKeySpec =
  | 'SYMMETRIC_DEFAULT'
  | 'HMAC_224'
  | 'HMAC_256'
  | 'HMAC_384'
  | 'HMAC_512'
  | 'RSA_2048'
  | 'RSA_3072'
  | 'RSA_4096'
  | 'ECC_NIST_P256'
  | 'ECC_NIST_P384'
  | 'ECC_NIST_P521'
  | 'ECC_SECG_P256K1'
  | 'ECC_NIST_EDWARDS25519';

/** Elliptic-curve key specs (secret = PKCS#8 DER). */
export type EccKeySpec = 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'ECC_SECG_P256K1' | 'ECC_NIST_EDWARDS25519';
/** RSA key specs (secret = PKCS#8 DER). */
export type RsaKeySpec = 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
/** HMAC key specs (secret = raw key bytes). */
export type HmacKeySpec = 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512';

/** Signing algorithms of the Sign/Verify APIs. */
export type SigningAlgorithm =
  | 'RSASSA_PSS_SHA_256'
  | 'RSASSA_PSS_SHA_384'
  | 'RSASSA_PSS_SHA_512'
  | 'RSASSA_PKCS1_V1_5_SHA_256'
  | 'RSASSA_PKCS1_V1_5_SHA_384'
  | 'RSASSA_PKCS1_V1_5_SHA_512'
  | 'ECDSA_SHA_256'
  | 'ECDSA_SHA_384'
  | 'ECDSA_SHA_512'
  | 'ED25519_SHA_512'
  | 'ED25519_PH_SHA_512'
  | 'ML_DSA_SHAKE_256'
  | 'SM2DSA';

/** MAC algorithms of GenerateMac/VerifyMac. */
export type MacAlgorithm = 'HMAC_SHA_224' | 'HMAC_SHA_256' | 'HMAC_SHA_384' | 'HMAC_SHA_512';

/** Asymmetric encryption algorithms of Encrypt/Decrypt with RSA keys. */
export type RsaEncryptionAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256';

/** Specs answered with UnsupportedOperationException, and why (documented choice). */
export const UNSUPPORTED_SPECS: Readonly<Record<string, string>> = {
  SM2: 'SM2 keys are only offered in AWS China Regions and no SM2 implementation is available to this simulator',
  ML_DSA_44: 'ML-DSA keys are not simulated: no ML-DSA implementation is available to this simulator',
  ML_DSA_65: 'ML-DSA keys are not simulated: no ML-DSA implementation is available to this simulator',
  ML_DSA_87: 'ML-DSA keys are not simulated: no ML-DSA implementation is available to this simulator',
};

/** HMAC key length in bytes per spec (the key spec page: HMAC_224 has a 224-bit key, …). */
export const HMAC_KEY_BYTES: Readonly<Record<HmacKeySpec, number>> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };

/** The only MAC algorithm each HMAC key spec supports. */
export const HMAC_ALGORITHM: Readonly<Record<HmacKeySpec, MacAlgorithm>> = {
  HMAC_224: 'HMAC_SHA_224',
  HMAC_256: 'HMAC_SHA_256',
  HMAC_384: 'HMAC_SHA_384',
  HMAC_512: 'HMAC_SHA_512',
};

/** RSA modulus length in bits per spec. */
export const RSA_BITS: Readonly<Record<RsaKeySpec, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

/** Signing algorithms each signing-capable key spec supports (the key spec page's tables). */
export const SIGNING_ALGORITHMS: Readonly<Partial<Record<SupportedKeySpec, readonly SigningAlgorithm[]>>> = {
  RSA_2048: rsaSigning(),
  RSA_3072: rsaSigning(),
  RSA_4096: rsaSigning(),
  ECC_NIST_P256: ['ECDSA_SHA_256'],
  ECC_NIST_P384: ['ECDSA_SHA_384'],
  ECC_NIST_P521: ['ECDSA_SHA_512'],
  ECC_SECG_P256K1: ['ECDSA_SHA_256'],
  ECC_NIST_EDWARDS25519: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'],
};

/** Key specs usable for KEY_AGREEMENT (ECDH): the NIST curves (SM2 aside). */
export const KEY_AGREEMENT_SPECS: readonly SupportedKeySpec[] = ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521'];

function rsaSigning(): readonly SigningAlgorithm[] {
  return [
    'RSASSA_PSS_SHA_256',
    'RSASSA_PSS_SHA_384',
    'RSASSA_PSS_SHA_512',
    'RSASSA_PKCS1_V1_5_SHA_256',
    'RSASSA_PKCS1_V1_5_SHA_384',
    'RSASSA_PKCS1_V1_5_SHA_512',
  ];
}

const SUPPORTED = new Set<string>([
  'SYMMETRIC_DEFAULT',
  ...Object.keys(HMAC_KEY_BYTES),
  ...Object.keys(RSA_BITS),
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ECC_NIST_EDWARDS25519',
]);

/** True for specs this simulator can generate material for. */
export function isSupportedKeySpec(spec: string): spec is SupportedKeySpec {
  return SUPPORTED.has(spec);
}

/** True for RSA specs. */
export function isRsaSpec(spec: string): spec is RsaKeySpec {
  return Object.hasOwn(RSA_BITS, spec);
}

/** True for HMAC specs. */
export function isHmacSpec(spec: string): spec is HmacKeySpec {
  return Object.hasOwn(HMAC_KEY_BYTES, spec);
}

/** True for elliptic-curve specs (including Ed25519). */
export function isEccSpec(spec: string): spec is EccKeySpec {
  return spec.startsWith('ECC_') && SUPPORTED.has(spec);
}
