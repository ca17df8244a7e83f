/**
 * @module backend/operations/tags-policies
 * TagResource, UntagResource, ListResourceTags (tag keys 1..128, values 0..256, 50 per key, the
 * `aws:` prefix reserved) and GetKeyPolicy, PutKeyPolicy, ListKeyPolicies (one policy, "default";
 * PutKeyPolicy runs the lockout safety check unless BypassPolicyLockoutSafetyCheck is set).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
 */
import { authorizeKey } from '../authz.js';
import type { Handler } from '../context.js';
import { fail } from '../errors.js';
import { checkKeyState } from '../key-state.js';
import { checkLockout, checkPolicyDocument } from '../policy-check.js';
import { resolveKey } from '../resolve.js';
import { MAX_TAGS, customerManaged } from './keys.js';
import { page } from './paging.js';
import { bool, optList, optStr, str, tagContext, tagsOf } from './params.js';

const tagResource: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const tags = tagsOf(input);
  authorizeKey(ctx, 'kms:TagResource', k, { context: tagContext(tags) });
  customerManaged(k);
  checkKeyState('TagResource', k);
  const merged = { ...k.tags, ...tags };
  if (Object.keys(merged).length > MAX_TAGS) fail('TagException', 'Too many tags');
  k.tags = merged;
  ctx.repo.putKey(k);
  return {};
};

const untagResource: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const keys = optList(input, 'TagKeys') ?? [];
  authorizeKey(ctx, 'kms:UntagResource', k, { context: tagContext({}, keys) });
  customerManaged(k);
  checkKeyState('UntagResource', k);
  const drop = new Set(keys);
  k.tags = Object.fromEntries(Object.entries(k.tags).filter(([t]) => !drop.has(t)));
  ctx.repo.putKey(k);
  return {};
};

const listResourceTags: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:ListResourceTags', k);
  const all = Object.entries(k.tags).sort(([a], [b]) => a.localeCompare(b)).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  const p = page(all, input, 50);
  return { Tags: p.items, Truncated: p.truncated, ...(p.nextMarker !== undefined ? { NextMarker: p.nextMarker } : {}) };
};

function policyName(input: Readonly<Record<string, unknown>>): void {
  const name = optStr(input, 'PolicyName') ?? 'default';
  // A key has exactly one policy, named "default" (API_GetKeyPolicy: PolicyName "The only valid name is default").
  if (name !== 'default') fail('NotFoundException', `Policy ${name} does not exist. The only valid policy name is default.`);
}

const getKeyPolicy: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:GetKeyPolicy', k);
  policyName(input);
  return { Policy: k.policy, PolicyName: 'default' };
};

const listKeyPolicies: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:ListKeyPolicies', k);
  return { PolicyNames: ['default'], Truncated: false };
};

const putKeyPolicy: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const bypass = bool(input, 'BypassPolicyLockoutSafetyCheck');
  authorizeKey(ctx, 'kms:PutKeyPolicy', k, { context: { 'kms:BypassPolicyLockoutSafetyCheck': String(bypass) } });
  customerManaged(k);
  policyName(input);
  const policy = str(input, 'Policy');
  checkPolicyDocument(policy, ctx);
  if (!bypass) checkLockout(ctx, k, policy);
  k.policy = policy;
  k.defaultPolicy = false;
  ctx.repo.putKey(k);
  return {};
};

/** The handlers of this module. */
export const TAG_POLICY_HANDLERS: Readonly<Record<string, Handler>> = {
  TagResource: tagResource, UntagResource: untagResource, ListResourceTags: listResourceTags,
  GetKeyPolicy: getKeyPolicy, ListKeyPolicies: listKeyPolicies, PutKeyPolicy: putKeyPolicy,
};
