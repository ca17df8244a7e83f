/**
 * @module backend/authz
 * "Authorize, then act": every operation asks the evaluator first. The request is built from the
 * operation's parameters (encryption context, grant parameters, key-creation parameters, the
 * KeyId as sent) and from the caller (kms:ViaService, aws:SourceVpce, …), and the key is the one
 * held in the store, compiled once per revision.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 */
import { authorize } from '../authorize/index.js';
import type { AuthzRequest, Decision, GrantRequest, RequestContextInput } from '../model/decision.js';
import type { CompiledKey } from '../world/compiled-types.js';
import { compileKey } from '../world/keys.js';
import type { WorldKey } from '../world/types.js';
import type { OpCtx } from './context.js';
import { KMS_ERRORS, fail, type KmsErrorType } from './errors.js';
import { checkGrantTokens } from './grant-tokens.js';
import type { KeyRecord } from './records.js';
import type { Repo } from './repo.js';

/** Parameters of one authorization beyond principal, action and key. */
export interface AuthzExtras {
  readonly keyIdAsSent?: string;
  readonly encryptionContext?: Readonly<Record<string, string>>;
  readonly grantRequest?: GrantRequest;
  readonly grantId?: string;
  readonly grantTokens?: readonly string[];
  /** Operation-specific condition keys (kms:EncryptionAlgorithm, kms:KeySpec, aws:RequestTag/…). */
  readonly context?: Readonly<Record<string, RequestContextInput>>;
}

/** The world-key view of a stored key, which the evaluator compiles. */
export function worldKeyOf(repo: Repo, k: KeyRecord, now: number): WorldKey {
  return {
    arn: k.arn,
    policy: k.policy,
    grants: repo.grantsOf(k.arn).map((g) => ({
      grantId: g.grantId,
      ...(g.name !== undefined ? { name: g.name } : {}),
      granteePrincipal: g.granteePrincipal,
      ...(g.retiringPrincipal !== undefined ? { retiringPrincipal: g.retiringPrincipal } : {}),
      operations: g.operations,
      ...(g.constraints !== undefined ? { constraints: g.constraints } : {}),
      issuingAccount: g.issuingAccount,
      grantToken: g.grantToken,
      propagated: now >= g.propagatesAt,
    })),
    tags: k.tags,
    aliases: repo.aliasesOf(k).map((a) => a.aliasName),
    state: k.state,
    keySpec: k.keySpec,
    keyUsage: k.keyUsage,
    origin: k.origin,
    multiRegion: k.multiRegion,
    ...(k.multiRegionKeyType !== undefined ? { multiRegionKeyType: k.multiRegionKeyType } : {}),
    keyManager: k.keyManager,
    ...(k.lastUsage !== undefined ? { trailingDaysWithoutKeyUsage: Math.floor((now - k.lastUsage.timestamp) / 86_400_000) } : {}),
  };
}

/** The compiled form of a stored key, from the cache while its revision and grant propagation hold. */
export function compiledKeyOf(ctx: OpCtx, k: KeyRecord): CompiledKey {
  const hit = ctx.env.compiledKeys.get(k.arn);
  if (hit && hit.rev === k.rev && ctx.now < hit.grantsAt) return hit.key;
  const wk = worldKeyOf(ctx.repo, k, ctx.now);
  const pending = ctx.repo.grantsOf(k.arn).filter((g) => g.propagatesAt > ctx.now).map((g) => g.propagatesAt);
  const key = compileKey(wk);
  ctx.env.compiledKeys.set(k.arn, { rev: k.rev, grantsAt: pending.length > 0 ? Math.min(...pending) : Number.POSITIVE_INFINITY, key });
  return key;
}

/** The request-context keys that come from the caller and the clock. */
export function callerContext(ctx: OpCtx): Record<string, RequestContextInput> {
  const c = ctx.caller;
  const out: Record<string, RequestContextInput> = {
    'aws:CurrentTime': new Date(ctx.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(ctx.now / 1000)),
    'aws:RequestedRegion': ctx.region,
  };
  if (c.viaService !== undefined) out['kms:ViaService'] = c.viaService;
  if (c.sourceVpce !== undefined) out['aws:SourceVpce'] = c.sourceVpce;
  if (c.sourceIp !== undefined) out['aws:SourceIp'] = c.sourceIp;
  if (c.calledVia !== undefined && c.calledVia.length > 0) {
    out['aws:CalledVia'] = c.calledVia;
    out['aws:CalledViaFirst'] = c.calledVia[0]!;
    out['aws:CalledViaLast'] = c.calledVia[c.calledVia.length - 1]!;
  }
  if (c.grantIsForAwsResource !== undefined) out['kms:GrantIsForAWSResource'] = String(c.grantIsForAwsResource);
  if (c.context) for (const [k, v] of Object.entries(c.context)) out[k] = v;
  return out;
}

function request(ctx: OpCtx, action: string, resource: string, x: AuthzExtras): AuthzRequest {
  return {
    principal: ctx.caller.principal,
    action,
    resource,
    ...(x.keyIdAsSent !== undefined ? { keyIdAsSent: x.keyIdAsSent } : {}),
    ...(x.encryptionContext !== undefined ? { encryptionContext: x.encryptionContext } : {}),
    ...(x.grantRequest !== undefined ? { grantRequest: x.grantRequest } : {}),
    ...(x.grantId !== undefined ? { grantId: x.grantId } : {}),
    ...(x.grantTokens !== undefined ? { grantTokens: x.grantTokens } : {}),
    ...(ctx.caller.sessionPolicy !== undefined ? { sessionPolicy: ctx.caller.sessionPolicy } : {}),
    ...(ctx.caller.sourceVpce !== undefined ? { sourceVpce: ctx.caller.sourceVpce } : {}),
    context: { ...callerContext(ctx), ...x.context },
  };
}

function enforce(ctx: OpCtx, d: Decision): void {
  ctx.decisions.push(d);
  if (d.decision !== 'Allow') fail('AccessDeniedException', d.message);
  // Authorized, but the key state refuses the call (authorize first, then key state: spec §9.3).
  if (d.error !== null) fail(Object.hasOwn(KMS_ERRORS, d.error.type) ? (d.error.type as KmsErrorType) : 'KMSInvalidStateException', d.error.message);
}

/** Asks the evaluator whether the caller may perform `action` on key `k`; AccessDeniedException otherwise. */
export function authorizeKey(ctx: OpCtx, action: string, k: KeyRecord, x: AuthzExtras = {}): Decision {
  checkGrantTokens(ctx.repo, x.grantTokens);
  const d = authorize(ctx.env.world, request(ctx, action, k.arn, x), { key: compiledKeyOf(ctx, k) });
  enforce(ctx, d);
  return d;
}

/**
 * Authorizes an action that has no key resource (CreateKey, ListKeys, ListAliases, GenerateRandom,
 * ListRetirableGrants, the custom key store operations). AWS allows these only in IAM policies with
 * `"Resource": "*"` (https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html),
 * so they are evaluated with resource `*` and no key: explicit denies, SCPs, the VPC endpoint
 * policy, and the caller's identity policies (with boundary and session policy) decide.
 */
export function authorizeAccount(ctx: OpCtx, action: string, x: AuthzExtras = {}): Decision {
  return authorizeIdentityOnly(ctx, action, `arn:aws:kms:${ctx.region}:${ctx.account}:key/*`, '', x);
}

/**
 * The alias half of an alias operation: principals need permission on the alias itself, which only
 * an IAM policy can give (https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html).
 * Evaluated like {@link authorizeAccount}, with the alias ARN as the resource.
 */
export function authorizeAlias(ctx: OpCtx, action: string, aliasArn: string): Decision {
  return authorizeIdentityOnly(ctx, action, aliasArn, aliasArn);
}

function authorizeIdentityOnly(ctx: OpCtx, action: string, anyKey: string, shownResource: string, x: AuthzExtras = {}): Decision {
  const cacheId = `account:${anyKey}`;
  let hit = ctx.env.compiledKeys.get(cacheId);
  if (!hit) {
    // The account's "any key" carries the default key policy, i.e. pure delegation to IAM.
    hit = { rev: 0, grantsAt: Number.POSITIVE_INFINITY, key: compileKey({ arn: anyKey }) };
    ctx.env.compiledKeys.set(cacheId, hit);
  }
  const d = authorize(ctx.env.world, request(ctx, action, anyKey, x), { key: hit.key });
  // Actions without a resource: AWS's message names none, and the stand-in key policy is no reason.
  const reasons = d.reasons.filter((r) => r.policy !== `key-policy:${anyKey}`);
  const shown: Decision = shownResource === anyKey ? { ...d, reasons } : { ...d, reasons, message: d.message.replace(` on resource: ${anyKey}`, '') };
  enforce(ctx, shown);
  return shown;
}
