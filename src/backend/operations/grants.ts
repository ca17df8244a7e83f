/**
 * @module backend/operations/grants
 * CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. Grant names are
 * idempotent per key (same name and parameters → the same grant); operations must suit the key
 * type; constraints apply to symmetric keys only (≤ 8 pairs, values ≤ 384 characters); a grant
 * may take time to propagate, and until then only its grant token makes it usable.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html
 */
import { randomBytes } from 'node:crypto';
import { authorizeAccount, authorizeKey } from '../authz.js';
import type { Handler, OpCtx } from '../context.js';
import type { GrantConstraintsInput } from '../../model/decision.js';
import { fail } from '../errors.js';
import { tokenRow } from '../grant-tokens.js';
import { checkKeyState } from '../key-state.js';
import type { GrantRecord, KeyRecord } from '../records.js';
import { resolveKey } from '../resolve.js';
import { grantTokens } from './keys.js';
import { page } from './paging.js';
import { dryRun, epoch, optList, optStr, str } from './params.js';

/** Grants per key (https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html). */
export const MAX_GRANTS_PER_KEY = 50_000;
const COMMON = ['CreateGrant', 'RetireGrant', 'DescribeKey'];
const SYMMETRIC_OPS = ['Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'];
const BY_USAGE: Readonly<Record<string, readonly string[]>> = {
  ENCRYPT_DECRYPT: ['Decrypt', 'Encrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'],
  SIGN_VERIFY: ['Sign', 'Verify', 'GetPublicKey'],
  GENERATE_VERIFY_MAC: ['GenerateMac', 'VerifyMac'],
  KEY_AGREEMENT: ['DeriveSharedSecret', 'GetPublicKey'],
};

function allowedOps(k: KeyRecord): ReadonlySet<string> {
  return new Set([...COMMON, ...(k.keySpec === 'SYMMETRIC_DEFAULT' ? SYMMETRIC_OPS : BY_USAGE[k.keyUsage] ?? [])]);
}

function constraintsOf(k: KeyRecord, input: Readonly<Record<string, unknown>>): GrantConstraintsInput | undefined {
  const c = input.Constraints as GrantConstraintsInput | undefined;
  if (c === undefined) return undefined;
  const pairs = [c.EncryptionContextEquals, c.EncryptionContextSubset].filter((x) => x !== undefined);
  if (pairs.length === 0) return undefined;
  if (pairs.length > 1) fail('ValidationException', 'A grant can have an EncryptionContextEquals or an EncryptionContextSubset constraint, not both.');
  if (k.keySpec !== 'SYMMETRIC_DEFAULT') fail('ValidationException', 'Encryption context grant constraints are supported only for symmetric encryption KMS keys.');
  const m = pairs[0];
  if (Object.keys(m).length > 8) fail('ValidationException', 'A grant constraint can have at most 8 encryption context pairs.');
  if (Object.values(m).some((v) => v.length > 384)) fail('ValidationException', 'An encryption context value in a grant constraint can have at most 384 characters.');
  return c;
}

function same(g: GrantRecord, grantee: string, retiring: string | undefined, ops: readonly string[], c: GrantConstraintsInput | undefined): boolean {
  return g.granteePrincipal === grantee && g.retiringPrincipal === retiring && [...g.operations].sort().join() === [...ops].sort().join()
    && JSON.stringify(g.constraints ?? null) === JSON.stringify(c ?? null);
}

const createGrant: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const grantee = str(input, 'GranteePrincipal');
  const retiring = optStr(input, 'RetiringPrincipal');
  const ops = optList(input, 'Operations') ?? [];
  const name = optStr(input, 'Name');
  const constraints = constraintsOf(k, input);
  authorizeKey(ctx, 'kms:CreateGrant', k, {
    ...grantTokens(input),
    grantRequest: { granteePrincipal: grantee, ...(retiring !== undefined ? { retiringPrincipal: retiring } : {}), operations: ops, ...(constraints ? { constraints } : {}), ...(name !== undefined ? { name } : {}) },
  });
  checkKeyState('CreateGrant', k);
  if (ops.length === 0) fail('ValidationException', "1 validation error detected: Value '[]' at 'operations' failed to satisfy constraint: Member must have length greater than or equal to 1");
  const bad = ops.filter((o) => !allowedOps(k).has(o));
  if (bad.length > 0) fail('ValidationException', `Grant operations ${bad.join(', ')} are not valid for a KMS key with key spec ${k.keySpec} and key usage ${k.keyUsage}.`);
  dryRun(input);
  const existing = ctx.repo.grantsOf(k.arn);
  const again = name !== undefined ? existing.find((g) => g.name === name && same(g, grantee, retiring, ops, constraints)) : undefined;
  if (again) return { GrantToken: again.grantToken, GrantId: again.grantId };
  if (existing.length >= MAX_GRANTS_PER_KEY) fail('LimitExceededException', `The key ${k.arn} already has ${MAX_GRANTS_PER_KEY} grants.`);
  const g: GrantRecord = {
    grantId: randomBytes(32).toString('hex'), keyArn: k.arn, ...(name !== undefined ? { name } : {}), granteePrincipal: grantee,
    ...(retiring !== undefined ? { retiringPrincipal: retiring } : {}), operations: ops, ...(constraints ? { constraints } : {}),
    issuingAccount: `arn:aws:iam::${ctx.account}:root`, creationDate: ctx.now, grantToken: randomBytes(48).toString('base64'),
    propagatesAt: ctx.now + ctx.env.grantPropagationDelayMs,
  };
  ctx.repo.putGrant(g);
  ctx.repo.putMeta(tokenRow(g.grantToken), { keyArn: k.arn, grantId: g.grantId });
  ctx.repo.putKey(k);
  return { GrantToken: g.grantToken, GrantId: g.grantId };
};

function entry(g: GrantRecord): Record<string, unknown> {
  return {
    KeyId: g.keyArn, GrantId: g.grantId, ...(g.name !== undefined ? { Name: g.name } : {}), CreationDate: epoch(g.creationDate),
    GranteePrincipal: g.granteePrincipal, ...(g.retiringPrincipal !== undefined ? { RetiringPrincipal: g.retiringPrincipal } : {}),
    IssuingAccount: g.issuingAccount, Operations: g.operations, ...(g.constraints !== undefined ? { Constraints: g.constraints } : {}),
  };
}

function listing(gs: readonly GrantRecord[], input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const p = page(gs, input, 50);
  return { Grants: p.items.map(entry), Truncated: p.truncated, ...(p.nextMarker !== undefined ? { NextMarker: p.nextMarker } : {}) };
}

const listGrants: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:ListGrants', k);
  const id = optStr(input, 'GrantId');
  const grantee = optStr(input, 'GranteePrincipal');
  return listing(ctx.repo.grantsOf(k.arn).filter((g) => (id === undefined || g.grantId === id) && (grantee === undefined || g.granteePrincipal === grantee)), input);
};

const listRetirableGrants: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:ListRetirableGrants');
  const rp = str(input, 'RetiringPrincipal');
  const gs = ctx.repo.tx.list<GrantRecord>('grants', { index: { name: 'retiringPrincipal', value: rp } }).filter((g) => g.keyArn.split(':')[3] === ctx.region);
  return listing(gs, input);
};

function removeGrant(ctx: OpCtx, k: KeyRecord, g: GrantRecord): void {
  ctx.repo.deleteGrant(g);
  ctx.repo.tx.delete('meta', tokenRow(g.grantToken));
  ctx.repo.putKey(k);
}

const retireGrant: Handler = (ctx, input) => {
  const token = optStr(input, 'GrantToken');
  let k: KeyRecord;
  let g: GrantRecord | undefined;
  if (token !== undefined) {
    const ref = ctx.repo.meta<{ keyArn: string; grantId: string }>(tokenRow(token));
    if (ref === undefined) return fail('InvalidGrantTokenException', 'The grant token is not valid.');
    k = ctx.repo.key(ref.keyArn) ?? fail('InvalidGrantTokenException', 'The grant token is not valid.');
    ctx.resources.push(k.arn);
    g = ctx.repo.grant(k.arn, ref.grantId);
  } else {
    const keyId = optStr(input, 'KeyId');
    const grantId = optStr(input, 'GrantId');
    if (keyId === undefined || grantId === undefined) return fail('ValidationException', 'RetireGrant needs either a GrantToken, or both a KeyId and a GrantId.');
    k = resolveKey(ctx, keyId);
    g = ctx.repo.grant(k.arn, grantId);
  }
  const grantId = g?.grantId ?? optStr(input, 'GrantId') ?? '';
  authorizeKey(ctx, 'kms:RetireGrant', k, { grantId, ...(token !== undefined ? { grantTokens: [token] } : {}) });
  if (!g) return fail('NotFoundException', `Grant ID ${grantId} not found`);
  dryRun(input);
  removeGrant(ctx, k, g);
  return {};
};

const revokeGrant: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const grantId = str(input, 'GrantId');
  authorizeKey(ctx, 'kms:RevokeGrant', k, { grantId });
  const g = ctx.repo.grant(k.arn, grantId);
  if (!g) return fail('NotFoundException', `Grant ID ${grantId} not found`);
  dryRun(input);
  removeGrant(ctx, k, g);
  return {};
};

/** The handlers of this module. */
export const GRANT_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateGrant: createGrant, ListGrants: listGrants, ListRetirableGrants: listRetirableGrants, RetireGrant: retireGrant, RevokeGrant: revokeGrant,
};
