/**
 * @module authorize/request-context
 * Derives the request context of one request, as AWS does: the caller's keys and the key's keys
 * are precomputed in the compiled world; this adds the request's own keys (encryption context,
 * kms:RequestAlias, kms:Grant*, aws:SourceVpce) and computed keys (time, defaults). A key given in
 * the request's `context` is taken as given.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-aws.html
 */
import { LayeredContext } from '../evaluate/context.js';
import type { AuthzRequest, RequestContextInput } from '../model/decision.js';
import type { ContextValue } from '../model/request.js';
import type { CompiledKey, CompiledWorld, ResolvedPrincipal } from '../world/compiled-types.js';
import { GRANT_FOR_AWS_RESOURCE_OPS, REQUEST_ALIAS_OPS, SYMMETRIC_CRYPTO, type NormalizedAction } from './action.js';

const EMPTY = new Map<string, ContextValue>();
const givenCache = new WeakMap<object, ReadonlyMap<string, ContextValue>>();

function text(v: string | number | boolean): string {
  return typeof v === 'string' ? v : String(v);
}

/** The caller-given context keys, case-folded, numbers and booleans as text (cached per object). */
export function givenContext(ctx: Readonly<Record<string, RequestContextInput>> | undefined): ReadonlyMap<string, ContextValue> {
  if (ctx === undefined) return EMPTY;
  let m = givenCache.get(ctx);
  if (m === undefined) {
    const out = new Map<string, ContextValue>();
    for (const [k, v] of Object.entries(ctx)) out.set(k.toLowerCase(), Array.isArray(v) ? (v as readonly (string | number | boolean)[]).map(text) : text(v as string | number | boolean));
    m = out;
    givenCache.set(ctx, m);
  }
  return m;
}

/** The alias name in a KeyId (`alias/x` or an alias ARN), else undefined. */
export function aliasOf(keyId: string | undefined): string | undefined {
  if (keyId === undefined) return undefined;
  if (keyId.startsWith('alias/')) return keyId;
  const i = keyId.indexOf(':alias/');
  return keyId.startsWith('arn:') && i >= 0 ? keyId.slice(i + 1) : undefined;
}

function encryptionContextEntries(out: Map<string, ContextValue>, ec: Readonly<Record<string, string>>): void {
  const keys = Object.keys(ec);
  for (const k of keys) out.set(`kms:encryptioncontext:${k.toLowerCase()}`, ec[k] ?? '');
  out.set('kms:encryptioncontextkeys', keys);
}

const requestCache = new WeakMap<AuthzRequest, ReadonlyMap<string, ContextValue>>();

/** Keys derived from the request itself (cached per request object). */
function requestKeys(req: AuthzRequest, act: NormalizedAction, world: CompiledWorld, sourceVpce: string | undefined): ReadonlyMap<string, ContextValue> {
  const cached = requestCache.get(req);
  if (cached !== undefined) return cached;
  const out = new Map<string, ContextValue>();
  const gr = req.grantRequest;
  if (req.encryptionContext !== undefined) encryptionContextEntries(out, req.encryptionContext);
  else if (gr?.constraints !== undefined) {
    // CreateGrant: the encryption-context keys are those of the grant's constraint [derived, spec §5.1 note].
    const c = gr.constraints.EncryptionContextEquals ?? gr.constraints.EncryptionContextSubset;
    if (c !== undefined) encryptionContextEntries(out, c);
  }
  const alias = aliasOf(req.keyIdAsSent);
  if (alias !== undefined && REQUEST_ALIAS_OPS.has(act.lower)) out.set('kms:requestalias', alias);
  if (gr !== undefined && act.lower === 'kms:creategrant') {
    out.set('kms:grantoperations', gr.operations);
    out.set('kms:granteeprincipal', gr.granteePrincipal);
    if (gr.retiringPrincipal !== undefined) out.set('kms:retiringprincipal', gr.retiringPrincipal);
    if (gr.constraints?.EncryptionContextEquals !== undefined) out.set('kms:grantconstrainttype', 'EncryptionContextEquals');
    else if (gr.constraints?.EncryptionContextSubset !== undefined) out.set('kms:grantconstrainttype', 'EncryptionContextSubset');
    if (gr.constraints?.SourceArn !== undefined) out.set('kms:grantconstraintsourcearn', gr.constraints.SourceArn);
    if (gr.granteeServicePrincipal !== undefined) out.set('kms:granteeserviceprincipal', gr.granteeServicePrincipal);
    if (gr.retiringServicePrincipal !== undefined) out.set('kms:retiringserviceprincipal', gr.retiringServicePrincipal);
  }
  if (sourceVpce !== undefined) {
    out.set('aws:sourcevpce', sourceVpce);
    const vpc = world.vpcEndpoints.get(sourceVpce)?.raw.vpcId;
    if (vpc !== undefined) out.set('aws:sourcevpc', vpc);
  }
  const m = out.size === 0 ? EMPTY : out;
  // The endpoint's VPC comes from the world, so only requests without an endpoint are cached.
  if (sourceVpce === undefined) requestCache.set(req, m);
  return m;
}

/** The endpoint a request came through: `sourceVpce`, or aws:SourceVpce given in its context. */
export function sourceVpceOf(req: AuthzRequest): string | undefined {
  return req.sourceVpce ?? asString(givenContext(req.context).get('aws:sourcevpce'));
}

/**
 * Builds the context of one request. Computed keys:
 * - aws:CurrentTime / aws:EpochTime: now; aws:SecureTransport: true (KMS endpoints are HTTPS only);
 * - kms:EncryptionAlgorithm: SYMMETRIC_DEFAULT for symmetric operations ("the algorithm … used by the operation");
 * - kms:GrantIsForAWSResource (CreateGrant, ListGrants, RevokeGrant): our choice, AWS being silent on
 *   how it knows: true exactly when the request came through a service (kms:ViaService present);
 * - aws:ViaAWSService: true exactly when kms:ViaService is present (same choice).
 */
export function requestContext(world: CompiledWorld, caller: ResolvedPrincipal, key: CompiledKey, req: AuthzRequest, act: NormalizedAction): LayeredContext {
  const given = givenContext(req.context);
  const sourceVpce = sourceVpceOf(req);
  const request = requestKeys(req, act, world, sourceVpce);
  const dynamic = (k: string): ContextValue | undefined => {
    switch (k) {
      case 'aws:currenttime': return new Date().toISOString();
      case 'aws:epochtime': return String(Math.floor(Date.now() / 1000));
      case 'aws:securetransport': return 'true';
      case 'aws:requestedregion': return key.region;
      case 'aws:viaawsservice': return given.has('kms:viaservice') ? 'true' : 'false';
      case 'kms:grantisforawsresource': return GRANT_FOR_AWS_RESOURCE_OPS.has(act.lower) ? (given.has('kms:viaservice') ? 'true' : 'false') : undefined;
      case 'kms:encryptionalgorithm': return SYMMETRIC_CRYPTO.has(act.lower) && key.context.get('kms:keyspec') === 'SYMMETRIC_DEFAULT' ? 'SYMMETRIC_DEFAULT' : undefined;
      default: return undefined;
    }
  };
  return new LayeredContext(given, request, dynamic, caller.context, key.context);
}

function asString(v: ContextValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
