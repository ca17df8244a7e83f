// Symmetric blob layer: known-answer AES-GCM vector, round trips, tamper / wrong-context / wrong-key rejection.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gcm } from '@noble/ciphers/aes.js';
import {
  canonicalEncryptionContext,
  decryptSymmetric,
  encryptSymmetric,
  open,
  parseSymmetricBlob,
  randomBytes,
  seal,
} from '../../../../src/backend/crypto/index.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK_ID = 'mrk-1234abcd12ab34cd56ef1234567890ab';
const MATERIAL_ID = 'a'.repeat(64);

describe('AES-256-GCM known answer', () => {
  // Source: McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Test Case 16 (AES-256, 60-byte
  // plaintext, 20-byte AAD), https://csrc.nist.gov/CSRC/media/Projects/Block-Cipher-Techniques/documents/BCM/proposed-modes/gcm/gcm-spec.pdf
  const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
  const iv = hex('cafebabefacedbaddecaf888');
  const pt = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
  const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const ct = '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662';
  const tag = '76fc6ece0f4e1768cddf8853bb2d551b';

  it('matches the published ciphertext and tag', () => {
    expect(Buffer.from(gcm(key, iv, aad).encrypt(pt)).toString('hex')).toBe(ct + tag);
  });

  it('decrypts a hand-built blob whose AAD is header ‖ canonical context (the documented layout)', () => {
    const header = new Uint8Array([0x01, 0x04, 1, 0x6b, 0x04, 1, 0x6d]); // version, id "k", id "m"
    const ctx = { purpose: 'test' };
    const sealed = gcm(key, iv, new Uint8Array([...header, ...canonicalEncryptionContext(ctx)])).encrypt(pt);
    const parsed = parseSymmetricBlob(new Uint8Array([...header, ...iv, ...sealed]));
    expect(parsed).toMatchObject({ keyId: 'k', materialId: 'm' });
    expect(decryptSymmetric(parsed!, key, ctx)).toEqual(pt);
  });
});

describe('encryptSymmetric / parseSymmetricBlob / decryptSymmetric', () => {
  const key = randomBytes(32);

  it('round-trips and carries the key id in binary, not the ARN as text', () => {
    const blob = encryptSymmetric({ keyId: KEY_ID, materialId: MATERIAL_ID, key, plaintext: new TextEncoder().encode('hello'), encryptionContext: { a: '1' } });
    expect(blob.length).toBe(1 + 17 + 33 + 12 + 5 + 16);
    expect(Buffer.from(blob).toString('latin1')).not.toContain('arn:');
    const parsed = parseSymmetricBlob(blob);
    expect(parsed).toMatchObject({ keyId: KEY_ID, materialId: MATERIAL_ID });
    expect(new TextDecoder().decode(decryptSymmetric(parsed!, key, { a: '1' }))).toBe('hello');
  });

  it('keeps the multi-Region id intact (moto truncates 40-character mrk ids)', () => {
    // A replica (another Region, same mrk id, same shared material) encrypts; the primary decrypts.
    const replicaKey = key.slice();
    const blob = encryptSymmetric({ keyId: MRK_ID, materialId: 'material-1', key: replicaKey, plaintext: new Uint8Array([1]), encryptionContext: {} });
    const parsed = parseSymmetricBlob(blob);
    expect(parsed).toMatchObject({ keyId: MRK_ID, materialId: 'material-1' });
    expect(decryptSymmetric(parsed!, key, {})).toEqual(new Uint8Array([1]));
  });

  it('rejects a wrong context, a missing pair, an extra pair and a wrong key', () => {
    const blob = encryptSymmetric({ keyId: KEY_ID, materialId: MATERIAL_ID, key, plaintext: new Uint8Array([1, 2, 3]), encryptionContext: { a: '1', b: '2' } });
    const parsed = parseSymmetricBlob(blob)!;
    expect(decryptSymmetric(parsed, key, { b: '2', a: '1' })).toEqual(new Uint8Array([1, 2, 3]));
    expect(decryptSymmetric(parsed, key, { a: '1', b: '3' })).toBeNull();
    expect(decryptSymmetric(parsed, key, { a: '1' })).toBeNull();
    expect(decryptSymmetric(parsed, key, { a: '1', b: '2', c: '' })).toBeNull();
    expect(decryptSymmetric(parsed, randomBytes(32), { a: '1', b: '2' })).toBeNull();
  });

  it('rejects every single-bit flip of the blob (parse or tag failure, never wrong plaintext)', () => {
    const blob = encryptSymmetric({ keyId: KEY_ID, materialId: MATERIAL_ID, key, plaintext: new Uint8Array(20), encryptionContext: {} });
    for (let i = 0; i < blob.length; i++) {
      const bad = blob.slice();
      bad[i] ^= 0x01;
      const parsed = parseSymmetricBlob(bad);
      if (parsed === null) continue;
      const sameIds = parsed.keyId === KEY_ID && parsed.materialId === MATERIAL_ID;
      // A flip in an id changes the id the blob names (the lookup then fails) and the AAD (the tag fails).
      expect(decryptSymmetric(parsed, key, {}), `byte ${i} (ids unchanged: ${sameIds})`).toBeNull();
    }
  });

  it('returns null for malformed blobs', () => {
    expect(parseSymmetricBlob(new Uint8Array())).toBeNull();
    expect(parseSymmetricBlob(new Uint8Array([0x02, 0, 0]))).toBeNull();
    expect(parseSymmetricBlob(new Uint8Array([0x01, 0x01, 1, 2]))).toBeNull();
    const blob = encryptSymmetric({ keyId: KEY_ID, materialId: MATERIAL_ID, key, plaintext: new Uint8Array(0), encryptionContext: {} });
    expect(parseSymmetricBlob(blob.subarray(0, blob.length - 1))).toBeNull();
    // A UUID spelled through the free-form tag is not canonical and is refused.
    const id = new TextEncoder().encode(KEY_ID);
    expect(parseSymmetricBlob(new Uint8Array([0x01, 0x04, id.length, ...id, 0x04, 1, 0x6d, ...new Uint8Array(28)]))).toBeNull();
  });

  it('a 4096-byte plaintext (the Encrypt maximum) fits KMS’s 6144-byte CiphertextBlob limit even with the longest ids', () => {
    const long = 'x'.repeat(255);
    const blob = encryptSymmetric({ keyId: long, materialId: long, key, plaintext: new Uint8Array(4096), encryptionContext: {} });
    expect(blob.length).toBeLessThanOrEqual(6144);
    expect(() => encryptSymmetric({ keyId: 'x'.repeat(256), materialId: 'm', key, plaintext: new Uint8Array(1), encryptionContext: {} })).toThrow(/INVARIANT/);
  });

  it('canonical context is unambiguous', () => {
    expect(canonicalEncryptionContext({ a: 'bc' })).not.toEqual(canonicalEncryptionContext({ ab: 'c' }));
    expect(canonicalEncryptionContext({ x: '1', y: '2' })).toEqual(canonicalEncryptionContext({ y: '2', x: '1' }));
  });

  it('property: any plaintext, ids and context round-trip; any other context fails', () => {
    const ctxArb = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 });
    const idArb = fc.oneof(fc.uuid().map((u) => u.toLowerCase()), fc.string({ minLength: 1, maxLength: 40 }));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), idArb, idArb, ctxArb, ctxArb, (pt, keyId, materialId, ctx, other) => {
        const blob = encryptSymmetric({ keyId, materialId, key, plaintext: pt, encryptionContext: ctx });
        const parsed = parseSymmetricBlob(blob);
        expect(parsed).toMatchObject({ keyId, materialId });
        expect(decryptSymmetric(parsed!, key, ctx)).toEqual(pt);
        const same = Buffer.from(canonicalEncryptionContext(ctx)).equals(Buffer.from(canonicalEncryptionContext(other)));
        if (!same) expect(decryptSymmetric(parsed!, key, other)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});

describe('seal / open', () => {
  it('round-trips and binds the AAD and the master key', () => {
    const mk = randomBytes(32);
    const aad = new TextEncoder().encode('secret/1');
    const sealed = seal(mk, new Uint8Array([9, 9]), aad);
    expect(open(mk, sealed, aad)).toEqual(new Uint8Array([9, 9]));
    expect(open(mk, sealed, new TextEncoder().encode('secret/2'))).toBeNull();
    expect(open(randomBytes(32), sealed, aad)).toBeNull();
    expect(open(mk, sealed.subarray(0, 20), aad)).toBeNull();
  });
});
