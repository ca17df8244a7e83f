// RSA-OAEP Encrypt/Decrypt with KMS's plaintext limits (kms-api.md §4: SHA_1 214/342/470, SHA_256 190/318/446 bytes),
// cross-checked with node:crypto.
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCryptoFailure, randomBytes, rsaDecrypt, rsaEncrypt, rsaMaxPlaintext } from '../../../../src/backend/crypto/index.js';

// RSA_3072/4096 keys come from fixtures/ (test-only keys, generated once with node:crypto) because generating a
// 4096-bit key takes seconds on a busy machine; RSA_2048 is generated fresh.
const here = dirname(fileURLToPath(import.meta.url));
const pairs = new Map<number, { pub: Uint8Array; priv: Uint8Array }>();
function pair(bits: number): { pub: Uint8Array; priv: Uint8Array } {
  let p = pairs.get(bits);
  if (p === undefined) {
    const priv =
      bits === 2048
        ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
        : createPrivateKey(readFileSync(join(here, 'fixtures', `test-only-rsa-${bits}.pem`), 'utf8'));
    p = {
      pub: new Uint8Array(createPublicKey(priv).export({ type: 'spki', format: 'der' })),
      priv: new Uint8Array(priv.export({ type: 'pkcs8', format: 'der' })),
    };
    pairs.set(bits, p);
  }
  return p;
}

describe('plaintext limits per key spec and algorithm', () => {
  it.each([
    ['RSAES_OAEP_SHA_1', 2048, 214],
    ['RSAES_OAEP_SHA_1', 3072, 342],
    ['RSAES_OAEP_SHA_1', 4096, 470],
    ['RSAES_OAEP_SHA_256', 2048, 190],
    ['RSAES_OAEP_SHA_256', 3072, 318],
    ['RSAES_OAEP_SHA_256', 4096, 446],
  ] as const)('%s RSA_%i encrypts %i bytes and refuses one more', (alg, bits, max) => {
    expect(rsaMaxPlaintext(alg, bits)).toBe(max);
    const { pub, priv } = pair(bits);
    const pt = randomBytes(max);
    const ct = rsaEncrypt(pub, alg, pt);
    if (isCryptoFailure(ct)) throw new Error(ct.message);
    expect(ct.length).toBe(bits / 8);
    expect(rsaDecrypt(priv, alg, ct)).toEqual(pt);
    expect(rsaEncrypt(pub, alg, randomBytes(max + 1))).toEqual({
      failure: true,
      code: 'ValidationException',
      message: `Algorithm ${alg} and key spec RSA_${bits} cannot encrypt data larger than ${max} bytes.`,
    });
  });
});

describe('interoperability and rejection', () => {
  it('decrypts what node:crypto encrypts, and node:crypto decrypts ours', () => {
    const { pub, priv } = pair(2048);
    const nodePriv = createPrivateKey({ key: Buffer.from(priv), format: 'der', type: 'pkcs8' });
    for (const [alg, oaepHash] of [['RSAES_OAEP_SHA_1', 'sha1'], ['RSAES_OAEP_SHA_256', 'sha256']] as const) {
      const theirs = publicEncrypt({ key: createPublicKey({ key: Buffer.from(pub), format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from('hi'));
      expect(new TextDecoder().decode(rsaDecrypt(priv, alg, theirs))).toBe('hi');
      const ours = rsaEncrypt(pub, alg, new TextEncoder().encode('yo'));
      if (isCryptoFailure(ours)) throw new Error(ours.message);
      expect(privateDecrypt({ key: nodePriv, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, ours).toString()).toBe('yo');
    }
  });

  it('returns null for the wrong algorithm, a wrong key or a corrupted ciphertext', () => {
    const { pub, priv } = pair(2048);
    const ct = rsaEncrypt(pub, 'RSAES_OAEP_SHA_256', new Uint8Array([1, 2, 3]));
    if (isCryptoFailure(ct)) throw new Error(ct.message);
    expect(rsaDecrypt(priv, 'RSAES_OAEP_SHA_1', ct)).toBeNull();
    expect(rsaDecrypt(pair(3072).priv, 'RSAES_OAEP_SHA_256', ct)).toBeNull();
    const bad = ct.slice();
    bad[10] ^= 1;
    expect(rsaDecrypt(priv, 'RSAES_OAEP_SHA_256', bad)).toBeNull();
    expect(rsaDecrypt(priv, 'SYMMETRIC_DEFAULT', ct)).toBeNull();
    expect(rsaEncrypt(pub, 'RSAES_PKCS1_V1_5', new Uint8Array(1))).toMatchObject({ code: 'InvalidKeyUsageException' });
    expect(rsaEncrypt(new Uint8Array(5), 'RSAES_OAEP_SHA_256', new Uint8Array(1))).toMatchObject({ code: 'InvalidKeyUsageException' });
  });

  it('property: any plaintext within the limit round-trips', () => {
    const { pub, priv } = pair(2048);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 190 }), (pt) => {
        const ct = rsaEncrypt(pub, 'RSAES_OAEP_SHA_256', pt);
        if (isCryptoFailure(ct)) throw new Error(ct.message);
        expect(rsaDecrypt(priv, 'RSAES_OAEP_SHA_256', ct)).toEqual(pt);
      }),
      { numRuns: 20 },
    );
  });
});
