/**
 * @module backend/policy-check
 * Checks of a key policy document at CreateKey/PutKeyPolicy/ReplicateKey time: JSON syntax, the
 * required elements of a key policy statement, the 32 KB size quota, and the policy lockout
 * safety check (the caller must still be allowed kms:PutKeyPolicy under the new policy, unless
 * BypassPolicyLockoutSafetyCheck is set).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
import { authorize } from '../authorize/index.js';
import { compileKey } from '../world/keys.js';
import { callerContext, worldKeyOf } from './authz.js';
import type { OpCtx } from './context.js';
import { fail } from './errors.js';
import type { KeyRecord } from './records.js';

/** The key policy size quota in bytes. */
export const KEY_POLICY_MAX_BYTES = 32_768;

/**
 * MalformedPolicyDocumentException unless `text` is a key policy document: a JSON object with a
 * Statement whose entries each have Effect, Principal (or NotPrincipal) and Action (or NotAction).
 * AWS does not publish these messages; ours name the problem.
 */
export function checkPolicyDocument(text: string, ctx?: OpCtx): void {
  if (Buffer.byteLength(text, 'utf8') > KEY_POLICY_MAX_BYTES) fail('LimitExceededException', `The key policy exceeds the ${KEY_POLICY_MAX_BYTES}-byte quota.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('MalformedPolicyDocumentException', 'The policy is not a valid JSON document.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('MalformedPolicyDocumentException', 'The policy must be a JSON object.');
  const st = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(st) ? (st as unknown[]) : st === undefined ? [] : [st];
  if (list.length === 0) fail('MalformedPolicyDocumentException', 'The policy has no Statement.');
  list.forEach((s, i) => {
    if (typeof s !== 'object' || s === null) fail('MalformedPolicyDocumentException', `Statement ${i} is not an object.`);
    const r = s as Record<string, unknown>;
    if (r.Effect !== 'Allow' && r.Effect !== 'Deny') fail('MalformedPolicyDocumentException', `Statement ${i} has an invalid Effect.`);
    if (r.Principal === undefined && r.NotPrincipal === undefined) fail('MalformedPolicyDocumentException', `Policy contains a statement with no principal.`);
    if (r.Action === undefined && r.NotAction === undefined) fail('MalformedPolicyDocumentException', `Statement ${i} has no Action.`);
    if (ctx !== undefined && awsPrincipals(r.Principal ?? r.NotPrincipal).some((p) => !visible(ctx, p))) {
      fail('MalformedPolicyDocumentException', 'Policy contains a statement with one or more invalid principals.');
    }
  });
}

function awsPrincipals(p: unknown): string[] {
  if (typeof p === 'string') return [p];
  if (typeof p !== 'object' || p === null) return [];
  const aws = (p as Record<string, unknown>).AWS;
  return typeof aws === 'string' ? [aws] : Array.isArray(aws) ? aws.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * KMS rejects a key policy naming an IAM user or role that does not exist. The simulator can only
 * know that for accounts the world describes: there, a user or role ARN must be one of the world's
 * principals (matched by ARN, or by name when the world's ARN carries a path). Everything else
 * (account principals, `*`, sessions, accounts outside the world) is taken to exist.
 */
function visible(ctx: OpCtx, arn: string): boolean {
  const m = /^arn:aws:iam::(\d{12}):(user|role)\/(.+)$/.exec(arn);
  if (!m) return true;
  const w = ctx.env.world.world;
  if (!w.accounts.some((a) => a.id === m[1])) return true;
  const name = m[3].split('/').pop()!;
  return w.principals.some((p) => p.arn === arn || (p.arn.startsWith(`arn:aws:iam::${m[1]}:${m[2]}/`) && p.arn.endsWith(`/${name}`)));
}

/**
 * The lockout safety check: evaluates kms:PutKeyPolicy for the caller against `policy` in place
 * of the key's current one. The message is the one KMS answers with.
 */
export function checkLockout(ctx: OpCtx, k: KeyRecord, policy: string): void {
  const candidate = compileKey({ ...worldKeyOf(ctx.repo, k, ctx.now), policy, state: 'Enabled' });
  const d = authorize(ctx.env.world, {
    principal: ctx.caller.principal,
    action: 'kms:PutKeyPolicy',
    resource: k.arn,
    ...(ctx.caller.sessionPolicy !== undefined ? { sessionPolicy: ctx.caller.sessionPolicy } : {}),
    context: callerContext(ctx),
  }, { key: candidate });
  if (d.decision !== 'Allow') fail('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
}
