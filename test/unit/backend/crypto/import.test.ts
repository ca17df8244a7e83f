// Importing key material: RFC 5649 vectors, the OpenSSL-compatible RSA_AES_KEY_WRAP flow AWS documents,
// OAEP wrapping, rejections, spec checks of the unwrapped bytes and the re-import fingerprint.
import { constants, createCipheriv, createPublicKey, publicEncrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aeskwp } from '@noble/ciphers/aes.js';
import {
  createWrappingKeyPair,
  generateKeyMaterial,
  isCryptoFailure,
  materialFingerprint,
  materialFromImport,
  randomBytes,
  unwrapImportedMaterial,
  type DerKeyPair,
  type KeyMaterial,
} from '../../../../src/backend/crypto/index.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
function ok<T>(v: T): Exclude<T, { failure: true }> {
  if (isCryptoFailure(v)) throw new Error(`${v.code}: ${v.message}`);
  return v as Exclude<T, { failure: true }>;
}
const wrapping: DerKeyPair = ok(createWrappingKeyPair('RSA_2048'));
const oaep = (hash: 'sha1' | 'sha256', data: Uint8Array): Uint8Array =>
  new Uint8Array(publicEncrypt({ key: createPublicKey({ key: Buffer.from(wrapping.publicSpki), format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data));

// RFC 5649 §6 (https://www.rfc-editor.org/rfc/rfc5649#section-6): 192-bit KEK, 20- and 7-octet keys.
const KEK = hex('5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8');
const RFC = [
  { key: 'c37b7e6492584340bed12207808941155068f738', wrapped: '138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a' },
  { key: '466f7250617369', wrapped: 'afbeb0f07dfbf5419200f2ccb50bb24f' },
];

describe('RFC 5649 AES key wrap with padding', () => {
  it.each(RFC)('noble and OpenSSL both produce the published wrap of $key', ({ key, wrapped }) => {
    expect(Buffer.from(aeskwp(KEK).encrypt(hex(key))).toString('hex')).toBe(wrapped);
    const c = createCipheriv('id-aes192-wrap-pad', KEK, hex('a65959a6'));
    expect(Buffer.concat([c.update(hex(key)), c.final()]).toString('hex')).toBe(wrapped);
  });

  it.each(RFC)('RSA_AES_KEY_WRAP_SHA_1 unwraps OAEP(KEK) ‖ RFC wrap to $key', ({ key, wrapped }) => {
    const blob = new Uint8Array([...oaep('sha1', KEK), ...hex(wrapped)]);
    expect(Buffer.from(ok(unwrapImportedMaterial(wrapping.privatePkcs8, 'RSA_AES_KEY_WRAP_SHA_1', blob))).toString('hex')).toBe(key);
  });
});

describe('unwrapImportedMaterial', () => {
  it('RSA_AES_KEY_WRAP_SHA_256 as the AWS procedure does it with OpenSSL (id-aes256-wrap-pad), for ECC material', () => {
    const ec = ok(generateKeyMaterial('ECC_NIST_P384'));
    const aes = randomBytes(32);
    const c = createCipheriv('id-aes256-wrap-pad', aes, hex('a65959a6'));
    const blob = new Uint8Array([...oaep('sha256', aes), ...c.update(ec.secret), ...c.final()]);
    const bytes = ok(unwrapImportedMaterial(wrapping.privatePkcs8, 'RSA_AES_KEY_WRAP_SHA_256', blob));
    const m = ok(materialFromImport('ECC_NIST_P384', bytes));
    expect(m.publicKey).toEqual(ec.publicKey);
    expect(materialFingerprint(m.secret, m.publicKey)).toBe(materialFingerprint(ec.secret, ec.publicKey));
  });

  it.each([
    ['RSAES_OAEP_SHA_1', 'sha1'],
    ['RSAES_OAEP_SHA_256', 'sha256'],
  ] as const)('%s unwraps symmetric material', (alg, hash) => {
    const secret = randomBytes(32);
    expect(ok(unwrapImportedMaterial(wrapping.privatePkcs8, alg, oaep(hash, secret)))).toEqual(secret);
    expect(unwrapImportedMaterial(wrapping.privatePkcs8, alg === 'RSAES_OAEP_SHA_1' ? 'RSAES_OAEP_SHA_256' : 'RSAES_OAEP_SHA_1', oaep(hash, secret))).toMatchObject({
      code: 'InvalidCiphertextException',
    });
  });

  it('answers corrupt blobs with InvalidCiphertextException and deprecated or unknown algorithms as unsupported', () => {
    const blob = new Uint8Array([...oaep('sha256', randomBytes(32)), ...randomBytes(40)]);
    expect(unwrapImportedMaterial(wrapping.privatePkcs8, 'RSA_AES_KEY_WRAP_SHA_256', blob)).toMatchObject({ code: 'InvalidCiphertextException' });
    expect(unwrapImportedMaterial(wrapping.privatePkcs8, 'RSA_AES_KEY_WRAP_SHA_256', blob.subarray(0, 256))).toMatchObject({ code: 'InvalidCiphertextException' });
    expect(unwrapImportedMaterial(wrapping.privatePkcs8, 'RSAES_OAEP_SHA_256', randomBytes(256))).toMatchObject({ code: 'InvalidCiphertextException' });
    expect(unwrapImportedMaterial(wrapping.privatePkcs8, 'RSAES_PKCS1_V1_5', randomBytes(256))).toMatchObject({ unsupported: true });
    expect(unwrapImportedMaterial(wrapping.privatePkcs8, 'SM2PKE', randomBytes(256))).toMatchObject({ unsupported: true });
  });
});

describe('materialFromImport and materialFingerprint', () => {
  it('checks the bytes against the key spec', () => {
    expect(ok(materialFromImport('SYMMETRIC_DEFAULT', randomBytes(32))).secret.length).toBe(32);
    expect(materialFromImport('SYMMETRIC_DEFAULT', randomBytes(16))).toMatchObject({ code: 'IncorrectKeyMaterialException' });
    expect(ok(materialFromImport('HMAC_224', randomBytes(64))).keySpec).toBe('HMAC_224');
    expect(materialFromImport('HMAC_256', randomBytes(31))).toMatchObject({ code: 'IncorrectKeyMaterialException' });
    expect(materialFromImport('HMAC_512', randomBytes(129))).toMatchObject({ code: 'IncorrectKeyMaterialException' });
    const rsa = ok(generateKeyMaterial('RSA_2048'));
    expect(ok(materialFromImport('RSA_2048', rsa.secret)).publicKey).toEqual(rsa.publicKey);
    expect(materialFromImport('RSA_3072', rsa.secret)).toMatchObject({ code: 'IncorrectKeyMaterialException' });
    expect(materialFromImport('ECC_NIST_P256', rsa.secret)).toMatchObject({ code: 'IncorrectKeyMaterialException' });
    expect(materialFromImport('ECC_NIST_P256', ok(generateKeyMaterial('ECC_SECG_P256K1')).secret)).toMatchObject({ code: 'IncorrectKeyMaterialException' });
    expect(materialFromImport('SM2', randomBytes(32))).toMatchObject({ unsupported: true });
  });

  it('fingerprints are stable per material and differ between materials', () => {
    const a: KeyMaterial = ok(generateKeyMaterial('SYMMETRIC_DEFAULT'));
    const b: KeyMaterial = ok(generateKeyMaterial('SYMMETRIC_DEFAULT'));
    expect(materialFingerprint(a.secret)).toBe(materialFingerprint(a.secret.slice()));
    expect(materialFingerprint(a.secret)).not.toBe(materialFingerprint(b.secret));
    expect(materialFingerprint(a.secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(materialFingerprint(a.secret)).not.toContain(Buffer.from(a.secret).toString('hex').slice(0, 16));
  });
});
