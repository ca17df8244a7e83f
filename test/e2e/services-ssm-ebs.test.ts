// Integrated-service simulation: calls made "as SSM / EC2 on a user's behalf" through signed
// x-kms-authz-* headers (docs/serve.md), with AWS's documented flows as the oracle:
// SSM SecureString, standard and advanced tier:
//   https://docs.aws.amazon.com/kms/latest/developerguide/services-parameter-store.html
// EBS volume attachment through a grant, and the troubleshooting case:
//   https://docs.aws.amazon.com/kms/latest/developerguide/services-ebs.html
//   https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
//   https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  CreateGrantCommand, CreateKeyCommand, DecryptCommand, EncryptCommand, GenerateDataKeyCommand, GenerateDataKeyWithoutPlaintextCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.js';
import {
  ACCOUNT, admin, ALICE, APP_KEY, asService, ATTACHER, ATTACHER_ARN, DISABLED_KEY, EXAMPLE_USER, kms, OPS, REGION, rejection, testWorld,
} from './server-world.js';

const EXAMPLE_ARN = `arn:aws:iam::${ACCOUNT}:user/ExampleUser`;
const SSM = { 'x-kms-authz-via-service': `ssm.${REGION}.amazonaws.com` };
const EC2 = { 'x-kms-authz-via-service': `ec2.${REGION}.amazonaws.com`, 'x-kms-authz-grant-is-for-aws-resource': 'true' };
const PARAM = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/db-password`;

/** A key ExampleUser may use only through SSM, only for parameters under /app/. */
function ssmKeyPolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'Parameter Store only', Effect: 'Allow', Principal: { AWS: EXAMPLE_ARN },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*',
        Condition: {
          StringEquals: { 'kms:ViaService': `ssm.${REGION}.amazonaws.com` },
          StringLike: { 'kms:EncryptionContext:PARAMETER_ARN': `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/*` },
        },
      },
    ],
  });
}

describe('integrated services through kms-authz serve', () => {
  let server: RunningServer;
  let ssmKey = '';

  beforeAll(async () => {
    server = await startServer({ world: testWorld(), port: 0, admin: true, simulateServices: true });
    const created = await kms(server.url, OPS).send(new CreateKeyCommand({ Description: 'Parameter Store key', Policy: ssmKeyPolicy() }));
    ssmKey = created.KeyMetadata?.Arn ?? '';
  });
  afterAll(async () => {
    await server.close();
  });

  describe('SSM SecureString, standard tier: the parameter value is encrypted under the key', () => {
    const context = { PARAMETER_ARN: PARAM };

    it('works through SSM with the parameter ARN as encryption context', async () => {
      const ssm = asService(kms(server.url, EXAMPLE_USER), SSM);
      const enc = await ssm.send(new EncryptCommand({ KeyId: ssmKey, Plaintext: Buffer.from('s3cr3t'), EncryptionContext: context }));
      const dec = await ssm.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: context }));
      expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('s3cr3t');
    });

    it('is denied when called directly, or for a parameter outside /app/', async () => {
      const direct = await rejection(kms(server.url, EXAMPLE_USER).send(new EncryptCommand({ KeyId: ssmKey, Plaintext: Buffer.from('x'), EncryptionContext: context })));
      expect(direct.name).toBe('AccessDeniedException');
      expect(direct.message).toMatch(new RegExp(`^User: ${EXAMPLE_ARN} is not authorized to perform: kms:Encrypt on resource: ${ssmKey}`));
      const other = { PARAMETER_ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/ops/token` };
      const outside = await rejection(asService(kms(server.url, EXAMPLE_USER), SSM).send(new EncryptCommand({ KeyId: ssmKey, Plaintext: Buffer.from('x'), EncryptionContext: other })));
      expect(outside.name).toBe('AccessDeniedException');
    });
  });

  describe('SSM SecureString, advanced tier: envelope encryption with a data key per parameter', () => {
    it('wraps a per-parameter data key and unwraps it to read the value', async () => {
      const context = { PARAMETER_ARN: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/app/big-config` };
      const ssm = asService(kms(server.url, EXAMPLE_USER), SSM);
      const dk = await ssm.send(new GenerateDataKeyCommand({ KeyId: ssmKey, KeySpec: 'AES_256', EncryptionContext: context }));
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(dk.Plaintext ?? []), iv);
      const value = Buffer.concat([cipher.update('x'.repeat(6000)), cipher.final()]);
      const tag = cipher.getAuthTag();
      // Later, reading the parameter: SSM asks KMS to decrypt the stored data key.
      const unwrapped = await ssm.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: context }));
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(unwrapped.Plaintext ?? []), iv);
      decipher.setAuthTag(tag);
      expect(Buffer.concat([decipher.update(value), decipher.final()]).toString()).toBe('x'.repeat(6000));
    });
  });

  describe('EBS: EC2 creates a grant for the volume, then decrypts through it', () => {
    it('creates the grant on the user\'s behalf and lets the grantee decrypt the volume key', async () => {
      const ec2 = asService(kms(server.url, EXAMPLE_USER), EC2);
      const volumeKey = await ec2.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: APP_KEY, KeySpec: 'AES_256', EncryptionContext: { 'aws:ebs:id': 'vol-0123456789abcdef0' } }));
      const grant = await ec2.send(new CreateGrantCommand({ KeyId: APP_KEY, GranteePrincipal: ATTACHER_ARN, Operations: ['Decrypt'], Constraints: { EncryptionContextSubset: { 'aws:ebs:id': 'vol-0123456789abcdef0' } } }));
      const attach = asService(kms(server.url, ATTACHER), { 'x-kms-authz-via-service': `ec2.${REGION}.amazonaws.com` });
      const dec = await attach.send(new DecryptCommand({ CiphertextBlob: volumeKey.CiphertextBlob, EncryptionContext: { 'aws:ebs:id': 'vol-0123456789abcdef0' }, GrantTokens: [grant.GrantToken ?? ''] }));
      expect(dec.Plaintext?.length).toBe(32);
      expect(dec.KeyId).toBe(APP_KEY);
    });

    it('refuses the grant when the user calls directly (kms:GrantIsForAWSResource is false)', async () => {
      const e = await rejection(kms(server.url, EXAMPLE_USER).send(new CreateGrantCommand({ KeyId: APP_KEY, GranteePrincipal: ATTACHER_ARN, Operations: ['Decrypt'] })));
      expect(e.name).toBe('AccessDeniedException');
      expect(e.message).toMatch(new RegExp(`^User: ${EXAMPLE_ARN} is not authorized to perform: kms:CreateGrant on resource: ${APP_KEY}`));
    });

    // The seed troubleshooting case "can't start an EC2 instance with an encrypted EBS volume".
    it('fails to start the instance when the key is disabled: DisabledException', async () => {
      const e = await rejection(asService(kms(server.url, EXAMPLE_USER), EC2).send(new CreateGrantCommand({ KeyId: DISABLED_KEY, GranteePrincipal: ATTACHER_ARN, Operations: ['Decrypt'] })));
      expect(e.name).toBe('DisabledException');
      expect(e.message).toBe(`${DISABLED_KEY} is disabled.`);
    });

    it('fails to start the instance when the user lacks kms:CreateGrant, and the audit log says why', async () => {
      const e = await rejection(asService(kms(server.url, ALICE), EC2).send(new CreateGrantCommand({ KeyId: APP_KEY, GranteePrincipal: ATTACHER_ARN, Operations: ['Decrypt'] })));
      expect(e.name).toBe('AccessDeniedException');
      const alice = `arn:aws:iam::${ACCOUNT}:user/Alice`;
      expect(e.message).toBe(`User: ${alice} is not authorized to perform: kms:CreateGrant on resource: ${APP_KEY} because no identity-based policy allows the kms:CreateGrant action`);
      const { events } = (await admin(server.url, 'audit')) as { events: { eventName: string; errorCode?: string; userIdentity: { arn: string }; kmsAuthzExplanation?: { decision: string; missing?: { layer: string }[] } }[] };
      const denial = events.filter((x) => x.eventName === 'CreateGrant' && x.userIdentity.arn === alice).at(-1);
      expect(denial?.errorCode).toBe('AccessDeniedException');
      expect(denial?.kmsAuthzExplanation?.decision).toBe('ImplicitDeny');
      expect(denial?.kmsAuthzExplanation?.missing?.map((m) => m.layer)).toContain('identity');
    });
  });
});
