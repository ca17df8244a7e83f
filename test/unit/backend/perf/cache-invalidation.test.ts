// Caches never answer for a changed key: the compiled key (per revision), the opened key material (per
// sealed bytes). A call right after PutKeyPolicy, DisableKey, RevokeGrant or rotation sees the change.
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
// https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html (revocation takes effect at once)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { admin, alice, b64, expectError, newKey, open, out, policyAllowing } from '../ops/helpers.js';

let kms: Kms | undefined;
afterEach(async () => {
  await kms?.close();
  kms = undefined;
});

describe('cached state follows every change', () => {
  it('PutKeyPolicy: a call right after the change is decided by the new policy', async () => {
    kms = await open();
    const k = await newKey(kms, { Policy: policyAllowing(alice.principal, 'kms:Encrypt') });
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice));
    out(await kms.call('PutKeyPolicy', { KeyId: k.KeyId, PolicyName: 'default', Policy: policyAllowing(alice.principal, 'kms:Decrypt') }, admin));
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice), 'AccessDeniedException');
    out(await kms.call('PutKeyPolicy', { KeyId: k.KeyId, PolicyName: 'default', Policy: policyAllowing(alice.principal, 'kms:Encrypt') }, admin));
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice));
  });

  it('DisableKey: the next Encrypt is refused, EnableKey restores it', async () => {
    kms = await open();
    const k = await newKey(kms);
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
    out(await kms.call('DisableKey', { KeyId: k.KeyId }, admin));
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin), 'DisabledException');
    out(await kms.call('EnableKey', { KeyId: k.KeyId }, admin));
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
  });

  it('RevokeGrant: the grantee is denied on the very next call', async () => {
    kms = await open();
    const k = await newKey(kms);
    const g = out(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: alice.principal, Operations: ['Encrypt'] }, admin));
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice));
    out(await kms.call('RevokeGrant', { KeyId: k.KeyId, GrantId: g.GrantId }, admin));
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice), 'AccessDeniedException');
  });

  it('on-demand rotation: new ciphertexts use the new material, old ones still decrypt', async () => {
    kms = await open();
    const k = await newKey(kms);
    const before = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('old') }, admin));
    out(await kms.call('RotateKeyOnDemand', { KeyId: k.KeyId }, admin));
    const after = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('new') }, admin));
    expect(after.KeyMaterialId).not.toBe(before.KeyMaterialId);
    expect(out(await kms.call('Decrypt', { CiphertextBlob: before.CiphertextBlob }, admin)).Plaintext).toBe(b64('old'));
    expect(out(await kms.call('Decrypt', { CiphertextBlob: after.CiphertextBlob }, admin)).Plaintext).toBe(b64('new'));
  });

  it('a deleted key is gone for Decrypt although its material was opened before', async () => {
    kms = await open();
    const k = await newKey(kms);
    const c = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
    out(await kms.call('ScheduleKeyDeletion', { KeyId: k.KeyId, PendingWindowInDays: 7 }, admin));
    kms.clock.advance(8 * 86_400_000);
    // The backend's answer for a ciphertext whose key no longer exists (nothing left to authorize against).
    expectError(await kms.call('Decrypt', { CiphertextBlob: c.CiphertextBlob }, admin), 'AccessDeniedException');
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin), 'NotFoundException');
  });
});

describe('two KMS instances on one store file (as two processes would share it)', () => {
  it('a change made through one is seen by the next call of the other, despite its caches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-two-'));
    const storePath = join(dir, 'state.db');
    const masterKey = new Uint8Array(32).fill(3);
    const a = await open({ storePath, masterKey });
    const b = await open({ storePath, masterKey });
    try {
      const k = await newKey(a, { Policy: policyAllowing(alice.principal, ['kms:Encrypt', 'kms:Decrypt']) });
      const c = out(await a.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice));
      out(await a.call('Decrypt', { CiphertextBlob: c.CiphertextBlob }, alice));
      out(await b.call('PutKeyPolicy', { KeyId: k.KeyId, PolicyName: 'default', Policy: policyAllowing(alice.principal, 'kms:Decrypt') }, admin));
      expectError(await a.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice), 'AccessDeniedException');
      out(await b.call('DisableKey', { KeyId: k.KeyId }, admin));
      expectError(await a.call('Decrypt', { CiphertextBlob: c.CiphertextBlob }, alice), 'DisabledException');
      out(await b.call('EnableKey', { KeyId: k.KeyId }, admin));
      out(await b.call('RotateKeyOnDemand', { KeyId: k.KeyId }, admin));
      const after = out(await a.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('y') }, admin));
      expect(after.KeyMaterialId).not.toBe(c.KeyMaterialId);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
