/**
 * @module backend/crypto/ecdh
 * DeriveSharedSecret (https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html): ECDH
 * between the KMS key's private key and a peer's SPKI DER public key, returning the raw shared secret (the
 * x-coordinate, per NIST SP 800-56A's ECC CDH primitive the page cites). Only KEY_AGREEMENT specs (the NIST
 * curves; SM2 aside) qualify. AWS does not document the error for a peer key on another curve or a malformed
 * one; we answer ValidationException (the request parameter is invalid).
 */
import { decodeEcPrivate, decodeEcPublic, WEIERSTRASS } from './ec-keys.js';
import { fail, type CryptoFailure } from './failure.js';
import type { KeyMaterial } from './keys.js';
import { KEY_AGREEMENT_SPECS } from './specs.js';

/** The ECDH shared secret between `material` and the peer public key. */
export function deriveSharedSecret(material: KeyMaterial, keyAgreementAlgorithm: string, peerPublicSpki: Uint8Array): Uint8Array | CryptoFailure {
  if (keyAgreementAlgorithm !== 'ECDH') {
    return fail('ValidationException', `1 validation error detected: Value '${keyAgreementAlgorithm}' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]`);
  }
  if (!KEY_AGREEMENT_SPECS.includes(material.keySpec)) {
    return fail('InvalidKeyUsageException', `Key spec ${material.keySpec} cannot be used for key agreement.`);
  }
  const own = decodeEcPrivate(material.secret);
  if (own?.secret === undefined || own.spec !== material.keySpec || own.spec === 'ECC_NIST_EDWARDS25519') {
    throw new Error('INVARIANT: ECC material does not match its key spec');
  }
  const peer = decodeEcPublic(peerPublicSpki);
  if (peer === null) return fail('ValidationException', 'PublicKey is not a valid DER-encoded SubjectPublicKeyInfo.');
  if (peer.spec !== own.spec) return fail('ValidationException', `PublicKey is not on the curve of key spec ${own.spec}.`);
  try {
    // getSharedSecret returns the compressed point; the shared secret is its x-coordinate.
    return WEIERSTRASS[own.spec].curve.getSharedSecret(own.secret, peer.publicKey, true).slice(1);
  } catch {
    return fail('ValidationException', 'PublicKey is not a valid point on the curve.');
  }
}
