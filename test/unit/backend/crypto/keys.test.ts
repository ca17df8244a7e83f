// Key material generation for every key spec of
// https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWrappingKeyPair, generateDataKeyPair, generateKeyMaterial, isCryptoFailure } from '../../../../src/backend/crypto/index.js';

describe('generateKeyMaterial', () => {
  it.each([
    ['SYMMETRIC_DEFAULT', 32],
    ['HMAC_224', 28],
    ['HMAC_256', 32],
    ['HMAC_384', 48],
    ['HMAC_512', 64],
  ])('%s gives %i random secret bytes and no public key', (spec, len) => {
    const m = generateKeyMaterial(spec);
    if (isCryptoFailure(m)) throw new Error(m.message);
    expect(m.secret.length).toBe(len);
    expect(m.publicKey).toBeUndefined();
    const again = generateKeyMaterial(spec);
    expect(isCryptoFailure(again) ? null : Buffer.from(again.secret).equals(Buffer.from(m.secret))).toBe(false);
  });

  it.each([
    ['RSA_2048', 'rsa', { modulusLength: 2048 }],
    ['ECC_NIST_P256', 'ec', { namedCurve: 'prime256v1' }],
    ['ECC_NIST_P384', 'ec', { namedCurve: 'secp384r1' }],
    ['ECC_NIST_P521', 'ec', { namedCurve: 'secp521r1' }],
    ['ECC_SECG_P256K1', 'ec', { namedCurve: 'secp256k1' }],
    ['ECC_NIST_EDWARDS25519', 'ed25519', {}],
  ])('%s gives a PKCS#8 private key and its SPKI public key', (spec, type, details) => {
    const m = generateKeyMaterial(spec);
    if (isCryptoFailure(m)) throw new Error(m.message);
    const priv = createPrivateKey({ key: Buffer.from(m.secret), format: 'der', type: 'pkcs8' });
    expect(priv.asymmetricKeyType).toBe(type);
    expect(priv.asymmetricKeyDetails).toMatchObject(details);
    const derived = createPublicKey(priv).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(m.publicKey!).equals(derived)).toBe(true);
  });

  it.each(['SM2', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'AES_256', ''])('%s is an unsupported value, not a throw', (spec) => {
    const m = generateKeyMaterial(spec);
    expect(m).toMatchObject({ unsupported: true, code: 'UnsupportedOperationException' });
    expect(isCryptoFailure(m) && m.message.length > 0).toBe(true);
  });
});

describe('generateDataKeyPair / createWrappingKeyPair', () => {
  it.each(['ECC_NIST_EDWARDS25519', 'ECC_NIST_P384', 'ECC_SECG_P256K1'])('%s data key pair matches', (spec) => {
    const p = generateDataKeyPair(spec);
    if (isCryptoFailure(p)) throw new Error(p.message);
    const derived = createPublicKey(createPrivateKey({ key: Buffer.from(p.privatePkcs8), format: 'der', type: 'pkcs8' })).export({ type: 'spki', format: 'der' });
    expect(Buffer.from(p.publicSpki).equals(derived)).toBe(true);
  });

  it('refuses non-asymmetric data key pair specs and non-RSA wrapping specs', () => {
    expect(isCryptoFailure(generateDataKeyPair('SYMMETRIC_DEFAULT'))).toBe(true);
    expect(isCryptoFailure(generateDataKeyPair('SM2'))).toBe(true);
    expect(isCryptoFailure(createWrappingKeyPair('ECC_NIST_P256'))).toBe(true);
    const w = createWrappingKeyPair('RSA_2048');
    if (isCryptoFailure(w)) throw new Error(w.message);
    expect(createPublicKey({ key: Buffer.from(w.publicSpki), format: 'der', type: 'spki' }).asymmetricKeyDetails).toMatchObject({ modulusLength: 2048 });
  });
});
