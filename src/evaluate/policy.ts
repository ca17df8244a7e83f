/**
 * @module evaluate/policy
 * One compiled policy against one request: which statements apply (Action, Resource, Principal,
 * Condition all match), split by effect. The combination of policies is src/authorize's job.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { CompiledPolicy, CompiledStatement } from '../compile/types.js';
import type { DecisionLayer } from '../model/decision.js';
import type { RequestContext } from '../model/request.js';
import type { ResolvedPrincipal } from '../world/compiled-types.js';
import { matchPrincipal, type PrincipalMatch } from './principal.js';
import type { Tracer } from './trace.js';

/** A statement that applies, and how its Principal matched (null: it has no Principal element). */
export interface StatementHit {
  readonly stmt: CompiledStatement;
  readonly match: PrincipalMatch | null;
}

/** The applicable statements of one policy. */
export interface PolicyEval {
  readonly allows: readonly StatementHit[];
  readonly denies: readonly StatementHit[];
}

/** What a policy is evaluated against. */
export interface EvalInput {
  readonly actionLower: string;
  readonly resource: string;
  readonly ctx: RequestContext;
  readonly caller: ResolvedPrincipal;
  /**
   * Key policies: a statement without a Resource element "has no effect" although KMS accepts it
   * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html).
   */
  readonly resourceRequired: boolean;
}

/** The result for a policy where nothing applies (shared, never mutated). */
export const NOTHING: PolicyEval = { allows: [], denies: [] };

/** Per policy, the indexes of statements without a Resource element (computed once). */
const noResource = new WeakMap<CompiledPolicy, ReadonlySet<number>>();

function hasResourceElement(cp: CompiledPolicy, s: CompiledStatement): boolean {
  let set = noResource.get(cp);
  if (set === undefined) {
    set = new Set(cp.policy.statements.filter((st) => st.resources === undefined).map((st) => st.ref.index));
    noResource.set(cp, set);
  }
  return !set.has(s.ref.index);
}

/** Why a statement does not apply, or null when it does (the principal match is returned through `out`). */
function check(cp: CompiledPolicy, s: CompiledStatement, inp: EvalInput, out: { match: PrincipalMatch | null }): string | null {
  if (inp.resourceRequired && !hasResourceElement(cp, s)) return 'the statement has no Resource element, so it has no effect';
  if (!s.matchesResource(inp.resource, inp.ctx)) return `Resource does not match ${inp.resource}`;
  out.match = null;
  if (s.principal !== undefined) {
    const m = matchPrincipal(s.principal, inp.caller);
    if (m === null) return `${s.principal.set.not ? 'NotPrincipal excludes' : 'Principal does not name'} ${inp.caller.arn}`;
    out.match = m;
  }
  for (const c of s.conditions) {
    if (!c.test(inp.ctx)) {
      const q = c.clause.set === null ? '' : `${c.clause.set}:`;
      return `condition ${q}${c.clause.operator}${c.clause.ifExists ? 'IfExists' : ''} on ${c.clause.keyAsWritten} is not met`;
    }
  }
  return null;
}

/**
 * A statement whose outcome depends only on the action: no conditions, no principal (or only
 * `"*"`), and a Resource of `"*"` (FullAWSAccess, RCPFullAWSAccess, most SCPs). A policy made of
 * such statements has its result cached per action.
 */
function contextFree(cp: CompiledPolicy): boolean {
  let v = contextFreeCache.get(cp);
  if (v === undefined) {
    const stmts = new Map(cp.policy.statements.map((st) => [st.ref.index, st]));
    v = cp.statements.every((s) => {
      const st = stmts.get(s.ref.index);
      const res = st?.resources;
      const p = s.principal;
      const anyone = p === undefined || (p.wildcard && !p.set.not && p.arns.size === 0 && p.accounts.size === 0 && p.services.size === 0);
      return s.conditions.length === 0 && anyone && res !== undefined && !res.not && res.values.length > 0 && res.values.every((x) => x.raw === '*');
    });
    contextFreeCache.set(cp, v);
  }
  return v;
}

const contextFreeCache = new WeakMap<CompiledPolicy, boolean>();
const byAction = new WeakMap<CompiledPolicy, Map<string, PolicyEval>>();

/** Evaluates one policy: the statements that apply to this request, by effect. */
export function evaluatePolicy(cp: CompiledPolicy, inp: EvalInput, t: Tracer, layer: DecisionLayer, parent?: number): PolicyEval {
  if (t.on || !contextFree(cp)) return evaluateNow(cp, inp, t, layer, parent);
  let m = byAction.get(cp);
  if (m === undefined) {
    m = new Map();
    byAction.set(cp, m);
  }
  let e = m.get(inp.actionLower);
  if (e === undefined) {
    e = evaluateNow(cp, inp, t, layer, parent);
    if (m.size < 4096) m.set(inp.actionLower, e);
  }
  return e;
}

const scratch: { match: PrincipalMatch | null } = { match: null };

function evaluateNow(cp: CompiledPolicy, inp: EvalInput, t: Tracer, layer: DecisionLayer, parent?: number): PolicyEval {
  const candidates = cp.statementsFor(inp.actionLower);
  if (candidates.length === 0) {
    if (t.on) t.event('note', layer, `${cp.policy.ref.id}: no statement covers ${inp.actionLower}`, undefined, parent);
    return NOTHING;
  }
  let allows: StatementHit[] | undefined;
  let denies: StatementHit[] | undefined;
  const out = scratch;
  for (const s of candidates) {
    const why = check(cp, s, inp, out);
    if (why !== null) {
      if (t.on) t.event('nomatch', layer, `${s.effect} statement does not apply: ${why}`, s.ref, parent);
      continue;
    }
    const hit = { stmt: s, match: out.match };
    if (s.effect === 'Deny') (denies ??= []).push(hit);
    else (allows ??= []).push(hit);
    if (t.on) t.event('match', layer, `${s.effect} statement applies${out.match === null ? '' : ` (principal: ${out.match})`}`, s.ref, parent);
  }
  if (allows === undefined && denies === undefined) return NOTHING;
  return { allows: allows ?? NOTHING.allows, denies: denies ?? NOTHING.denies };
}
