// GenerateMac/VerifyMac (RFC 4231 vectors) and DeriveSharedSecret (cross-checked with node:crypto ECDH).
import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSharedSecret, generateKeyMaterial, generateMac, isCryptoFailure, verifyMac, type KeyMaterial } from '../../../../src/backend/crypto/index.js';

function gen(spec: string): KeyMaterial {
  const m = generateKeyMaterial(spec);
  if (isCryptoFailure(m)) throw new Error(m.message);
  return m;
}

describe('HMAC', () => {
  // RFC 4231 §4.3 Test Case 2: key "Jefe", data "what do ya want for nothing?" (https://www.rfc-editor.org/rfc/rfc4231#section-4.3)
  const key = new TextEncoder().encode('Jefe');
  const data = new TextEncoder().encode('what do ya want for nothing?');
  it.each([
    ['HMAC_224', 'HMAC_SHA_224', 'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44'],
    ['HMAC_256', 'HMAC_SHA_256', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['HMAC_384', 'HMAC_SHA_384', 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649'],
    ['HMAC_512', 'HMAC_SHA_512', '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737'],
  ] as const)('%s / %s matches RFC 4231 and verifies', (keySpec, alg, expected) => {
    const m: KeyMaterial = { keySpec, secret: key };
    const mac = generateMac(m, alg, data);
    if (isCryptoFailure(mac)) throw new Error(mac.message);
    expect(Buffer.from(mac).toString('hex')).toBe(expected);
    expect(verifyMac(m, alg, data, mac)).toBe(true);
    const bad = mac.slice();
    bad[0] ^= 1;
    expect(verifyMac(m, alg, data, bad)).toBe(false);
    expect(verifyMac(m, alg, data, mac.subarray(1))).toBe(false);
  });

  it('refuses an algorithm the key spec does not support with AWS’s message', () => {
    expect(generateMac(gen('HMAC_224'), 'HMAC_SHA_256', new Uint8Array(1))).toEqual({
      failure: true,
      code: 'InvalidKeyUsageException',
      message: 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.',
    });
    expect(verifyMac(gen('SYMMETRIC_DEFAULT'), 'HMAC_SHA_256', new Uint8Array(1), new Uint8Array(32))).toMatchObject({ code: 'InvalidKeyUsageException' });
  });
});

describe('ECDH', () => {
  it.each(['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521'])('%s: both sides derive the secret node:crypto derives', (spec) => {
    const a = gen(spec);
    const b = gen(spec);
    const ab = deriveSharedSecret(a, 'ECDH', b.publicKey!);
    const ba = deriveSharedSecret(b, 'ECDH', a.publicKey!);
    if (isCryptoFailure(ab) || isCryptoFailure(ba)) throw new Error('derive failed');
    expect(ab).toEqual(ba);
    const node = diffieHellman({
      privateKey: createPrivateKey({ key: Buffer.from(a.secret), format: 'der', type: 'pkcs8' }),
      publicKey: createPublicKey({ key: Buffer.from(b.publicKey!), format: 'der', type: 'spki' }),
    });
    expect(Buffer.from(ab).equals(node)).toBe(true);
  });

  it('refuses other curves, non-agreement keys, garbage and other algorithms', () => {
    const p256 = gen('ECC_NIST_P256');
    expect(deriveSharedSecret(p256, 'ECDH', gen('ECC_NIST_P384').publicKey!)).toMatchObject({ code: 'ValidationException' });
    expect(deriveSharedSecret(p256, 'ECDH', new Uint8Array([1, 2, 3]))).toMatchObject({ code: 'ValidationException' });
    expect(deriveSharedSecret(p256, 'ECDH', gen('RSA_2048').publicKey!)).toMatchObject({ code: 'ValidationException' });
    expect(deriveSharedSecret(gen('ECC_SECG_P256K1'), 'ECDH', gen('ECC_SECG_P256K1').publicKey!)).toMatchObject({ code: 'InvalidKeyUsageException' });
    expect(deriveSharedSecret(p256, 'SM2PKE', p256.publicKey!)).toMatchObject({ code: 'ValidationException' });
  });
});
