/**
 * @module backend/operations/keys
 * CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey, UpdateKeyDescription, GetKeyLastUsage.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html
 */
import { authorizeAccount, authorizeKey } from '../authz.js';
import type { Handler, OpCtx } from '../context.js';
import { fail } from '../errors.js';
import { createKeyRecord } from '../key-factory.js';
import { checkKeyState } from '../key-state.js';
import { checkLockout, checkPolicyDocument } from '../policy-check.js';
import type { KeyRecord } from '../records.js';
import { resolveKey } from '../resolve.js';
import { keyMetadata } from './metadata.js';
import { page } from './paging.js';
import { bool, epoch, optStr, str, tagContext, tagsOf } from './params.js';

/** Key usages each key spec allows (https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html). */
const USAGES: Readonly<Record<string, readonly string[]>> = {
  SYMMETRIC_DEFAULT: ['ENCRYPT_DECRYPT'],
  RSA_2048: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'], RSA_3072: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'], RSA_4096: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'],
  ECC_NIST_P256: ['SIGN_VERIFY', 'KEY_AGREEMENT'], ECC_NIST_P384: ['SIGN_VERIFY', 'KEY_AGREEMENT'], ECC_NIST_P521: ['SIGN_VERIFY', 'KEY_AGREEMENT'],
  ECC_SECG_P256K1: ['SIGN_VERIFY'], ECC_NIST_EDWARDS25519: ['SIGN_VERIFY'],
  HMAC_224: ['GENERATE_VERIFY_MAC'], HMAC_256: ['GENERATE_VERIFY_MAC'], HMAC_384: ['GENERATE_VERIFY_MAC'], HMAC_512: ['GENERATE_VERIFY_MAC'],
  SM2: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'], ML_DSA_44: ['SIGN_VERIFY'], ML_DSA_65: ['SIGN_VERIFY'], ML_DSA_87: ['SIGN_VERIFY'],
};

/** The maximum number of tags on a key. */
export const MAX_TAGS = 50;

/**
 * Records the last successful cryptographic use of a key (GetKeyLastUsage). A repeat of the same
 * operation within a minute is not recorded again, and the record is not written in the call's
 * transaction: it waits in memory for the next audit batch (kms.ts), as AWS reports last usage with
 * a delay too; a durable write here would make a read-only call pay a disk sync.
 */
export function noteUsage(ctx: OpCtx, k: KeyRecord): void {
  const u = lastUsageOf(ctx, k);
  if (u !== undefined && u.operation === ctx.operation && ctx.now - u.timestamp < USAGE_GRANULARITY_MS && ctx.now >= u.timestamp) return;
  ctx.env.pendingUsage.set(k.arn, { operation: ctx.operation, timestamp: ctx.now, principal: ctx.caller.principal });
}

/** The last use of a key: the stored record or, when newer, the one waiting to be written. */
export function lastUsageOf(ctx: OpCtx, k: KeyRecord): KeyRecord['lastUsage'] {
  const p = ctx.env.pendingUsage.get(k.arn);
  const s = k.lastUsage;
  return p === undefined ? s : s === undefined || p.timestamp >= s.timestamp ? p : s;
}

/** Granularity of GetKeyLastUsage's record. */
export const USAGE_GRANULARITY_MS = 60_000;

const createKey: Handler = (ctx, input) => {
  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined) {
    fail('ValidationException', 'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.');
  }
  const keySpec = optStr(input, 'KeySpec') ?? optStr(input, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
  const usageSent = optStr(input, 'KeyUsage');
  if (usageSent === undefined && keySpec !== 'SYMMETRIC_DEFAULT') fail('ValidationException', 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  const keyUsage = usageSent ?? 'ENCRYPT_DECRYPT';
  if (!(USAGES[keySpec] ?? []).includes(keyUsage)) fail('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`);
  const origin = optStr(input, 'Origin') ?? 'AWS_KMS';
  const multiRegion = bool(input, 'MultiRegion');
  const storeId = optStr(input, 'CustomKeyStoreId');
  const tags = tagsOf(input);
  const bypass = bool(input, 'BypassPolicyLockoutSafetyCheck');
  const policy = optStr(input, 'Policy');
  authorizeAccount(ctx, 'kms:CreateKey', {
    context: {
      'kms:KeySpec': keySpec, 'kms:CustomerMasterKeySpec': keySpec, 'kms:KeyUsage': keyUsage, 'kms:CustomerMasterKeyUsage': keyUsage,
      'kms:KeyOrigin': origin, 'kms:MultiRegion': String(multiRegion), ...(multiRegion ? { 'kms:MultiRegionKeyType': 'PRIMARY' } : {}),
      'kms:BypassPolicyLockoutSafetyCheck': String(bypass), ...tagContext(tags),
    },
  });
  // Tags on CreateKey also need kms:TagResource (https://docs.aws.amazon.com/kms/latest/developerguide/tag-permissions.html).
  if (Object.keys(tags).length > 0) authorizeAccount(ctx, 'kms:TagResource', { context: tagContext(tags) });
  if (Object.keys(tags).length > MAX_TAGS) fail('TagException', 'Too many tags');
  if (policy !== undefined) checkPolicyDocument(policy, ctx);
  if (origin === 'EXTERNAL_KEY_STORE') fail('UnsupportedOperationException', 'External key stores are not simulated: no external key store proxy is reachable from this simulator.');
  if ((origin === 'AWS_CLOUDHSM') !== (storeId !== undefined)) {
    fail('ValidationException', storeId === undefined ? 'A CustomKeyStoreId is required when Origin is AWS_CLOUDHSM.' : 'CustomKeyStoreId is valid only when Origin is AWS_CLOUDHSM.');
  }
  if (storeId !== undefined) {
    const s = ctx.repo.keyStore(storeId);
    if (!s || s.account !== ctx.account || s.region !== ctx.region) fail('CustomKeyStoreNotFoundException', `Custom key store ${storeId} does not exist.`);
    if (s.connectionState !== 'CONNECTED') fail('CustomKeyStoreInvalidStateException', `Custom key store ${storeId} is not connected.`);
    if (keySpec !== 'SYMMETRIC_DEFAULT' || multiRegion) fail('UnsupportedOperationException', 'Keys in a custom key store must be single-Region symmetric encryption keys.');
  }
  if (origin !== 'AWS_KMS' && origin !== 'AWS_CLOUDHSM' && keySpec !== 'SYMMETRIC_DEFAULT' && origin !== 'EXTERNAL') fail('UnsupportedOperationException', `Origin ${origin} is not valid for KeySpec ${keySpec}.`);
  const k = createKeyRecord(ctx.repo, {
    account: ctx.account, region: ctx.region, keySpec, keyUsage, origin, keyManager: 'CUSTOMER', description: optStr(input, 'Description') ?? '',
    ...(policy !== undefined ? { policy } : {}), tags, multiRegion, ...(multiRegion ? { multiRegionKeyType: 'PRIMARY' as const } : {}),
    ...(storeId !== undefined ? { customKeyStoreId: storeId } : {}),
  }, ctx.now);
  ctx.resources.push(k.arn);
  if (policy !== undefined && !bypass) checkLockout(ctx, k, policy);
  return { KeyMetadata: keyMetadata(ctx.repo, k) };
};

const describeKey: Handler = (ctx, input) => {
  const sent = str(input, 'KeyId');
  const k = resolveKey(ctx, sent);
  authorizeKey(ctx, 'kms:DescribeKey', k, { keyIdAsSent: sent, ...grantTokens(input) });
  return { KeyMetadata: keyMetadata(ctx.repo, k) };
};

/** The GrantTokens member as authorization extras. */
export function grantTokens(input: Readonly<Record<string, unknown>>): { grantTokens?: readonly string[] } {
  const t = input.GrantTokens;
  return Array.isArray(t) && t.length > 0 ? { grantTokens: t as string[] } : {};
}

const listKeys: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:ListKeys');
  const keys = ctx.repo.keys(ctx.account, ctx.region).sort((a, b) => a.keyId.localeCompare(b.keyId));
  const p = page(keys, input);
  return { Keys: p.items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })), Truncated: p.truncated, ...(p.nextMarker !== undefined ? { NextMarker: p.nextMarker } : {}) };
};

/** Rejects management operations on AWS managed keys (they are not customer-manageable). */
export function customerManaged(k: KeyRecord): void {
  if (k.keyManager === 'AWS') fail('UnsupportedOperationException', `${k.arn} is an AWS managed key which is not valid for this operation.`);
}

const enableKey: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:EnableKey', k);
  customerManaged(k);
  checkKeyState('EnableKey', k);
  if (k.state === 'Disabled') k.state = 'Enabled';
  ctx.repo.putKey(k);
  return {};
};

const disableKey: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:DisableKey', k, { context: trailingDays(ctx, k) });
  customerManaged(k);
  checkKeyState('DisableKey', k);
  if (k.state === 'Enabled') k.state = 'Disabled';
  ctx.repo.putKey(k);
  return {};
};

/** kms:TrailingDaysWithoutKeyUsage from the key's recorded last use (or its creation). */
export function trailingDays(ctx: OpCtx, k: KeyRecord): Record<string, string> {
  const since = lastUsageOf(ctx, k)?.timestamp ?? k.creationDate;
  return { 'kms:TrailingDaysWithoutKeyUsage': String(Math.floor((ctx.now - since) / 86_400_000)) };
}

const updateKeyDescription: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:UpdateKeyDescription', k);
  customerManaged(k);
  checkKeyState('UpdateKeyDescription', k);
  k.description = str(input, 'Description');
  ctx.repo.putKey(k);
  return {};
};

const getKeyLastUsage: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:GetKeyLastUsage', k);
  const u = lastUsageOf(ctx, k);
  return {
    KeyId: k.arn,
    ...(u ? { KeyLastUsage: { Operation: u.operation, Timestamp: epoch(u.timestamp) } } : {}),
    TrackingStartDate: epoch(k.creationDate),
  };
};

/** The handlers of this module. */
export const KEY_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateKey: createKey, DescribeKey: describeKey, ListKeys: listKeys, EnableKey: enableKey, DisableKey: disableKey,
  UpdateKeyDescription: updateKeyDescription, GetKeyLastUsage: getKeyLastUsage,
};
