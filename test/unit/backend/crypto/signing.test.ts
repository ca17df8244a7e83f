// Sign/Verify: published vectors (RFC 6979, RFC 8032), every signing key spec × algorithm × message type,
// cross-checked with node:crypto (OpenSSL), and the rejections AWS documents.
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, constants, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { generateKeyMaterial, isCryptoFailure, sign, verify, type KeyMaterial } from '../../../../src/backend/crypto/index.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const b64u = (s: string): string => Buffer.from(s, 'hex').toString('base64url');
const msg = new TextEncoder().encode('the quick brown fox');
const cache = new Map<string, KeyMaterial>();
function material(spec: string): KeyMaterial {
  let m = cache.get(spec);
  if (m === undefined) {
    const g = generateKeyMaterial(spec);
    if (isCryptoFailure(g)) throw new Error(g.message);
    m = g;
    cache.set(spec, m);
  }
  return m;
}
function ok<T>(v: T): Exclude<T, { failure: true }> {
  if (isCryptoFailure(v)) throw new Error(`${v.code}: ${v.message}`);
  return v as Exclude<T, { failure: true }>;
}

describe('published vectors', () => {
  // RFC 6979 §A.2.5, curve P-256, SHA-256, message "sample" (https://www.rfc-editor.org/rfc/rfc6979#appendix-A.2.5).
  const d = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721';
  const x = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';
  const y = '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
  const r = 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716';
  const s = 'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8';
  const jwk = { kty: 'EC', crv: 'P-256', x: b64u(x), y: b64u(y) };
  const spki = new Uint8Array(createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' }));
  const der = p256.Signature.fromBytes(hex(r + s), 'compact').toBytes('der');
  const sample = new TextEncoder().encode('sample');

  it('ECDSA_SHA_256 verifies the RFC 6979 signature (a high-S one) over RAW and DIGEST', () => {
    expect(verify(spki, 'ECDSA_SHA_256', sample, 'RAW', der)).toBe(true);
    expect(verify(spki, 'ECDSA_SHA_256', new Uint8Array(createHash('sha256').update(sample).digest()), 'DIGEST', der)).toBe(true);
    expect(verify(spki, 'ECDSA_SHA_256', new TextEncoder().encode('samplf'), 'RAW', der)).toBe(false);
  });

  it('ECDSA_SHA_256 signing with the RFC 6979 key gives the deterministic r', () => {
    const pkcs8 = new Uint8Array(createPrivateKey({ key: { ...jwk, d: b64u(d) }, format: 'jwk' }).export({ type: 'pkcs8', format: 'der' }));
    const sig = ok(sign({ keySpec: 'ECC_NIST_P256', secret: pkcs8, publicKey: spki }, 'ECDSA_SHA_256', sample, 'RAW'));
    expect(Buffer.from(p256.Signature.fromBytes(sig, 'der').toBytes('compact').subarray(0, 32)).toString('hex')).toBe(r);
  });

  // RFC 8032 §7.1 TEST 1 (empty message) and §7.3 (Ed25519ph, "abc"), https://www.rfc-editor.org/rfc/rfc8032#section-7
  it('ED25519_SHA_512 reproduces RFC 8032 TEST 1', () => {
    const sk = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const pk = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    const expected = 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
    const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64u(sk), x: b64u(pk) }, format: 'jwk' });
    const m: KeyMaterial = {
      keySpec: 'ECC_NIST_EDWARDS25519',
      secret: new Uint8Array(key.export({ type: 'pkcs8', format: 'der' })),
      publicKey: new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' })),
    };
    expect(Buffer.from(ok(sign(m, 'ED25519_SHA_512', new Uint8Array(), 'RAW'))).toString('hex')).toBe(expected);
    expect(verify(m, 'ED25519_SHA_512', new Uint8Array(), 'RAW', hex(expected))).toBe(true);
  });

  it('the Ed25519ph primitive reproduces RFC 8032 §7.3, and KMS DIGEST mode hashes the digest again', () => {
    const sk = hex('833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42');
    const expected = '98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406';
    expect(Buffer.from(ed25519ph.sign(new TextEncoder().encode('abc'), sk)).toString('hex')).toBe(expected);
    const m = material('ECC_NIST_EDWARDS25519');
    const digest = new Uint8Array(createHash('sha512').update('abc').digest());
    const sig = ok(sign(m, 'ED25519_PH_SHA_512', digest, 'DIGEST'));
    expect(verify(m, 'ED25519_PH_SHA_512', digest, 'DIGEST', sig)).toBe(true);
  });
});

const NODE_HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const CASES: [string, string][] = [
  ...['RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512'].map(
    (a): [string, string] => ['RSA_2048', a],
  ),
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384'],
  ['ECC_NIST_P521', 'ECDSA_SHA_512'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
];

describe.each(CASES)('%s with %s', (spec, alg) => {
  const bits = /_(\d+)$/.exec(alg)![1];
  const nodeHash = NODE_HASH[bits];
  const digest = new Uint8Array(createHash(nodeHash).update(msg).digest());
  const nodeKeyOpts = (m: KeyMaterial) => ({
    key: createPublicKey({ key: Buffer.from(m.publicKey!), format: 'der', type: 'spki' }),
    ...(alg.startsWith('RSASSA_PSS') ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : {}),
    ...(alg.startsWith('ECDSA') ? { dsaEncoding: 'der' as const } : {}),
  });

  it('RAW and DIGEST signatures verify here and with node:crypto over the raw message', () => {
    const m = material(spec);
    for (const [type, input] of [['RAW', msg], ['DIGEST', digest]] as const) {
      const sig = ok(sign(m, alg, input, type));
      expect(verify(m.publicKey!, alg, input, type, sig)).toBe(true);
      expect(nodeVerify(nodeHash, msg, nodeKeyOpts(m), sig)).toBe(true);
      const bad = sig.slice();
      bad[bad.length - 1] ^= 1;
      expect(verify(m, alg, input, type, bad)).toBe(false);
    }
  });

  it('verifies signatures made by node:crypto', () => {
    const m = material(spec);
    const priv = { ...nodeKeyOpts(m), key: createPrivateKey({ key: Buffer.from(m.secret), format: 'der', type: 'pkcs8' }) };
    const sig = new Uint8Array(nodeSign(nodeHash, msg, priv));
    expect(verify(m, alg, msg, 'RAW', sig)).toBe(true);
    expect(verify(m, alg, digest, 'DIGEST', sig)).toBe(true);
    expect(verify(m, alg, msg.subarray(1), 'RAW', sig)).toBe(false);
  });

  it('rejects a digest of the wrong length with AWS’s message', () => {
    expect(sign(material(spec), alg, digest.subarray(1), 'DIGEST')).toMatchObject({ code: 'ValidationException', message: `Digest is invalid length for algorithm ${alg}.` });
  });
});

describe('rejections', () => {
  it('algorithm / key spec mismatches are InvalidKeyUsageException', () => {
    expect(sign(material('ECC_NIST_P384'), 'ECDSA_SHA_256', msg)).toMatchObject({ code: 'InvalidKeyUsageException', message: 'Algorithm ECDSA_SHA_256 is incompatible with key spec ECC_NIST_P384.' });
    expect(sign(material('RSA_2048'), 'ECDSA_SHA_256', msg)).toMatchObject({ code: 'InvalidKeyUsageException' });
    expect(sign(material('SYMMETRIC_DEFAULT'), 'RSASSA_PSS_SHA_256', msg)).toMatchObject({ code: 'InvalidKeyUsageException' });
    expect(verify(material('SYMMETRIC_DEFAULT'), 'RSASSA_PSS_SHA_256', msg, 'RAW', new Uint8Array(256))).toMatchObject({ code: 'InvalidKeyUsageException' });
  });

  it('Ed25519 message types and ML-DSA / EXTERNAL_MU answers', () => {
    const m = material('ECC_NIST_EDWARDS25519');
    expect(sign(m, 'ED25519_SHA_512', new Uint8Array(64), 'DIGEST')).toMatchObject({ code: 'ValidationException' });
    expect(sign(m, 'ED25519_PH_SHA_512', msg, 'RAW')).toMatchObject({ code: 'ValidationException' });
    expect(sign(m, 'ML_DSA_SHAKE_256', msg)).toMatchObject({ unsupported: true });
    expect(sign(material('ECC_NIST_P256'), 'ECDSA_SHA_256', new Uint8Array(64), 'EXTERNAL_MU')).toMatchObject({ code: 'ValidationException' });
  });

  it('property: a signature never verifies for a different message', () => {
    const m = material('ECC_NIST_P256');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        const sig = ok(sign(m, 'ECDSA_SHA_256', a));
        expect(verify(m, 'ECDSA_SHA_256', a, 'RAW', sig)).toBe(true);
        if (!Buffer.from(a).equals(Buffer.from(b))) expect(verify(m, 'ECDSA_SHA_256', b, 'RAW', sig)).toBe(false);
      }),
      { numRuns: 30 },
    );
  });
});
