/* eslint-disable @typescript-eslint/no-unsafe-return -- outputs are untyped AWS JSON wire shapes */
// Cross-account identifiers, integrated-service context, descriptions, last usage, paging, and writers sharing one
// store file. Sources: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource,
// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { ACCT, REGION, admin, alice, b64, bob, expectError, newKey, open, out, policyAllowing } from './helpers.js';

let kms: Kms | undefined;
afterEach(async () => { await kms?.close(); kms = undefined; });

describe('cross-account identifiers', () => {
  it('accepts an alias ARN of another account for cryptographic operations, never an alias name', async () => {
    kms = await open();
    const k = await newKey(kms, { Policy: policyAllowing(`arn:aws:iam::444455556666:root`, ['kms:Encrypt', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:GetKeyPolicy']) });
    out(await kms.call('CreateAlias', { AliasName: 'alias/shared', TargetKeyId: k.KeyId }, admin));
    const aliasArn = `arn:aws:kms:${REGION}:${ACCT}:alias/shared`;
    expect(out(await kms.call('Encrypt', { KeyId: aliasArn, Plaintext: b64('x') }, bob)).KeyId).toBe(k.Arn);
    expectError(await kms.call('Encrypt', { KeyId: 'alias/shared', Plaintext: b64('x') }, bob), 'NotFoundException', `Alias arn:aws:kms:${REGION}:444455556666:alias/shared is not found.`);
    expectError(await kms.call('CreateGrant', { KeyId: aliasArn, GranteePrincipal: bob.principal, Operations: ['Decrypt'] }, bob), 'NotFoundException');
    out(await kms.call('CreateGrant', { KeyId: k.Arn, GranteePrincipal: bob.principal, Operations: ['Decrypt'] }, bob));
    expectError(await kms.call('GetKeyPolicy', { KeyId: k.Arn }, bob), 'AccessDeniedException', /kms:GetKeyPolicy/);
  });
});

describe('integrated services', () => {
  it('passes kms:ViaService and kms:GrantIsForAWSResource from the caller into the request context', async () => {
    kms = await open();
    const policy = policyAllowing(alice.principal, ['kms:Encrypt'], [
      { Sid: 'ViaEc2', Effect: 'Allow', Principal: { AWS: alice.principal }, Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
    ]);
    const k = await newKey(kms, { Policy: JSON.stringify({ ...JSON.parse(policy), Statement: JSON.parse(policy).Statement.map((s: any) => s.Sid === 'Direct' ? { ...s, Condition: { StringEquals: { 'kms:ViaService': `ec2.${REGION}.amazonaws.com` } } } : s) }) });
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice), 'AccessDeniedException');
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, { ...alice, viaService: `ec2.${REGION}.amazonaws.com` }));
    expectError(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: alice.principal, Operations: ['Decrypt'] }, alice), 'AccessDeniedException');
    out(await kms.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: alice.principal, Operations: ['Decrypt'] }, { ...alice, grantIsForAwsResource: true }));
    const ev = kms.audit().at(-1)!;
    expect(ev.userIdentity).toMatchObject({ type: 'IAMUser', arn: alice.principal });
  });
});

describe('descriptions, last usage and paging', () => {
  it('updates descriptions, reports last usage, and pages ListKeys with markers', async () => {
    kms = await open();
    const k = await newKey(kms, { Description: 'first' });
    out(await kms.call('UpdateKeyDescription', { KeyId: k.KeyId, Description: 'second' }, admin));
    expect(out(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin)).KeyMetadata.Description).toBe('second');
    expect(out(await kms.call('GetKeyLastUsage', { KeyId: k.KeyId }, admin)).KeyLastUsage).toBeUndefined();
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
    expect(out(await kms.call('GetKeyLastUsage', { KeyId: k.KeyId }, admin)).KeyLastUsage).toMatchObject({ Operation: 'Encrypt' });
    for (let i = 0; i < 4; i++) await newKey(kms);
    const p1 = out(await kms.call('ListKeys', { Limit: 2 }, admin));
    expect(p1).toMatchObject({ Truncated: true });
    const p2 = out(await kms.call('ListKeys', { Limit: 2, Marker: p1.NextMarker }, admin));
    const p3 = out(await kms.call('ListKeys', { Limit: 2, Marker: p2.NextMarker }, admin));
    expect(p3.Truncated).toBe(false);
    expect(new Set([...p1.Keys, ...p2.Keys, ...p3.Keys].map((x: any) => x.KeyId)).size).toBe(5);
    expectError(await kms.call('ListKeys', { Marker: 'bogus' }, admin), 'InvalidMarkerException');
  });

  it('shows Updating while the primary Region changes, then Enabled', async () => {
    kms = await open();
    const p = await newKey(kms, { MultiRegion: true });
    out(await kms.call('ReplicateKey', { KeyId: p.KeyId, ReplicaRegion: 'eu-west-1' }, admin));
    out(await kms.call('UpdatePrimaryRegion', { KeyId: p.Arn, PrimaryRegion: 'eu-west-1' }, admin));
    const m = out(await kms.call('DescribeKey', { KeyId: p.KeyId }, admin)).KeyMetadata;
    expect(m).toMatchObject({ KeyState: 'Enabled', MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA', PrimaryKey: { Region: 'eu-west-1' } } });
  });
});

describe('shared store file', () => {
  it('loses no update when two simulated KMS instances write the same key concurrently', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kms-shared-')), 'state.db');
    const masterKey = new Uint8Array(32).fill(9);
    const a = await open({ storePath: path, masterKey });
    const b = await open({ storePath: path, masterKey });
    const k = await newKey(a);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).call('TagResource', { KeyId: k.KeyId, Tags: [{ TagKey: `t${i}`, TagValue: 'v' }] }, admin)));
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? b : a).call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: alice.principal, Operations: ['Decrypt'], Name: `n${i}` }, admin)));
    expect(out(await a.call('ListResourceTags', { KeyId: k.KeyId }, admin)).Tags).toHaveLength(10);
    expect(out(await b.call('ListGrants', { KeyId: k.KeyId }, admin)).Grants).toHaveLength(10);
    await a.close();
    await b.close();
  });
});

describe('audit trail as CloudTrail input', () => {
  it('is read back by the CloudTrail reader that `explain --cloudtrail` uses', async () => {
    const { readCloudTrail } = await import('../../../../src/sources/cloudtrail.js');
    kms = await open();
    const k = await newKey(kms);
    await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x'), EncryptionContext: { a: 'b' } }, alice);
    const text = kms.audit().map((e) => JSON.stringify(e)).join('\n');
    const r = readCloudTrail(text, 'audit.jsonl');
    expect(r.diagnostics).toEqual([]);
    expect(r.events.map((e) => e.request.action)).toEqual(['kms:CreateKey', 'kms:Encrypt']);
    expect(r.events[1].request).toMatchObject({ principal: alice.principal, resource: k.Arn, encryptionContext: { a: 'b' } });
    expect(r.events[0].explanation).toMatchObject({ decision: 'Allow' });
  });
});

describe('durability', () => {
  it('keeps keys, aliases, tags, grants, rotation and scheduled deletion across reopen, and carries out the deletion later', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kms-durable-')), 'state.db');
    const masterKey = new Uint8Array(32).fill(3);
    const a = await open({ storePath: path, masterKey });
    const k = await newKey(a, { Tags: [{ TagKey: 'team', TagValue: 'red' }] });
    const doomed = await newKey(a);
    out(await a.call('CreateAlias', { AliasName: 'alias/keep', TargetKeyId: k.KeyId }, admin));
    const g = out(await a.call('CreateGrant', { KeyId: k.KeyId, GranteePrincipal: alice.principal, Operations: ['Encrypt'] }, admin));
    out(await a.call('EnableKeyRotation', { KeyId: k.KeyId, RotationPeriodInDays: 100 }, admin));
    out(await a.call('ScheduleKeyDeletion', { KeyId: doomed.KeyId, PendingWindowInDays: 7 }, admin));
    await a.close();
    const b = await open({ storePath: path, masterKey });
    expect(out(await b.call('Encrypt', { KeyId: 'alias/keep', Plaintext: b64('x'), GrantTokens: [g.GrantToken] }, alice)).KeyId).toBe(k.Arn);
    expect(out(await b.call('ListResourceTags', { KeyId: k.KeyId }, admin)).Tags).toEqual([{ TagKey: 'team', TagValue: 'red' }]);
    expect(out(await b.call('GetKeyRotationStatus', { KeyId: k.KeyId }, admin))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 100 });
    expect(out(await b.call('DescribeKey', { KeyId: doomed.KeyId }, admin)).KeyMetadata.KeyState).toBe('PendingDeletion');
    b.clock.advance(8 * 86_400_000);
    expectError(await b.call('DescribeKey', { KeyId: doomed.KeyId }, admin), 'NotFoundException');
    await b.close();
  });
});
