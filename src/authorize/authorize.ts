/**
 * @module authorize/authorize
 * AWS's authorization flow for one KMS request (spec §1.1), returning a Decision value:
 * explicit deny anywhere → RCP gate (key owner's path) → SCP gate (caller's path) → VPC endpoint
 * policy → cross-account operation gate → grants → key policy (direct, or delegation to IAM) →
 * implicit deny; then, for an authorized call only, the key state.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 */
import type { EvalInput } from '../evaluate/policy.js';
import { BufferTracer, NOOP_TRACER, type Tracer } from '../evaluate/trace.js';
import type { AuthzRequest, Decision, DecisionLayer, EvalIssue, MissingAllow, Reason } from '../model/decision.js';
import type { CompiledKey, CompiledWorld, ResolvedPrincipal } from '../world/compiled-types.js';
import { normalizeAction, type NormalizedAction } from './action.js';
import { keyStateErrorOf } from './facts.js';
import { findGrant, retireRight } from './grants.js';
import { keyPolicyPath, limitsFor, missingAllow, type PathOutcome } from './key-policy.js';
import { evaluateLayers, type Applicable, type LayerResults } from './layers.js';
import { allowMessage, explicitDenyMessage, implicitDenyMessage } from './messages.js';
import { grantReason, statementReason } from './reasons.js';
import { requestContext, sourceVpceOf } from './request-context.js';
import { sessionPolicyOf } from './session.js';

/** Options of {@link authorize}. */
export interface AuthorizeOptions {
  /** Record a trace of the evaluation (off by default: costs one test per step). */
  readonly trace?: boolean;
  /** The key to authorize against, overriding the lookup of `request.resource` in the world. */
  readonly key?: CompiledKey;
}

const NO_ISSUES: readonly EvalIssue[] = [];
const NO_MISSING: readonly MissingAllow[] = [];

interface Ctx {
  readonly caller: ResolvedPrincipal;
  readonly key: CompiledKey;
  readonly act: NormalizedAction;
  readonly t: Tracer;
  readonly issues: readonly EvalIssue[];
}

function finish(x: Ctx, d: Omit<Decision, 'issues' | 'trace'>): Decision {
  if (!x.t.on) return { decision: d.decision, message: d.message, reasons: d.reasons, missing: d.missing, error: d.error, issues: x.issues };
  x.t.event('decide', 'request', `${d.decision}: ${d.message}`);
  return { decision: d.decision, message: d.message, reasons: d.reasons, missing: d.missing, error: d.error, issues: x.issues, trace: x.t.events() };
}

function implicit(x: Ctx, reasons: readonly Reason[], missing: readonly MissingAllow[]): Decision {
  const layer: DecisionLayer = missing[0]?.layer ?? 'key-policy';
  return finish(x, { decision: 'ImplicitDeny', message: implicitDenyMessage(x.caller.arn, x.act.display, x.key.arn, layer), reasons, missing, error: null });
}

function allow(x: Ctx, reasons: readonly Reason[], via: string): Decision {
  const e = keyStateErrorOf(x.act.operation, x.key);
  if (x.t.on && e !== null) x.t.event('note', 'request', `authorized, but the key state refuses it: ${e.type}`);
  return finish(x, { decision: 'Allow', message: allowMessage(x.caller.arn, x.act.display, x.key.arn, via), reasons, missing: NO_MISSING, error: e });
}

/** Why RCPs do not apply to this request, or undefined when they do (RCP page, exemptions). */
function rcpExemption(caller: ResolvedPrincipal, key: CompiledKey, act: NormalizedAction): string | undefined {
  if (key.awsManaged) return 'RCPs do not apply to AWS managed keys';
  if (caller.serviceLinked) return 'RCPs do not apply to service-linked roles';
  if (act.lower === 'kms:retiregrant') return 'RCPs do not impact kms:RetireGrant';
  return undefined;
}

/** RetireGrant: the grant decides; the key policy's kms:RetireGrant is not effective (grant-delete page). */
function retirePath(x: Ctx, r: LayerResults, req: AuthzRequest): PathOutcome {
  const g = req.grantId === undefined ? undefined : x.key.grantsById.get(req.grantId);
  const account = x.key.account;
  if (g === undefined) {
    const note = req.grantId === undefined ? 'RetireGrant must name the grant (grantId)' : `the key has no grant ${req.grantId}`;
    return { ok: false, reasons: [], missing: [{ layer: 'grant', account, note }] };
  }
  const right = retireRight(g, x.caller);
  const own = grantReason(g);
  if (right === 'retiring-principal' || right === 'grantee') return { ok: true, reasons: [own], via: `grant ${g.grant.grantId} names the caller as ${right}` };
  if (right === null) {
    return { ok: false, reasons: [], missing: [{ layer: 'grant', account, note: `${x.caller.name} is not the retiring principal of grant ${g.grant.grantId}, not a grantee allowed to retire it, and not in the account that created it` }] };
  }
  const what = right === 'issuing-account' ? `account ${x.caller.account} created grant ${g.grant.grantId}` : `account ${x.caller.account} is the retiring principal of grant ${g.grant.grantId}`;
  const lim = limitsFor(r, x.caller, x.act.display, true, () => what);
  return lim.missing.length === 0 ? { ok: true, reasons: [own, ...lim.reasons], via: what } : { ok: false, reasons: [own, ...lim.reasons], missing: lim.missing };
}

const unknownCaller = new WeakMap<ResolvedPrincipal, EvalIssue>();

/** Problems worth telling: a session policy that did not parse, a caller the world does not hold. */
function issuesOf(caller: ResolvedPrincipal, session: readonly EvalIssue[] | undefined): readonly EvalIssue[] {
  const known = caller.entry !== undefined || caller.kind === 'root' || caller.kind === 'service';
  if (known && (session === undefined || session.length === 0)) return NO_ISSUES;
  const out = [...(session ?? [])];
  if (!known) {
    let i = unknownCaller.get(caller);
    if (i === undefined) {
      i = { code: 'authorize/unknown-principal', message: `${caller.principalArn} is not in the world, so it has no identity policies, groups, boundary or tags` };
      unknownCaller.set(caller, i);
    }
    out.push(i);
  }
  return out;
}

/**
 * Authorizes one request against a compiled world. Never throws on user input. Request objects
 * are treated as immutable: derived context keys are cached per request object.
 */
export function authorize(world: CompiledWorld, req: AuthzRequest, opts: AuthorizeOptions = {}): Decision {
  const t: Tracer = opts.trace === true ? new BufferTracer() : NOOP_TRACER;
  const act = normalizeAction(req.action);
  const caller = world.principal(req.principal);
  const key = opts.key ?? world.keys.get(req.resource) ?? world.aliases.get(req.resource);
  if (key === undefined) return unknownKey(req, act, caller, t);
  const session = sessionPolicyOf(req.sessionPolicy);
  const x: Ctx = { caller, key, act, t, issues: issuesOf(caller, session?.issues) };
  if (t.on) t.event('note', 'request', `${caller.arn} (${caller.kind}, account ${caller.account}) calls ${act.display} on ${key.arn} (account ${key.account})`);

  const ctx = requestContext(world, caller, key, req, act);
  const inp: EvalInput = { actionLower: act.lower, resource: key.arn, ctx, caller, resourceRequired: false };
  const keyInp: EvalInput = { actionLower: act.lower, resource: key.arn, ctx, caller, resourceRequired: true };
  const rcpWhy = rcpExemption(caller, key, act);
  const vpceId = world.vpcEndpoints.size === 0 ? undefined : sourceVpceOf(req);
  const endpoint = vpceId === undefined ? undefined : world.vpcEndpoints.get(vpceId);
  const a: Applicable = {
    rcp: rcpWhy === undefined ? world.rcpPath(key.account) : null,
    scp: caller.scpPath,
    vpce: endpoint?.policy,
    key: key.policy,
    identity: caller.identity,
    boundary: caller.boundary,
    session: session?.policy,
  };
  if (t.on) {
    if (rcpWhy !== undefined) t.event('note', 'rcp', rcpWhy);
    if (caller.scpExemption !== undefined) t.event('note', 'scp', caller.scpExemption);
    if (vpceId !== undefined && endpoint?.policy === undefined) t.event('note', 'vpce', `endpoint ${vpceId} has the default policy (allows everything)`);
  }
  const r = evaluateLayers(a, inp, keyInp, t);

  // 1. An explicit deny in any policy wins (R2, R20). Grants cannot deny.
  if (r.denies !== undefined) {
    const reasons = r.denies.map((d) => statementReason(d.hit.stmt.ref, 'Deny', d.layer));
    const first = r.denies[0]!; // eslint-disable-line @typescript-eslint/no-unnecessary-type-assertion -- INVARIANT: `denies` is only set non-empty
    return finish(x, { decision: 'ExplicitDeny', message: explicitDenyMessage(caller.arn, act.display, key.arn, first.layer), reasons, missing: [], error: null });
  }
  // 2–4. The RCP, SCP and VPC endpoint gates: every level must allow (R11, R14, R15).
  if (r.rcpGap !== undefined) {
    return implicit(x, [], [{ layer: 'rcp', account: key.account, note: `no resource control policy attached to ${r.rcpGap} (on the path of the key's account ${key.account}) allows ${act.display}` }]);
  }
  if (r.scpGap !== undefined) {
    return implicit(x, [], [{ layer: 'scp', account: caller.account, note: `no service control policy attached to ${r.scpGap} (on the path of the caller's account ${caller.account}) allows ${act.display}` }]);
  }
  if (r.vpce !== undefined && r.vpce.allows.length === 0) {
    return implicit(x, [], [{ layer: 'vpce', account: endpoint?.raw.ownerAccount ?? key.account, note: `the policy of VPC endpoint ${vpceId ?? ''} does not allow ${act.display} for ${caller.name}` }]);
  }
  // 5. Operations that cannot be used across accounts (spec §2.3).
  if (caller.account !== key.account && caller.kind !== 'service' && !act.crossAccount) {
    return implicit(x, [], [{ layer: 'cross-account', account: key.account, note: `${act.display} cannot be used on a key in another account (${key.account}); no policy can allow it` }]);
  }
  // RetireGrant is decided by the grant.
  if (act.lower === 'kms:retiregrant') {
    const o = retirePath(x, r, req);
    return o.ok ? allow(x, o.reasons, o.via) : implicit(x, o.reasons, o.missing);
  }
  // 6. Grants: not limited by boundaries or session policies (Corrections 5).
  const gs = findGrant(key, caller, req, act.lower);
  if (gs.grant !== undefined) {
    if (gs.match === 'direct') return allow(x, [grantReason(gs.grant)], `grant ${gs.grant.grant.grantId}`);
    const g = gs.grant;
    const lim = limitsFor(r, caller, act.display, true, () => `grant ${g.grant.grantId} is for account ${caller.account}`);
    if (lim.missing.length === 0) return allow(x, [grantReason(gs.grant), ...lim.reasons], `grant ${gs.grant.grant.grantId} and ${caller.name}'s identity policy`);
  }
  // 7. The key policy: directly, or through delegation to IAM.
  const kp = keyPolicyPath(r, caller, key, act.display);
  if (kp.ok) return allow(x, kp.reasons, kp.via);
  // 8. Implicit deny: say what is missing (grants that name the caller but could not be used first).
  const refused: MissingAllow[] = gs.refused.map((f) => missingAllow('grant', key.account, `grant ${f.grant.grant.grantId} names ${caller.name}, but ${f.why}`));
  // A grant naming the caller is the most specific explanation, so it comes first.
  const missing = [...refused, ...kp.missing];
  return implicit(x, kp.reasons, missing);
}

/** A resource the world does not hold: no key policy can allow anything. */
function unknownKey(req: AuthzRequest, act: NormalizedAction, caller: ResolvedPrincipal, t: Tracer): Decision {
  const note = `no key ${req.resource} in the world, so no key policy allows ${act.display}`;
  if (t.on) t.event('decide', 'request', note);
  const d: Decision = {
    decision: 'ImplicitDeny',
    message: implicitDenyMessage(caller.arn, act.display, req.resource, 'key-policy'),
    reasons: [], missing: [{ layer: 'key-policy', account: '', note }], error: null,
    issues: [{ code: 'authorize/unknown-key', message: note }],
  };
  return t.on ? { ...d, trace: t.events() } : d;
}
