// Laws of the simulated KMS, checked with fast-check: Decrypt inverts Encrypt for any plaintext and encryption
// context (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html: the same context is needed
// to decrypt), any other context fails, and no request shape makes a call throw instead of answering.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { admin, newKey, open } from './helpers.js';

let kms: Kms;
let keyId: string;
beforeAll(async () => { kms = await open(); keyId = (await newKey(kms)).KeyId; });
afterAll(async () => { await kms.close(); });

const context = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 }), { maxKeys: 4 });

describe('properties', () => {
  it('Decrypt(Encrypt(p, ec), ec) = p, and any other context is InvalidCiphertextException', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 256 }), context, context, async (p, ec, other) => {
      const e = await kms.call('Encrypt', { KeyId: keyId, Plaintext: Buffer.from(p).toString('base64'), EncryptionContext: ec }, admin);
      if (!e.ok) return false;
      const d = await kms.call('Decrypt', { CiphertextBlob: e.output.CiphertextBlob, EncryptionContext: ec }, admin);
      if (!d.ok || d.output.Plaintext !== Buffer.from(p).toString('base64')) return false;
      if (JSON.stringify(Object.entries(other).sort()) === JSON.stringify(Object.entries(ec).sort())) return true;
      const w = await kms.call('Decrypt', { CiphertextBlob: e.output.CiphertextBlob, EncryptionContext: other }, admin);
      return !w.ok && w.error.type === 'InvalidCiphertextException';
    }), { numRuns: 60 });
  });

  it('answers every request shape with a value: never a throw, never a 500', async () => {
    const ops = ['Encrypt', 'Decrypt', 'CreateGrant', 'CreateKey', 'PutKeyPolicy', 'TagResource', 'ListKeys', 'ReEncrypt', 'ScheduleKeyDeletion', 'Sign', 'ImportKeyMaterial'];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...ops), fc.dictionary(fc.constantFrom('KeyId', 'Plaintext', 'CiphertextBlob', 'Policy', 'Tags', 'Operations', 'GranteePrincipal', 'Limit', 'Marker', 'PendingWindowInDays', 'DestinationKeyId', 'Message', 'SigningAlgorithm'), fc.jsonValue(), { maxKeys: 5 }), async (op, input) => {
      const r = await kms.call(op, { ...input }, admin);
      return r.ok || (r.error.status === 400 && typeof r.error.message === 'string');
    }), { numRuns: 300 });
    expect(kms.audit().length).toBeGreaterThan(300);
  });
});
