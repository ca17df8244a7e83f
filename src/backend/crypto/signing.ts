/**
 * @module backend/crypto/signing
 * Sign and Verify (https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html) for RSA, ECDSA and Ed25519 keys.
 * Rules enforced here, from those pages: the algorithm must be one the key spec supports (the key spec page);
 * with MessageType DIGEST the message length must equal the algorithm's hash length ("Digest is invalid length
 * for algorithm …", kms-api.md §4); ED25519_SHA_512 takes RAW only and ED25519_PH_SHA_512 DIGEST only, and for the
 * latter KMS still applies Ed25519ph's own SHA-512 (the digest is hashed again); EXTERNAL_MU is for ML-DSA, which
 * this simulator does not offer. ECDSA signatures are DER, as KMS returns them; verification accepts high-S
 * signatures (KMS keys are verified by OpenSSL-style verifiers, which do not require low-S).
 */
import type { KeyObject } from 'node:crypto';
import { ed25519, ed25519ph } from '@noble/curves/ed25519.js';
import { decodeEcPrivate, decodeEcPublic, WEIERSTRASS } from './ec-keys.js';
import { fail, unsupported, type CryptoFailure } from './failure.js';
import { hashOf, type HashFn } from './hashes.js';
import type { KeyMaterial } from './keys.js';
import { modulusBits, rsaPrivateKey, rsaPublicKey, rsaSpecOf } from './rsa.js';
import { pkcs1Sign, pkcs1Verify, pssSign, pssVerify } from './rsa-signature.js';
import { SIGNING_ALGORITHMS, type SigningAlgorithm, type SupportedKeySpec } from './specs.js';

/** MessageType of Sign/Verify (default RAW). */
export type MessageType = 'RAW' | 'DIGEST' | 'EXTERNAL_MU';

/** Signs `message` with the private key of `material`. */
export function sign(material: KeyMaterial, algorithm: string, message: Uint8Array, messageType: MessageType = 'RAW'): Uint8Array | CryptoFailure {
  const prep = prepare(material.keySpec, algorithm, message, messageType);
  if ('failure' in prep) return prep;
  const { alg, digest } = prep;
  if (alg.startsWith('RSASSA_')) {
    const key = rsaPrivateKey(material.secret);
    // INVARIANT: stored material of an RSA spec is an RSA PKCS#8 key (generated or validated on import).
    if (key === null) throw new Error('INVARIANT: RSA material is not an RSA private key');
    return alg.startsWith('RSASSA_PSS_') ? pssSign(key, prep.hash, digest, modulusBits(key)) : pkcs1Sign(key, prep.hash, digest);
  }
  const raw = decodeEcPrivate(material.secret);
  // INVARIANT: stored material of an ECC spec decodes to that spec (generated or validated on import).
  if (raw?.secret === undefined || raw.spec !== material.keySpec) throw new Error('INVARIANT: ECC material does not match its key spec');
  if (alg === 'ED25519_SHA_512') return ed25519.sign(message, raw.secret);
  if (alg === 'ED25519_PH_SHA_512') return ed25519ph.sign(digest, raw.secret);
  if (raw.spec === 'ECC_NIST_EDWARDS25519') throw new Error('INVARIANT: Ed25519 keys only take Ed25519 algorithms');
  return WEIERSTRASS[raw.spec].curve.sign(digest, raw.secret, { prehash: false, format: 'der' });
}

/**
 * Verifies a signature with a public key: an SPKI DER public key (what GetPublicKey returns) or the key's material.
 * Returns false for a signature that does not verify (KMS: KMSInvalidSignatureException), a failure value for
 * requests KMS rejects before verifying.
 */
export function verify(
  key: Uint8Array | KeyMaterial,
  algorithm: string,
  message: Uint8Array,
  messageType: MessageType,
  signature: Uint8Array,
): boolean | CryptoFailure {
  const spki = key instanceof Uint8Array ? key : key.publicKey;
  if (spki === undefined) return fail('InvalidKeyUsageException', `Key spec ${key instanceof Uint8Array ? 'unknown' : key.keySpec} cannot verify signatures.`);
  const rsa = rsaPublicKey(spki);
  const ec = rsa === null ? decodeEcPublic(spki) : null;
  const spec = rsa !== null ? rsaSpecOf(rsa) : ec?.spec;
  if (spec === undefined) return fail('InvalidKeyUsageException', 'The public key is not of a signing key spec.');
  const prep = prepare(spec, algorithm, message, messageType);
  if ('failure' in prep) return prep;
  const { alg, digest } = prep;
  if (rsa !== null) return verifyRsa(rsa, alg, prep.hash, digest, signature);
  if (ec === null) return false;
  try {
    if (alg === 'ED25519_SHA_512') return ed25519.verify(signature, message, ec.publicKey);
    if (alg === 'ED25519_PH_SHA_512') return ed25519ph.verify(signature, digest, ec.publicKey);
    if (ec.spec === 'ECC_NIST_EDWARDS25519') return false;
    return WEIERSTRASS[ec.spec].curve.verify(signature, digest, ec.publicKey, { prehash: false, format: 'der', lowS: false });
  } catch {
    return false;
  }
}

function verifyRsa(key: KeyObject, alg: SigningAlgorithm, h: HashFn, digest: Uint8Array, signature: Uint8Array): boolean {
  return alg.startsWith('RSASSA_PSS_') ? pssVerify(key, h, digest, signature, modulusBits(key)) : pkcs1Verify(key, h, digest, signature);
}

interface Prepared {
  readonly alg: SigningAlgorithm;
  readonly hash: HashFn;
  /** The digest to sign (for ED25519_SHA_512, unused: pure Ed25519 signs the message). */
  readonly digest: Uint8Array;
}

function prepare(spec: SupportedKeySpec, algorithm: string, message: Uint8Array, messageType: MessageType): Prepared | CryptoFailure {
  if (algorithm === 'ML_DSA_SHAKE_256' || algorithm === 'SM2DSA') return unsupported(`Signing algorithm ${algorithm} is not supported by this simulator.`);
  const allowed = SIGNING_ALGORITHMS[spec];
  if (allowed === undefined || !(allowed as readonly string[]).includes(algorithm)) {
    return fail('InvalidKeyUsageException', `Algorithm ${algorithm} is incompatible with key spec ${spec}.`);
  }
  const alg = algorithm as SigningAlgorithm;
  const hash = hashOf(alg);
  // INVARIANT: every algorithm in SIGNING_ALGORITHMS names its hash.
  if (hash === undefined) throw new Error(`INVARIANT: ${alg} names no hash`);
  if (messageType === 'EXTERNAL_MU') return fail('ValidationException', `MessageType EXTERNAL_MU is only valid with ML_DSA_SHAKE_256, not ${alg}.`);
  if (alg === 'ED25519_SHA_512' && messageType !== 'RAW') return fail('ValidationException', 'Algorithm ED25519_SHA_512 requires MessageType RAW.');
  if (alg === 'ED25519_PH_SHA_512' && messageType !== 'DIGEST') return fail('ValidationException', 'Algorithm ED25519_PH_SHA_512 requires MessageType DIGEST.');
  if (messageType === 'DIGEST' && message.length !== hash.outputLen) return fail('ValidationException', `Digest is invalid length for algorithm ${alg}.`);
  return { alg, hash, digest: messageType === 'DIGEST' ? message : hash.hash(message) };
}
