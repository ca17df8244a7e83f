/**
 * @module backend/resolve
 * Finding the key a KeyId names. Key ids and alias names are looked up in the caller's account;
 * key ARNs and alias ARNs may name another account's key (alias ARNs only where AWS accepts them:
 * cryptographic operations, DescribeKey and GetPublicKey). An `alias/aws/<service>` name that does
 * not exist yet creates the AWS managed key when the call comes through that service.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html#cross-account-use
 */
import type { OpCtx } from './context.js';
import { aliasNotFound, fail, keyNotFound } from './errors.js';
import { parseKeyRef } from './ids.js';
import { ensureManagedKey } from './managed-keys.js';
import type { KeyRecord } from './records.js';

/** Operations that accept an alias ARN of another account (XA "Using KMS keys in other accounts"). */
const ALIAS_ARN_CROSS_ACCOUNT = new Set([
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext',
  'GenerateMac', 'VerifyMac', 'ReEncrypt', 'Sign', 'Verify', 'DeriveSharedSecret', 'DescribeKey', 'GetPublicKey',
]);

/** Resolves a KeyId (key id, key ARN, alias name or alias ARN) to a stored key; NotFoundException otherwise. */
export function resolveKey(ctx: OpCtx, sent: string): KeyRecord {
  const ref = parseKeyRef(sent, ctx.account, ctx.region);
  if (ref.kind === 'key') {
    const k = ctx.repo.key(ref.arn);
    if (!k) return keyNotFound(ref.arn);
    ctx.resources.push(k.arn);
    return k;
  }
  if (ref.account !== ctx.account && !ALIAS_ARN_CROSS_ACCOUNT.has(ctx.operation)) return aliasNotFound(ref.aliasArn);
  const a = ctx.repo.alias(ref.aliasArn);
  if (!a) {
    const managed = ref.account === ctx.account ? ensureManagedKey(ctx, ref.aliasName) : undefined;
    if (managed) {
      ctx.resources.push(managed.arn);
      return managed;
    }
    return aliasNotFound(ref.aliasArn);
  }
  const k = ctx.repo.key(a.targetKeyArn);
  // INVARIANT: an alias always targets an existing key (key deletion removes its aliases).
  if (!k) return fail('KMSInternalException', `alias ${a.aliasArn} targets a missing key`);
  ctx.resources.push(k.arn);
  return k;
}
