 
// Every key spec through createKms: RSA encryption and signing, ECDSA, Ed25519, ECDH, HMAC, data key pairs, and the
// honest refusal of SM2/ML-DSA. Key spec reference: https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
import { createHash, createPublicKey, generateKeyPairSync, publicEncrypt, constants, verify as nodeVerify, diffieHellman, createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { admin, b64, expectError, newKey, open, out } from './helpers.js';

let kms: Kms;
beforeAll(async () => { kms = await open(); });
afterAll(async () => { await kms.close(); });

const msg = b64('the message');

describe('asymmetric and HMAC key specs', () => {
  it.each(['RSA_2048', 'RSA_3072', 'RSA_4096'])('%s encrypts with OAEP SHA-1/SHA-256 within AWS limits and interoperates', async (spec) => {
    const k = await newKey(kms, { KeySpec: spec, KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(k.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    const pub = out(await kms.call('GetPublicKey', { KeyId: k.KeyId }, admin));
    const bits = Number(spec.slice(4));
    const max256 = bits / 8 - 66;
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: Buffer.alloc(max256 + 1).toString('base64'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }, admin), 'ValidationException',
      `Algorithm RSAES_OAEP_SHA_256 and key spec ${spec} cannot encrypt data larger than ${max256} bytes.`);
    const offline = publicEncrypt({ key: createPublicKey({ key: Buffer.from(pub.PublicKey, 'base64'), format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from('offline'));
    const d = out(await kms.call('Decrypt', { KeyId: k.Arn, CiphertextBlob: offline.toString('base64'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' }, admin));
    expect(Buffer.from(d.Plaintext, 'base64').toString()).toBe('offline');
    const e1 = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: msg, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }, admin));
    expect(out(await kms.call('Decrypt', { KeyId: k.KeyId, CiphertextBlob: e1.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }, admin)).Plaintext).toBe(msg);
    expectError(await kms.call('Decrypt', { CiphertextBlob: e1.CiphertextBlob, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }, admin), 'InvalidCiphertextException');
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: msg }, admin), 'InvalidKeyUsageException');
    expectError(await kms.call('GenerateDataKey', { KeyId: k.KeyId, NumberOfBytes: 32 }, admin), 'InvalidKeyUsageException');
  });

  it('signs with RSA PSS and PKCS#1 v1.5, and ECDSA on every curve; Verify and offline verifiers agree', async () => {
    const cases: [string, string, string][] = [
      ['RSA_2048', 'RSASSA_PSS_SHA_256', 'sha256'], ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512', 'sha512'],
      ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256'], ['ECC_NIST_P384', 'ECDSA_SHA_384', 'sha384'], ['ECC_NIST_P521', 'ECDSA_SHA_512', 'sha512'],
      ['ECC_SECG_P256K1', 'ECDSA_SHA_256', 'sha256'],
    ];
    for (const [spec, alg, hash] of cases) {
      const k = await newKey(kms, { KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
      const s = out(await kms.call('Sign', { KeyId: k.KeyId, Message: msg, SigningAlgorithm: alg }, admin));
      expect(s.SigningAlgorithm).toBe(alg);
      expect(out(await kms.call('Verify', { KeyId: k.KeyId, Message: msg, Signature: s.Signature, SigningAlgorithm: alg }, admin)).SignatureValid).toBe(true);
      const pub = createPublicKey({ key: Buffer.from(out(await kms.call('GetPublicKey', { KeyId: k.KeyId }, admin)).PublicKey, 'base64'), format: 'der', type: 'spki' });
      const pss = alg.includes('PSS') ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {};
      expect(nodeVerify(hash, Buffer.from('the message'), { key: pub, ...pss }, Buffer.from(s.Signature, 'base64')), `${spec} ${alg}`).toBe(true);
      const digest = createHash(hash).update('the message').digest().toString('base64');
      const sd = out(await kms.call('Sign', { KeyId: k.KeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: alg }, admin));
      expect(out(await kms.call('Verify', { KeyId: k.KeyId, Message: msg, Signature: sd.Signature, SigningAlgorithm: alg }, admin)).SignatureValid).toBe(true);
      expectError(await kms.call('Verify', { KeyId: k.KeyId, Message: b64('other'), Signature: s.Signature, SigningAlgorithm: alg }, admin), 'KMSInvalidSignatureException', '');
      expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: msg }, admin), 'InvalidKeyUsageException', `${k.Arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`);
    }
  });

  it('signs with Ed25519', async () => {
    const k = await newKey(kms, { KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' });
    const s = out(await kms.call('Sign', { KeyId: k.KeyId, Message: msg, SigningAlgorithm: 'ED25519_SHA_512' }, admin));
    const pub = createPublicKey({ key: Buffer.from(out(await kms.call('GetPublicKey', { KeyId: k.KeyId }, admin)).PublicKey, 'base64'), format: 'der', type: 'spki' });
    expect(nodeVerify(null, Buffer.from('the message'), pub, Buffer.from(s.Signature, 'base64'))).toBe(true);
  });

  it('derives an ECDH shared secret equal to the peer\'s', async () => {
    const k = await newKey(kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    const peer = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const peerSpki = peer.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const r = out(await kms.call('DeriveSharedSecret', { KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerSpki }, admin));
    const kmsPub = createPublicKey({ key: Buffer.from(out(await kms.call('GetPublicKey', { KeyId: k.KeyId }, admin)).PublicKey, 'base64'), format: 'der', type: 'spki' });
    expect(r.SharedSecret).toBe(diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPub }).toString('base64'));
  });

  it.each([['HMAC_224', 'HMAC_SHA_224'], ['HMAC_256', 'HMAC_SHA_256'], ['HMAC_384', 'HMAC_SHA_384'], ['HMAC_512', 'HMAC_SHA_512']])('%s generates and verifies MACs', async (spec, alg) => {
    const k = await newKey(kms, { KeySpec: spec, KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(k.MacAlgorithms).toEqual([alg]);
    const m = out(await kms.call('GenerateMac', { KeyId: k.KeyId, Message: msg, MacAlgorithm: alg }, admin));
    expect(out(await kms.call('VerifyMac', { KeyId: k.KeyId, Message: msg, Mac: m.Mac, MacAlgorithm: alg }, admin)).MacValid).toBe(true);
    expectError(await kms.call('VerifyMac', { KeyId: k.KeyId, Message: b64('x'), Mac: m.Mac, MacAlgorithm: alg }, admin), 'KMSInvalidMacException', '');
    const wrong = alg === 'HMAC_SHA_256' ? 'HMAC_SHA_384' : 'HMAC_SHA_256';
    expectError(await kms.call('GenerateMac', { KeyId: k.KeyId, Message: msg, MacAlgorithm: wrong }, admin), 'InvalidKeyUsageException');
  });

  it('generates data key pairs under a symmetric key', async () => {
    const k = await newKey(kms);
    const p = out(await kms.call('GenerateDataKeyPair', { KeyId: k.KeyId, KeyPairSpec: 'ECC_NIST_P256', EncryptionContext: { a: 'b' } }, admin));
    const priv = createPrivateKey({ key: Buffer.from(p.PrivateKeyPlaintext, 'base64'), format: 'der', type: 'pkcs8' });
    expect(createPublicKey(priv).export({ type: 'spki', format: 'der' }).toString('base64')).toBe(p.PublicKey);
    expect(out(await kms.call('Decrypt', { CiphertextBlob: p.PrivateKeyCiphertextBlob, EncryptionContext: { a: 'b' } }, admin)).Plaintext).toBe(p.PrivateKeyPlaintext);
    const w = out(await kms.call('GenerateDataKeyPairWithoutPlaintext', { KeyId: k.KeyId, KeyPairSpec: 'RSA_2048' }, admin));
    expect(w.PrivateKeyPlaintext).toBeUndefined();
    expect(w.KeyPairSpec).toBe('RSA_2048');
  });

  it('validates key spec and usage at CreateKey, and refuses SM2 and ML-DSA honestly', async () => {
    expectError(await kms.call('CreateKey', { KeySpec: 'RSA_2048' }, admin), 'ValidationException', 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
    expectError(await kms.call('CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' }, admin), 'ValidationException', 'KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048');
    expectError(await kms.call('CreateKey', { KeyUsage: 'RANDOM' }, admin), 'ValidationException',
      "1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]");
    expectError(await kms.call('CreateKey', { KeySpec: 'SM2', KeyUsage: 'SIGN_VERIFY' }, admin), 'UnsupportedOperationException', /SM2/);
    expectError(await kms.call('CreateKey', { KeySpec: 'ML_DSA_65', KeyUsage: 'SIGN_VERIFY' }, admin), 'UnsupportedOperationException', /ML-DSA/);
  });
});
