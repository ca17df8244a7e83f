/* eslint-disable @typescript-eslint/no-unsafe-return -- outputs are untyped AWS JSON wire shapes */
// Grants: creation, constraints, tokens and propagation, idempotent names, re-delegation, retire/revoke,
// cross-account grantees, and concurrent writers. Sources: https://docs.aws.amazon.com/kms/latest/developerguide/grants.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html, .../grant-delete.html
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { admin, b64, bob, dave, expectError, frank, newKey, open, out } from './helpers.js';

let kms: Kms;
beforeEach(async () => { kms = await open({ grantPropagationDelayMs: 60_000 }); });
afterEach(async () => { await kms.close(); });

async function encrypted(keyId: string, ec: Record<string, string>): Promise<string> {
  return out(await kms.call('Encrypt', { KeyId: keyId, Plaintext: b64('p'), EncryptionContext: ec }, admin)).CiphertextBlob;
}

describe('grants', () => {
  it('allow the grantee with constraints, only with the token until propagated', async () => {
    const k = await newKey(kms);
    const g = out(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: frank.principal, Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { Department: 'IT' } } }, admin));
    expect(g.GrantId).toMatch(/^[0-9a-f]{64}$/);
    const ct = await encrypted(k.KeyId, { Department: 'IT', extra: '1' });
    expectError(await kms.call('Decrypt', { CiphertextBlob: ct, EncryptionContext: { Department: 'IT', extra: '1' } }, frank), 'AccessDeniedException');
    out(await kms.call('Decrypt', { CiphertextBlob: ct, EncryptionContext: { Department: 'IT', extra: '1' }, GrantTokens: [g.GrantToken] }, frank));
    expectError(await kms.call('Decrypt', { CiphertextBlob: ct, GrantTokens: ['bogus-token'] }, frank), 'InvalidGrantTokenException');
    kms.clock.advance(60_000);
    out(await kms.call('Decrypt', { CiphertextBlob: ct, EncryptionContext: { Department: 'IT', extra: '1' } }, frank));
    const other = await encrypted(k.KeyId, { Department: 'HR' });
    expectError(await kms.call('Decrypt', { CiphertextBlob: other, EncryptionContext: { Department: 'HR' } }, frank), 'AccessDeniedException');
    expectError(await kms.call('Encrypt', { KeyId: k.Arn, Plaintext: b64('x'), EncryptionContext: { Department: 'IT' } }, frank), 'AccessDeniedException');
  });

  it('are idempotent by name and parameters, validate operations, and list', async () => {
    const k = await newKey(kms);
    const base = { KeyId: k.KeyId, GranteePrincipal: frank.principal, Operations: ['Encrypt', 'Decrypt'], Name: 'app-grant' };
    const a = out(await kms.call('CreateGrant', base, admin));
    const b = out(await kms.call('CreateGrant', { ...base, Operations: ['Decrypt', 'Encrypt'] }, admin));
    expect(b.GrantId).toBe(a.GrantId);
    const c = out(await kms.call('CreateGrant', { ...base, Operations: ['Decrypt'] }, admin));
    expect(c.GrantId).not.toBe(a.GrantId);
    expectError(await kms.call('CreateGrant', { ...base, Operations: ['Sign'] }, admin), 'ValidationException', /Sign/);
    expectError(await kms.call('CreateGrant', { ...base, Operations: ['Fly'] }, admin), 'ValidationException', /Member must satisfy enum value set/);
    const l = out(await kms.call('ListGrants', { KeyId: k.Arn }, admin));
    expect(l.Grants).toHaveLength(2);
    expect(l.Grants[0]).toMatchObject({ KeyId: k.Arn, GrantId: a.GrantId, Name: 'app-grant', GranteePrincipal: frank.principal, Operations: ['Encrypt', 'Decrypt'] });
  });

  it('let a grantee with CreateGrant re-delegate only a subset', async () => {
    const k = await newKey(kms);
    out(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: frank.principal, Operations: ['CreateGrant', 'Decrypt'] }, admin));
    kms.clock.advance(60_000);
    out(await kms.call('CreateGrant', { KeyId: k.Arn, GranteePrincipal: bob.principal, Operations: ['Decrypt'] }, frank));
    expectError(await kms.call('CreateGrant', { KeyId: k.Arn, GranteePrincipal: bob.principal, Operations: ['Encrypt'] }, frank), 'AccessDeniedException');
  });

  it('retire by token or id, revoke, and list retirable grants', async () => {
    const k = await newKey(kms);
    const g1 = out(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: frank.principal, RetiringPrincipal: frank.principal, Operations: ['Decrypt'] }, admin));
    const g2 = out(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: bob.principal, Operations: ['Decrypt'] }, admin));
    expect(out(await kms.call('ListRetirableGrants', { RetiringPrincipal: frank.principal }, admin)).Grants.map((g: any) => g.GrantId)).toEqual([g1.GrantId]);
    kms.clock.advance(60_000);
    expectError(await kms.call('RetireGrant', { KeyId: k.Arn, GrantId: g2.GrantId }, frank), 'AccessDeniedException');
    out(await kms.call('RetireGrant', { GrantToken: g1.GrantToken }, frank));
    expectError(await kms.call('RetireGrant', { GrantToken: g1.GrantToken }, frank), 'InvalidGrantTokenException');
    out(await kms.call('RevokeGrant', { KeyId: k.KeyId, GrantId: g2.GrantId }, admin));
    expectError(await kms.call('RevokeGrant', { KeyId: k.KeyId, GrantId: g2.GrantId }, admin), 'NotFoundException');
    expect(out(await kms.call('ListGrants', { KeyId: k.KeyId }, admin)).Grants).toEqual([]);
  });

  it('give a cross-account grantee access without an IAM policy, by key ARN only', async () => {
    const k = await newKey(kms);
    out(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: dave.principal, Operations: ['Encrypt', 'DescribeKey'] }, admin));
    kms.clock.advance(60_000);
    expect(out(await kms.call('Encrypt', { KeyId: k.Arn, Plaintext: b64('x') }, dave)).KeyId).toBe(k.Arn);
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, dave), 'NotFoundException');
    expectError(await kms.call('GetKeyPolicy', { KeyId: k.Arn }, dave), 'AccessDeniedException');
  });

  it('lose no update under concurrent CreateGrant and TagResource calls', async () => {
    const k = await newKey(kms);
    await Promise.all(Array.from({ length: 20 }, (_, i) => kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: frank.principal, Operations: ['Decrypt'], Name: `g${i}` }, admin)));
    await Promise.all(Array.from({ length: 20 }, (_, i) => kms.call('TagResource', { KeyId: k.KeyId, Tags: [{ TagKey: `t${i}`, TagValue: String(i) }] }, admin)));
    expect(out(await kms.call('ListGrants', { KeyId: k.KeyId, Limit: 100 }, admin)).Grants).toHaveLength(20);
    expect(out(await kms.call('ListResourceTags', { KeyId: k.KeyId }, admin)).Tags).toHaveLength(20);
  });
});
