/**
 * @module authorize/layers
 * Evaluates every applicable policy once for a request: RCPs of the key owner's path, SCPs of the
 * caller's path, the VPC endpoint policy, the key policy, identity policies (own and groups'), the
 * permissions boundary and the session policy. Collects every matching Deny and each layer's Allow.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 */
import type { CompiledPolicy } from '../compile/types.js';
import { evaluatePolicy, NOTHING, type EvalInput, type PolicyEval, type StatementHit } from '../evaluate/policy.js';
import type { Tracer } from '../evaluate/trace.js';
import type { DecisionLayer } from '../model/decision.js';
import type { OrgLevel } from '../world/compiled-types.js';

/** A matching Deny and the layer it is in. */
export interface DenyHit {
  readonly hit: StatementHit;
  readonly layer: DecisionLayer;
}

/** What every layer said. `undefined` for a layer means it does not apply to this request. */
export interface LayerResults {
  denies: DenyHit[] | undefined;
  /** The first organization level (node id) with no Allow, per gate. */
  rcpGap: string | undefined;
  scpGap: string | undefined;
  vpce: PolicyEval | undefined;
  key: PolicyEval;
  /** The first identity Allow, if any. */
  identity: StatementHit | undefined;
  boundary: PolicyEval | undefined;
  session: PolicyEval | undefined;
}

/** The policies that apply to a request, found by the flow. */
export interface Applicable {
  readonly rcp: readonly OrgLevel[] | null;
  readonly scp: readonly OrgLevel[] | null;
  /** The endpoint policy; undefined when the request came through no endpoint or the endpoint has the default policy. */
  readonly vpce: CompiledPolicy | undefined;
  readonly key: CompiledPolicy;
  readonly identity: readonly CompiledPolicy[];
  readonly boundary: CompiledPolicy | undefined;
  readonly session: CompiledPolicy | undefined;
}

function addDenies(r: LayerResults, e: PolicyEval, layer: DecisionLayer): void {
  if (e.denies.length === 0) return;
  r.denies ??= [];
  for (const hit of e.denies) r.denies.push({ hit, layer });
}

/** Evaluates an organization path: collects Denies, returns the first level lacking an Allow. */
function orgPath(levels: readonly OrgLevel[], inp: EvalInput, t: Tracer, layer: 'rcp' | 'scp', r: LayerResults): string | undefined {
  let gap: string | undefined;
  for (const level of levels) {
    const parent = t.on ? t.event('enter', layer, `${layer.toUpperCase()}s attached to ${level.nodeId}`) : undefined;
    let allowed = false;
    for (const p of level.policies) {
      const e = evaluatePolicy(p, inp, t, layer, parent);
      addDenies(r, e, layer);
      if (e.allows.length > 0) allowed = true;
    }
    if (!allowed && gap === undefined) gap = level.nodeId;
  }
  return gap;
}

/** Evaluates every applicable policy once. `keyInp` differs from `inp` only in requiring a Resource element. */
export function evaluateLayers(a: Applicable, inp: EvalInput, keyInp: EvalInput, t: Tracer): LayerResults {
  const r: LayerResults = {
    denies: undefined, rcpGap: undefined, scpGap: undefined, vpce: undefined, key: NOTHING,
    identity: undefined, boundary: undefined, session: undefined,
  };
  if (a.rcp !== null) r.rcpGap = orgPath(a.rcp, inp, t, 'rcp', r);
  if (a.scp !== null) r.scpGap = orgPath(a.scp, inp, t, 'scp', r);
  if (a.vpce !== undefined) {
    const p = t.on ? t.event('enter', 'vpce', 'VPC endpoint policy') : undefined;
    r.vpce = evaluatePolicy(a.vpce, inp, t, 'vpce', p);
    addDenies(r, r.vpce, 'vpce');
  }
  const kp = t.on ? t.event('enter', 'key-policy', 'key policy') : undefined;
  r.key = evaluatePolicy(a.key, keyInp, t, 'key-policy', kp);
  addDenies(r, r.key, 'key-policy');
  if (a.identity.length > 0) {
    const ip = t.on ? t.event('enter', 'identity', 'identity policies') : undefined;
    for (const p of a.identity) {
      const e = evaluatePolicy(p, inp, t, 'identity', ip);
      addDenies(r, e, 'identity');
      r.identity ??= e.allows[0];
    }
  }
  if (a.boundary !== undefined) {
    const bp = t.on ? t.event('enter', 'boundary', 'permissions boundary') : undefined;
    r.boundary = evaluatePolicy(a.boundary, inp, t, 'boundary', bp);
    addDenies(r, r.boundary, 'boundary');
  }
  if (a.session !== undefined) {
    const sp = t.on ? t.event('enter', 'session', 'session policy') : undefined;
    r.session = evaluatePolicy(a.session, inp, t, 'session', sp);
    addDenies(r, r.session, 'session');
  }
  return r;
}
