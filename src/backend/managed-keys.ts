/**
 * @module backend/managed-keys
 * AWS managed keys (`alias/aws/<service>`): created in an account the first time a service uses
 * them on the caller's behalf, with the documented key policy (any principal of the account,
 * only through that service: kms:CallerAccount + kms:ViaService), rotated every year, and not
 * manageable by customers. AWS owned keys are never visible.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html (the aws/ebs policy example)
 */
import type { OpCtx } from './context.js';
import { aliasArn } from './ids.js';
import { createKeyRecord } from './key-factory.js';
import type { KeyRecord } from './records.js';

/** alias/aws/<name> → the service endpoint prefix whose kms:ViaService creates and uses it. */
export const MANAGED_KEY_SERVICES: Readonly<Record<string, string>> = {
  acm: 'acm', backup: 'backup', codecommit: 'codecommit', dynamodb: 'dynamodb', ebs: 'ec2', elasticfilesystem: 'elasticfilesystem',
  es: 'es', glue: 'glue', kinesis: 'kinesis', kinesisvideo: 'kinesisvideo', lambda: 'lambda', rds: 'rds', redshift: 'redshift',
  s3: 's3', secretsmanager: 'secretsmanager', sns: 'sns', sqs: 'sqs', ssm: 'ssm', xray: 'xray', logs: 'logs',
};

/** The 365-day rotation period of AWS managed keys. */
export const MANAGED_KEY_ROTATION_DAYS = 365;

/** The documented key policy of an AWS managed key. */
export function managedKeyPolicy(account: string, service: string, region: string): string {
  const upper = service.toUpperCase();
  return JSON.stringify({
    Version: '2012-10-17',
    Id: `auto-${service}-1`,
    Statement: [
      {
        Sid: `Allow access through ${upper} for all principals in the account that are authorized to use ${upper}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*',
      },
    ],
  });
}

/**
 * The AWS managed key behind `aliasName`, created now if the call comes through its service and
 * it does not exist yet; undefined when `aliasName` is not such an alias or the call is direct.
 */
export function ensureManagedKey(ctx: OpCtx, aliasName: string): KeyRecord | undefined {
  const m = /^alias\/aws\/([a-z0-9-]+)$/.exec(aliasName);
  if (!m) return undefined;
  const service = MANAGED_KEY_SERVICES[m[1]];
  if (service === undefined || ctx.caller.viaService !== `${service}.${ctx.region}.amazonaws.com`) return undefined;
  const k = createKeyRecord(ctx.repo, {
    account: ctx.account, region: ctx.region, keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', keyManager: 'AWS',
    description: `Default key that protects my ${m[1].toUpperCase()} data when no other key is defined`,
    policy: managedKeyPolicy(ctx.account, service, ctx.region), multiRegion: false,
  }, ctx.now);
  k.defaultPolicy = false;
  k.rotationEnabled = true;
  k.rotationPeriodInDays = MANAGED_KEY_ROTATION_DAYS;
  k.nextRotationDate = ctx.now + MANAGED_KEY_ROTATION_DAYS * 86_400_000;
  ctx.repo.putKey(k);
  const arn = aliasArn(ctx.region, ctx.account, aliasName);
  ctx.repo.putAlias({ aliasName, aliasArn: arn, account: ctx.account, region: ctx.region, targetKeyArn: k.arn, targetKeyId: k.keyId, creationDate: ctx.now, lastUpdatedDate: ctx.now });
  return k;
}
