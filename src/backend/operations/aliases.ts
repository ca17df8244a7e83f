/**
 * @module backend/operations/aliases
 * CreateAlias, UpdateAlias, DeleteAlias, ListAliases. An alias operation needs permission on the
 * alias (IAM policy) and on every key it touches (key policy, or IAM when the key policy delegates);
 * the `alias/aws/` prefix is reserved for AWS managed keys; at most 50 aliases per key.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html
 */
import { authorizeAccount, authorizeAlias, authorizeKey } from '../authz.js';
import type { Handler, OpCtx } from '../context.js';
import { aliasNotFound, fail } from '../errors.js';
import { aliasArn } from '../ids.js';
import { checkKeyState } from '../key-state.js';
import type { AliasRecord, KeyRecord } from '../records.js';
import { MANAGED_KEY_SERVICES } from '../managed-keys.js';
import { resolveKey } from '../resolve.js';
import { customerManaged } from './keys.js';
import { page } from './paging.js';
import { epoch, optStr, str } from './params.js';

/** Aliases per key (https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html). */
export const MAX_ALIASES_PER_KEY = 50;

function checkName(name: string): void {
  if (!name.startsWith('alias/')) fail('ValidationException', 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html');
  // AWS does not publish this message; the error type is the one AWS documents for a reserved name.
  if (name.startsWith('alias/aws/')) fail('InvalidAliasNameException', `Alias ${name} begins with alias/aws/, which is reserved for AWS managed keys.`);
}

function existing(ctx: OpCtx, name: string): AliasRecord {
  const arn = aliasArn(ctx.region, ctx.account, name);
  return ctx.repo.alias(arn) ?? aliasNotFound(arn);
}

/** The key an alias targets, in the caller's account: an alias cannot target another account's key. */
function target(ctx: OpCtx, sent: string): KeyRecord {
  if (sent.startsWith('alias/') || sent.includes(':alias/')) fail('ValidationException', 'TargetKeyId must be a key ID or key ARN, not an alias.');
  const k = resolveKey(ctx, sent);
  if (k.account !== ctx.account) fail('NotFoundException', `Key '${k.arn}' does not exist`);
  return k;
}

function touch(ctx: OpCtx, k: KeyRecord): void {
  // kms:ResourceAliases is part of the key's request context: recompile it.
  ctx.repo.putKey(k);
}

const createAlias: Handler = (ctx, input) => {
  const name = str(input, 'AliasName');
  checkName(name);
  const arn = aliasArn(ctx.region, ctx.account, name);
  const k = target(ctx, str(input, 'TargetKeyId'));
  authorizeAlias(ctx, 'kms:CreateAlias', arn);
  authorizeKey(ctx, 'kms:CreateAlias', k);
  customerManaged(k);
  checkKeyState('CreateAlias', k);
  if (ctx.repo.alias(arn)) fail('AlreadyExistsException', `An alias with the name ${arn} already exists`);
  if (ctx.repo.aliasesOf(k).length >= MAX_ALIASES_PER_KEY) fail('LimitExceededException', `The key ${k.arn} already has ${MAX_ALIASES_PER_KEY} aliases.`);
  ctx.repo.putAlias({ aliasName: name, aliasArn: arn, account: ctx.account, region: ctx.region, targetKeyArn: k.arn, targetKeyId: k.keyId, creationDate: ctx.now, lastUpdatedDate: ctx.now });
  touch(ctx, k);
  return {};
};

/** Key type of UpdateAlias's compatibility rule: same usage and the same spec family. */
function family(k: KeyRecord): string {
  const spec = k.keySpec === 'SYMMETRIC_DEFAULT' ? 'SYMMETRIC' : k.keySpec.startsWith('HMAC') ? 'HMAC' : 'ASYMMETRIC';
  return `${spec}/${k.keyUsage}`;
}

const updateAlias: Handler = (ctx, input) => {
  const name = str(input, 'AliasName');
  checkName(name);
  const a = existing(ctx, name);
  const k = target(ctx, str(input, 'TargetKeyId'));
  const old = ctx.repo.key(a.targetKeyArn);
  authorizeAlias(ctx, 'kms:UpdateAlias', a.aliasArn);
  if (old) authorizeKey(ctx, 'kms:UpdateAlias', old);
  authorizeKey(ctx, 'kms:UpdateAlias', k);
  customerManaged(k);
  checkKeyState('UpdateAlias', k);
  if (old && family(old) !== family(k)) fail('ValidationException', `Alias ${a.aliasArn} cannot be changed from a ${family(old)} key to a ${family(k)} key: the new key must have the same key type and key usage.`);
  a.targetKeyArn = k.arn;
  a.targetKeyId = k.keyId;
  a.lastUpdatedDate = ctx.now;
  ctx.repo.putAlias(a);
  if (old) touch(ctx, old);
  touch(ctx, k);
  return {};
};

const deleteAlias: Handler = (ctx, input) => {
  const name = str(input, 'AliasName');
  checkName(name);
  const a = existing(ctx, name);
  const k = ctx.repo.key(a.targetKeyArn);
  authorizeAlias(ctx, 'kms:DeleteAlias', a.aliasArn);
  if (k) {
    ctx.resources.push(k.arn);
    authorizeKey(ctx, 'kms:DeleteAlias', k);
    customerManaged(k);
  }
  ctx.repo.deleteAlias(a.aliasArn);
  if (k) touch(ctx, k);
  return {};
};

const listAliases: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:ListAliases');
  const sent = optStr(input, 'KeyId');
  let all = ctx.repo.aliases(ctx.account, ctx.region);
  if (sent !== undefined) {
    const k = resolveKey(ctx, sent);
    all = all.filter((a) => a.targetKeyArn === k.arn);
  }
  const entries: Record<string, unknown>[] = all.map((a) => ({ AliasName: a.aliasName, AliasArn: a.aliasArn, TargetKeyId: a.targetKeyId, CreationDate: epoch(a.creationDate), LastUpdatedDate: epoch(a.lastUpdatedDate) }));
  if (sent === undefined) {
    // AWS also lists the predefined aliases of AWS managed keys not created yet, without a TargetKeyId (API_ListAliases).
    const taken = new Set(all.map((a) => a.aliasName));
    for (const svc of Object.keys(MANAGED_KEY_SERVICES)) {
      const name = `alias/aws/${svc}`;
      if (!taken.has(name)) entries.push({ AliasName: name, AliasArn: aliasArn(ctx.region, ctx.account, name) });
    }
    entries.sort((x, y) => String(x.AliasName).localeCompare(String(y.AliasName)));
  }
  const p = page(entries, input, 50);
  return {
    Aliases: p.items,
    Truncated: p.truncated,
    ...(p.nextMarker !== undefined ? { NextMarker: p.nextMarker } : {}),
  };
};

/** The handlers of this module. */
export const ALIAS_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateAlias: createAlias, UpdateAlias: updateAlias, DeleteAlias: deleteAlias, ListAliases: listAliases,
};
