// The whole KMS story through `kms-authz serve` with the real AWS SDK v3 clients: keys, policies,
// crypto, grants, cross-account via STS, and the lifecycle driven by the simulated clock.
// Oracles: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
// https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
// https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
import {
  CreateGrantCommand, CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EnableKeyRotationCommand, EncryptCommand,
  GenerateDataKeyCommand, ListGrantsCommand, ListKeyRotationsCommand, PutKeyPolicyCommand, ReEncryptCommand,
  RevokeGrantCommand, ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.js';
import {
  ACCOUNT, admin, ALICE, APP_KEY, BOB, EXAMPLE_USER, kms, OPS, PARTNER, REGION, rejection, sts, testWorld, type Creds,
} from './server-world.js';

const EXAMPLE_ARN = `arn:aws:iam::${ACCOUNT}:user/ExampleUser`;
const ALICE_ARN = `arn:aws:iam::${ACCOUNT}:user/Alice`;

function keyPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: [EXAMPLE_ARN, `arn:aws:iam::${PARTNER}:root`] },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*',
      },
    ],
  });
}

describe('kms-authz serve with the AWS SDK', () => {
  let server: RunningServer;
  let keyArn = '';
  let ciphertext: Uint8Array = new Uint8Array();
  const ctx = { purpose: 'e2e' };

  beforeAll(async () => {
    server = await startServer({ world: testWorld(), port: 0, admin: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates a key and sets its policy as an administrator', async () => {
    const created = await kms(server.url, OPS).send(new CreateKeyCommand({ Description: 'e2e key' }));
    keyArn = created.KeyMetadata?.Arn ?? '';
    expect(keyArn).toMatch(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`));
    expect(created.KeyMetadata).toMatchObject({ KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Enabled: true });
    expect(created.KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    await kms(server.url, OPS).send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: keyPolicy() }));
  });

  it('encrypts, decrypts, generates data keys and re-encrypts as a key user', async () => {
    const user = kms(server.url, EXAMPLE_USER);
    const enc = await user.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('attack at dawn'), EncryptionContext: ctx }));
    expect(enc.KeyId).toBe(keyArn);
    ciphertext = enc.CiphertextBlob ?? new Uint8Array();
    const dec = await user.send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: ctx }));
    expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('attack at dawn');
    expect(dec.KeyId).toBe(keyArn);
    const wrongCtx = await rejection(user.send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: { purpose: 'other' } })));
    expect(wrongCtx.name).toBe('InvalidCiphertextException');
    const dk = await user.send(new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: ctx }));
    expect(dk.Plaintext?.length).toBe(32);
    const back = await user.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: ctx }));
    expect(Buffer.from(back.Plaintext ?? []).equals(Buffer.from(dk.Plaintext ?? []))).toBe(true);
    const re = await user.send(new ReEncryptCommand({ CiphertextBlob: ciphertext, SourceEncryptionContext: ctx, DestinationKeyId: APP_KEY, DestinationEncryptionContext: ctx }));
    expect(re).toMatchObject({ SourceKeyId: keyArn, KeyId: APP_KEY });
  });

  it('denies a same-account user without permission, with AWS\'s message', async () => {
    const e = await rejection(kms(server.url, ALICE).send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: ctx })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.$metadata?.httpStatusCode).toBe(400);
    expect(e.message).toBe(`User: ${ALICE_ARN} is not authorized to perform: kms:Decrypt on resource: ${keyArn} because no identity-based policy allows the kms:Decrypt action`);
  });

  it('lets a partner account use the key through an assumed role, and only where both sides allow', async () => {
    const bobSts = sts(server.url, BOB);
    expect((await bobSts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${PARTNER}:user/Bob`);
    const assumed = await bobSts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PARTNER}:role/Engineering`, RoleSessionName: 'bob' }));
    const c = assumed.Credentials;
    const session: Creds = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' };
    const sessionArn = `arn:aws:sts::${PARTNER}:assumed-role/Engineering/bob`;
    expect(assumed.AssumedRoleUser?.Arn).toBe(sessionArn);
    const eng = kms(server.url, session);
    const enc = await eng.send(new EncryptCommand({ KeyId: APP_KEY, Plaintext: Buffer.from('partner data') }));
    const dec = await eng.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('partner data');
    // The key policy trusts the partner account on the new key too, but the role's IAM policy names only APP_KEY.
    const e = await rejection(eng.send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: ctx })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(`User: ${sessionArn} is not authorized to perform: kms:Decrypt on resource: ${keyArn} because no identity-based policy allows the kms:Decrypt action`);
    // Bob himself has no KMS permissions in his account.
    const direct = await rejection(kms(server.url, BOB).send(new EncryptCommand({ KeyId: APP_KEY, Plaintext: Buffer.from('x') })));
    expect(direct.name).toBe('AccessDeniedException');
    // Alice in the key's account is not trusted by the partner role.
    const refused = await rejection(sts(server.url, ALICE).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PARTNER}:role/Engineering`, RoleSessionName: 'alice' })));
    expect(refused.name).toBe('AccessDenied');
    expect(refused.message).toBe(`User: ${ALICE_ARN} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${PARTNER}:role/Engineering`);
  });

  it('applies the session policy passed to AssumeRole to every KMS call of the session', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] });
    const assumed = await sts(server.url, BOB).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PARTNER}:role/Engineering`, RoleSessionName: 'bob-encrypt-only', Policy: policy }));
    const c = assumed.Credentials;
    const limited = kms(server.url, { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' });
    const enc = await limited.send(new EncryptCommand({ KeyId: APP_KEY, Plaintext: Buffer.from('write only') }));
    const e = await rejection(limited.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toMatch(new RegExp(`^User: arn:aws:sts::${PARTNER}:assumed-role/Engineering/bob-encrypt-only is not authorized to perform: kms:Decrypt on resource: ${APP_KEY}`));
  });

  it('grants access with a grant token and constraints, and takes it back on revoke', async () => {
    const ops = kms(server.url, OPS);
    const grant = await ops.send(new CreateGrantCommand({
      KeyId: keyArn, GranteePrincipal: ALICE_ARN, Operations: ['Decrypt'], Name: 'alice-e2e',
      Constraints: { EncryptionContextSubset: ctx },
    }));
    expect(grant.GrantId).toMatch(/^[0-9a-f]{64}$/);
    expect(grant.GrantToken?.length).toBeGreaterThan(0);
    const alice = kms(server.url, ALICE);
    const dec = await alice.send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: ctx, GrantTokens: [grant.GrantToken ?? ''] }));
    expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('attack at dawn');
    const listed = await ops.send(new ListGrantsCommand({ KeyId: keyArn }));
    expect(listed.Grants?.map((g) => g.GranteePrincipal)).toContain(ALICE_ARN);
    const enc = await rejection(alice.send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('x'), EncryptionContext: ctx, GrantTokens: [grant.GrantToken ?? ''] })));
    expect(enc.name).toBe('AccessDeniedException');
    await ops.send(new RevokeGrantCommand({ KeyId: keyArn, GrantId: grant.GrantId }));
    const after = await rejection(alice.send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: ctx })));
    expect(after.name).toBe('AccessDeniedException');
  });

  it('rotates on the simulated clock and keeps old ciphertexts readable', async () => {
    const ops = kms(server.url, OPS);
    await ops.send(new EnableKeyRotationCommand({ KeyId: keyArn, RotationPeriodInDays: 90 }));
    await admin(server.url, 'clock', { advanceDays: 91 });
    const rotations = await ops.send(new ListKeyRotationsCommand({ KeyId: keyArn }));
    expect(rotations.Rotations?.length).toBe(1);
    expect(rotations.Rotations?.[0]?.RotationType).toBe('AUTOMATIC');
    const dec = await kms(server.url, EXAMPLE_USER).send(new DecryptCommand({ CiphertextBlob: ciphertext, EncryptionContext: ctx }));
    expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('attack at dawn');
  });

  it('deletes the key when the waiting period passes on the simulated clock', async () => {
    const ops = kms(server.url, OPS);
    const scheduled = await ops.send(new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 }));
    expect(scheduled.KeyState).toBe('PendingDeletion');
    const pending = await rejection(kms(server.url, EXAMPLE_USER).send(new EncryptCommand({ KeyId: keyArn, Plaintext: Buffer.from('x') })));
    expect(pending.name).toBe('KMSInvalidStateException');
    expect(pending.message).toBe(`${keyArn} is pending deletion.`);
    await admin(server.url, 'clock', { advanceDays: 8 });
    const gone = await rejection(ops.send(new DescribeKeyCommand({ KeyId: keyArn })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.message).toBe(`Key '${keyArn}' does not exist`);
    const counts = (await admin(server.url, 'call-counts')) as { counts: Record<string, number> };
    expect(counts.counts.Encrypt).toBeGreaterThanOrEqual(3);
  });

  it('applies a world reloaded through the admin path to the next request', async () => {
    const alice = kms(server.url, ALICE);
    const enc = await kms(server.url, EXAMPLE_USER).send(new EncryptCommand({ KeyId: APP_KEY, Plaintext: Buffer.from('reload') }));
    expect((await rejection(alice.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })))).name).toBe('AccessDeniedException');
    const world = testWorld() as { principals: { arn: string; policies?: unknown[] }[] };
    world.principals.find((p) => p.arn === ALICE_ARN)?.policies?.push({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: APP_KEY }],
    });
    const invalid = await fetch(`${server.url}/_kms-authz/world`, { method: 'POST', body: JSON.stringify({ world: { principals: 'not a list' } }) });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: 'world rejected' });
    expect((await rejection(alice.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })))).name).toBe('AccessDeniedException');
    expect(await admin(server.url, 'world', { world })).toEqual({ reloaded: true });
    const dec = await alice.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('reload');
  });

  it('refuses an expired signature and an unknown access key as AWS does', async () => {
    const late = await rejection(kms(server.url, ALICE, { systemClockOffset: -10 * 60_000 }).send(new DescribeKeyCommand({ KeyId: APP_KEY })));
    expect(late.name).toBe('InvalidSignatureException');
    expect(late.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    const stranger = await rejection(kms(server.url, { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' }).send(new DescribeKeyCommand({ KeyId: APP_KEY })));
    expect(stranger.name).toBe('UnrecognizedClientException');
    expect(stranger.message).toBe('The security token included in the request is invalid.');
  });
});
