// Encrypt / Decrypt / ReEncrypt / GenerateDataKey* / GenerateRandom through createKms, with AWS's
// errors (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html#API_Decrypt_Errors).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { ACCT, REGION, admin, alice, b64, expectError, newKey, open, out, policyAllowing } from './helpers.js';

let kms: Kms;
beforeEach(async () => { kms = await open(); });
afterEach(async () => { await kms.close(); });

describe('symmetric encryption', () => {
  it('round-trips with the encryption context as AAD and answers the key ARN', async () => {
    const k = await newKey(kms);
    const e = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('hello'), EncryptionContext: { dept: 'IT' } }, admin));
    expect(e.KeyId).toBe(k.Arn);
    expect(e.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(Buffer.from(e.CiphertextBlob, 'base64').toString('latin1')).not.toContain(k.KeyId);
    const d = out(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: { dept: 'IT' } }, admin));
    expect(Buffer.from(d.Plaintext, 'base64').toString()).toBe('hello');
    expect(d.KeyId).toBe(k.Arn);
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob, EncryptionContext: { dept: 'HR' } }, admin), 'InvalidCiphertextException', '');
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin), 'InvalidCiphertextException', '');
  });

  it('detects tampering, and a KeyId naming another key is IncorrectKeyException', async () => {
    const k1 = await newKey(kms);
    const k2 = await newKey(kms);
    const e = out(await kms.call('Encrypt', { KeyId: k1.Arn, Plaintext: b64('x') }, admin));
    const raw = Buffer.from(e.CiphertextBlob, 'base64');
    raw[raw.length - 1] ^= 1;
    expectError(await kms.call('Decrypt', { CiphertextBlob: raw.toString('base64') }, admin), 'InvalidCiphertextException');
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob, KeyId: k2.KeyId }, admin), 'IncorrectKeyException',
      'The key ID in the request does not identify a CMK that can perform this operation.');
    expect(out(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob, KeyId: k1.Arn }, admin)).KeyId).toBe(k1.Arn);
  });

  it('resolves the key from the blob before authorizing: a key-scoped policy allows Decrypt without KeyId', async () => {
    const k = await newKey(kms, { Policy: policyAllowing(alice.principal, 'kms:Decrypt') });
    const e = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
    expect(out(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, alice)).KeyId).toBe(k.Arn);
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice), 'AccessDeniedException',
      `User: ${alice.principal} is not authorized to perform: kms:Encrypt on resource: ${k.Arn} because no identity-based policy allows the kms:Encrypt action`);
  });

  it('answers a ciphertext of an unknown key with AWS\'s AccessDeniedException text', async () => {
    const other = await open();
    const k = await newKey(other);
    const e = out(await other.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
    await other.close();
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin), 'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.');
  });

  it('validates as AWS does: Plaintext length, NumberOfBytes range, missing members', async () => {
    const k = await newKey(kms);
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: Buffer.alloc(4097).toString('base64') }, admin), 'ValidationException',
      "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
    expectError(await kms.call('GenerateRandom', { NumberOfBytes: 1025 }, admin), 'ValidationException',
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
    expectError(await kms.call('GenerateRandom', { NumberOfBytes: 0 }, admin), 'ValidationException', /greater than or equal to 1$/);
    expectError(await kms.call('Encrypt', { Plaintext: b64('x') }, admin), 'ValidationException',
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    expectError(await kms.call('Encrypt', { KeyId: 'not-a-key', Plaintext: b64('x') }, admin), 'NotFoundException', "Invalid keyId 'not-a-key'");
    expectError(await kms.call('Encrypt', { KeyId: 'alias/missing', Plaintext: b64('x') }, admin), 'NotFoundException',
      `Alias arn:aws:kms:${REGION}:${ACCT}:alias/missing is not found.`);
    const missing = `arn:aws:kms:${REGION}:${ACCT}:key/11111111-2222-3333-4444-555555555555`;
    expectError(await kms.call('Encrypt', { KeyId: missing, Plaintext: b64('x') }, admin), 'NotFoundException', `Key '${missing}' does not exist`);
    expectError(await kms.call('Encrypt', { KeyId: missing.replace(REGION, 'eu-west-1'), Plaintext: b64('x') }, admin), 'NotFoundException', 'Invalid arn eu-west-1');
  });

  it('generates data keys by KeySpec or NumberOfBytes, with and without plaintext', async () => {
    const k = await newKey(kms);
    const g = out(await kms.call('GenerateDataKey', { KeyId: k.KeyId, KeySpec: 'AES_128', EncryptionContext: { a: '1' } }, admin));
    expect(Buffer.from(g.Plaintext, 'base64')).toHaveLength(16);
    const d = out(await kms.call('Decrypt', { CiphertextBlob: g.CiphertextBlob, EncryptionContext: { a: '1' } }, admin));
    expect(d.Plaintext).toBe(g.Plaintext);
    const n = out(await kms.call('GenerateDataKey', { KeyId: k.Arn, NumberOfBytes: 32 }, admin));
    expect(Buffer.from(n.Plaintext, 'base64')).toHaveLength(32);
    const w = out(await kms.call('GenerateDataKeyWithoutPlaintext', { KeyId: k.KeyId, KeySpec: 'AES_256' }, admin));
    expect(w.Plaintext).toBeUndefined();
    expect(Buffer.from(out(await kms.call('Decrypt', { CiphertextBlob: w.CiphertextBlob }, admin)).Plaintext, 'base64')).toHaveLength(32);
    expectError(await kms.call('GenerateDataKey', { KeyId: k.KeyId }, admin), 'ValidationException');
    expectError(await kms.call('GenerateDataKey', { KeyId: k.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 }, admin), 'ValidationException');
    expect(Buffer.from(out(await kms.call('GenerateRandom', { NumberOfBytes: 1024 }, admin)).Plaintext, 'base64')).toHaveLength(1024);
    expectError(await kms.call('GenerateRandom', {}, admin), 'ValidationException', 'NumberOfBytes is required.');
  });

  it('re-encrypts under another key, authorized as ReEncryptFrom on the source and ReEncryptTo on the destination', async () => {
    const src = await newKey(kms, { Policy: policyAllowing(alice.principal, ['kms:ReEncryptFrom', 'kms:Encrypt']) });
    const dst = await newKey(kms, { Policy: policyAllowing(alice.principal, ['kms:ReEncryptTo']) });
    const noTo = await newKey(kms);
    const e = out(await kms.call('Encrypt', { KeyId: src.KeyId, Plaintext: b64('secret'), EncryptionContext: { s: '1' } }, alice));
    const r = out(await kms.call('ReEncrypt', { CiphertextBlob: e.CiphertextBlob, SourceEncryptionContext: { s: '1' }, DestinationKeyId: dst.KeyId, DestinationEncryptionContext: { d: '2' } }, alice));
    expect(r.SourceKeyId).toBe(src.Arn);
    expect(r.KeyId).toBe(dst.Arn);
    expect(Buffer.from(out(await kms.call('Decrypt', { CiphertextBlob: r.CiphertextBlob, EncryptionContext: { d: '2' } }, admin)).Plaintext, 'base64').toString()).toBe('secret');
    expectError(await kms.call('ReEncrypt', { CiphertextBlob: e.CiphertextBlob, SourceEncryptionContext: { s: '1' }, DestinationKeyId: noTo.KeyId }, alice), 'AccessDeniedException', /kms:ReEncryptTo/);
    expectError(await kms.call('ReEncrypt', { CiphertextBlob: r.CiphertextBlob, SourceEncryptionContext: { d: '2' }, DestinationKeyId: src.KeyId }, alice), 'AccessDeniedException', /kms:ReEncryptFrom/);
  });

  it('honours DryRun after authorization', async () => {
    const k = await newKey(kms);
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x'), DryRun: true }, admin), 'DryRunOperationException',
      'The request would have succeeded, but the DryRun option is set.');
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x'), DryRun: true }, alice), 'AccessDeniedException');
  });
});
