/* eslint-disable @typescript-eslint/no-unsafe-return -- outputs are untyped AWS JSON wire shapes */
// Aliases, tags, key policies, key states, deletion and rotation driven by the simulated clock.
// Sources: https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { ACCT, REGION, admin, alice, b64, expectError, newKey, open, out, policyAllowing } from './helpers.js';

const DAY = 86_400_000;
let kms: Kms;
beforeEach(async () => { kms = await open(); });
afterEach(async () => { await kms.close(); });

describe('aliases', () => {
  it('creates, resolves, updates and deletes aliases with AWS errors', async () => {
    const k1 = await newKey(kms);
    const k2 = await newKey(kms);
    expect(out(await kms.call('CreateAlias', { AliasName: 'alias/app', TargetKeyId: k1.KeyId }, admin))).toEqual({});
    expectError(await kms.call('CreateAlias', { AliasName: 'alias/app', TargetKeyId: k2.KeyId }, admin), 'AlreadyExistsException',
      `An alias with the name arn:aws:kms:${REGION}:${ACCT}:alias/app already exists`);
    expectError(await kms.call('CreateAlias', { AliasName: 'app2', TargetKeyId: k2.KeyId }, admin), 'ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
    expectError(await kms.call('CreateAlias', { AliasName: 'alias/aws/mine', TargetKeyId: k2.KeyId }, admin), 'InvalidAliasNameException');
    expect(out(await kms.call('DescribeKey', { KeyId: 'alias/app' }, admin)).KeyMetadata.Arn).toBe(k1.Arn);
    expect(out(await kms.call('DescribeKey', { KeyId: `arn:aws:kms:${REGION}:${ACCT}:alias/app` }, admin)).KeyMetadata.Arn).toBe(k1.Arn);
    out(await kms.call('UpdateAlias', { AliasName: 'alias/app', TargetKeyId: k2.Arn }, admin));
    const l = out(await kms.call('ListAliases', { KeyId: k2.KeyId }, admin));
    expect(l.Aliases.map((a: any) => [a.AliasName, a.TargetKeyId])).toEqual([['alias/app', k2.KeyId]]);
    out(await kms.call('DeleteAlias', { AliasName: 'alias/app' }, admin));
    expectError(await kms.call('DescribeKey', { KeyId: 'alias/app' }, admin), 'NotFoundException', `Alias arn:aws:kms:${REGION}:${ACCT}:alias/app is not found.`);
  });

  it('needs permission on the alias (IAM) as well as on the key', async () => {
    const k = await newKey(kms, { Policy: policyAllowing(alice.principal, ['kms:CreateAlias']) });
    expectError(await kms.call('CreateAlias', { AliasName: 'alias/x', TargetKeyId: k.KeyId }, alice), 'AccessDeniedException',
      `User: ${alice.principal} is not authorized to perform: kms:CreateAlias on resource: arn:aws:kms:${REGION}:${ACCT}:alias/x because no identity-based policy allows the kms:CreateAlias action`);
  });
});

describe('tags and policies', () => {
  it('tags with AWS limits and lists them', async () => {
    const k = await newKey(kms, { Tags: [{ TagKey: 'Project', TagValue: 'alpha' }] });
    out(await kms.call('TagResource', { KeyId: k.KeyId, Tags: [{ TagKey: 'Team', TagValue: 'red' }] }, admin));
    expect(out(await kms.call('ListResourceTags', { KeyId: k.KeyId }, admin)).Tags).toEqual([{ TagKey: 'Project', TagValue: 'alpha' }, { TagKey: 'Team', TagValue: 'red' }]);
    out(await kms.call('UntagResource', { KeyId: k.KeyId, TagKeys: ['Project'] }, admin));
    expect(out(await kms.call('ListResourceTags', { KeyId: k.KeyId }, admin)).Tags).toEqual([{ TagKey: 'Team', TagValue: 'red' }]);
    expectError(await kms.call('TagResource', { KeyId: k.KeyId, Tags: [{ TagKey: 'aws:x', TagValue: '1' }] }, admin), 'TagException', 'Tags beginning with aws: are reserved');
    expectError(await kms.call('TagResource', { KeyId: k.KeyId, Tags: [{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }] }, admin), 'TagException', 'Duplicate tag keys');
    const many = Array.from({ length: 50 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    expectError(await kms.call('TagResource', { KeyId: k.KeyId, Tags: many }, admin), 'TagException', 'Too many tags');
    expectError(await kms.call('TagResource', { KeyId: k.KeyId, Tags: [{ TagKey: 'x'.repeat(129), TagValue: '' }] }, admin), 'ValidationException', /at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128/);
  });

  it('returns the API default policy and enforces the lockout safety check on PutKeyPolicy', async () => {
    const k = await newKey(kms);
    const p = out(await kms.call('GetKeyPolicy', { KeyId: k.KeyId, PolicyName: 'default' }, admin));
    expect(JSON.parse(p.Policy).Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*' });
    expect(out(await kms.call('ListKeyPolicies', { KeyId: k.KeyId }, admin)).PolicyNames).toEqual(['default']);
    const lockout = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: alice.principal }, Action: 'kms:Encrypt', Resource: '*' }] });
    expectError(await kms.call('PutKeyPolicy', { KeyId: k.KeyId, Policy: lockout }, admin), 'MalformedPolicyDocumentException',
      'The new key policy will not allow you to update the key policy in the future.');
    expectError(await kms.call('PutKeyPolicy', { KeyId: k.KeyId, Policy: '{not json' }, admin), 'MalformedPolicyDocumentException');
    out(await kms.call('PutKeyPolicy', { KeyId: k.KeyId, Policy: lockout, BypassPolicyLockoutSafetyCheck: true }, admin));
    expectError(await kms.call('GetKeyPolicy', { KeyId: k.KeyId }, admin), 'AccessDeniedException', /because no resource-based policy allows the kms:GetKeyPolicy action/);
    expect(out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice)).KeyId).toBe(k.Arn);
  });
});

describe('key states and the clock', () => {
  it('disables and enables with the documented errors', async () => {
    const k = await newKey(kms);
    out(await kms.call('DisableKey', { KeyId: k.KeyId }, admin));
    expect(out(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin)).KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin), 'DisabledException', `${k.Arn} is disabled.`);
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice), 'AccessDeniedException');
    out(await kms.call('EnableKey', { KeyId: k.KeyId }, admin));
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
  });

  it('schedules deletion (7..30 days), cancels to Disabled, and really deletes after the window', async () => {
    const k = await newKey(kms);
    out(await kms.call('CreateAlias', { AliasName: 'alias/doomed', TargetKeyId: k.KeyId }, admin));
    const e = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin));
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: k.KeyId, PendingWindowInDays: 6 }, admin), 'ValidationException', 'PendingWindowInDays must be between 7 and 30');
    const s = out(await kms.call('ScheduleKeyDeletion', { KeyId: k.KeyId, PendingWindowInDays: 7 }, admin));
    expect(s).toMatchObject({ KeyId: k.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(s.DeletionDate).toBe(Math.floor((kms.clock.now().getTime() + 7 * DAY) / 1000));
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin), 'KMSInvalidStateException', `${k.Arn} is pending deletion.`);
    out(await kms.call('CancelKeyDeletion', { KeyId: k.KeyId }, admin));
    expect(out(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin)).KeyMetadata.KeyState).toBe('Disabled');
    expectError(await kms.call('CancelKeyDeletion', { KeyId: k.KeyId }, admin), 'KMSInvalidStateException', `${k.Arn} is not pending deletion.`);
    out(await kms.call('ScheduleKeyDeletion', { KeyId: k.KeyId }, admin));
    kms.clock.advance(29 * DAY);
    expect(out(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin)).KeyMetadata.KeyState).toBe('PendingDeletion');
    kms.clock.advance(1 * DAY + 1000);
    expectError(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin), 'NotFoundException', `Key '${k.Arn}' does not exist`);
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin), 'AccessDeniedException', /ciphertext refers to a customer master key/);
    const left = out(await kms.call('ListAliases', { Limit: 100 }, admin)).Aliases;
    expect(left.filter((a: any) => a.AliasName === 'alias/doomed')).toEqual([]);
    // Only AWS's predefined aliases remain, without a target (API_ListAliases).
    expect(left.every((a: any) => a.AliasName.startsWith('alias/aws/') && a.TargetKeyId === undefined)).toBe(true);
  });

  it('rotates automatically every RotationPeriodInDays and on demand; old ciphertexts still decrypt', async () => {
    const k = await newKey(kms);
    const old = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('v1') }, admin));
    expectError(await kms.call('EnableKeyRotation', { KeyId: k.KeyId, RotationPeriodInDays: 89 }, admin), 'ValidationException', /at 'rotationPeriodInDays'.*greater than or equal to 90/);
    out(await kms.call('EnableKeyRotation', { KeyId: k.KeyId, RotationPeriodInDays: 90 }, admin));
    const st = out(await kms.call('GetKeyRotationStatus', { KeyId: k.KeyId }, admin));
    expect(st).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    kms.clock.advance(181 * DAY);
    const rot = out(await kms.call('ListKeyRotations', { KeyId: k.KeyId }, admin)).Rotations;
    expect(rot.map((r: any) => r.RotationType)).toEqual(['AUTOMATIC', 'AUTOMATIC']);
    const fresh = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('v3') }, admin));
    expect(fresh.KeyMaterialId).not.toBe(old.KeyMaterialId);
    expect(Buffer.from(out(await kms.call('Decrypt', { CiphertextBlob: old.CiphertextBlob }, admin)).Plaintext, 'base64').toString()).toBe('v1');
    out(await kms.call('RotateKeyOnDemand', { KeyId: k.KeyId }, admin));
    expect(out(await kms.call('ListKeyRotations', { KeyId: k.KeyId }, admin)).Rotations.at(-1).RotationType).toBe('ON_DEMAND');
    for (let i = 1; i < 25; i++) out(await kms.call('RotateKeyOnDemand', { KeyId: k.KeyId }, admin));
    expectError(await kms.call('RotateKeyOnDemand', { KeyId: k.KeyId }, admin), 'LimitExceededException',
      `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${k.Arn}`);
    out(await kms.call('DisableKeyRotation', { KeyId: k.KeyId }, admin));
    expect(out(await kms.call('GetKeyRotationStatus', { KeyId: k.KeyId }, admin)).KeyRotationEnabled).toBe(false);
  });

  it('keeps its state and clock in the store across reopen', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kms-')), 'state.db');
    const masterKey = new Uint8Array(32).fill(7);
    const a = await open({ storePath: path, masterKey });
    const k = await newKey(a);
    const e = out(await a.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('durable') }, admin));
    a.clock.advance(100 * DAY);
    const t = a.clock.now().getTime();
    await a.close();
    const b = await open({ storePath: path, masterKey });
    expect(Math.abs(b.clock.now().getTime() - t)).toBeLessThan(5000);
    expect(Buffer.from(out(await b.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin)).Plaintext, 'base64').toString()).toBe('durable');
    await b.close();
  });
});

describe('key policy principals', () => {
  it('rejects a policy naming a user that does not exist in an account the world describes', async () => {
    const k = await newKey(kms);
    const ghost = JSON.stringify({ Version: '2012-10-17', Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/Ghost` }, Action: 'kms:Decrypt', Resource: '*' },
    ] });
    expectError(await kms.call('PutKeyPolicy', { KeyId: k.KeyId, Policy: ghost }, admin), 'MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.');
    out(await kms.call('PutKeyPolicy', { KeyId: k.KeyId, Policy: ghost.replace(`${ACCT}:user/Ghost`, '999999999999:user/Elsewhere') }, admin));
  });
});
