/**
 * @module server/trust
 * Who may call sts:AssumeRole on a role: the role's trust policy (a resource-based policy) and,
 * unless the trust policy names the caller itself in the same account, the caller's identity-based
 * policies; an explicit Deny in either wins. Cross-account, both sides must allow.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html (trust policy)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-resource-based.html
 *
 * Scope (documented in docs/serve.md): SCPs and RCPs are not applied to sts:AssumeRole here; the
 * permissions boundary and, for role chaining, the caller's session policy are.
 */
import { compilePolicy } from '../compile/policy.js';
import type { CompiledPolicy, CompiledStatement } from '../compile/types.js';
import { parsePolicy } from '../parse/policy.js';
import type { PolicyKind } from '../model/refs.js';
import type { RequestContext } from '../model/request.js';
import { accountOf, type Identity, type WorldPrincipal } from './credentials.js';
import type { TrustEvaluator } from './sts.js';

/** Parses and compiles a policy document; undefined when it is unusable. */
export type PolicyCompiler = (doc: unknown, kind: PolicyKind, id: string) => CompiledPolicy | undefined;

const ACTION = 'sts:assumerole';

/**
 * The foundation's parsePolicy + compilePolicy, cached per document. A policy with parse errors
 * fails closed (it can neither allow nor be skipped silently: the caller treats it as unusable).
 */
export function foundationCompiler(): PolicyCompiler {
  const byObject = new WeakMap<object, CompiledPolicy | null>();
  const byText = new Map<string, CompiledPolicy | null>();
  return (doc, kind, id) => {
    const hit = typeof doc === 'object' && doc !== null ? byObject.get(doc) : typeof doc === 'string' ? byText.get(doc) : undefined;
    if (hit !== undefined) return hit ?? undefined;
    const parsed = parsePolicy(doc, { kind, id });
    const compiled = parsed.diagnostics.some((d) => d.severity === 'error') ? null : compilePolicy(parsed.policy);
    if (typeof doc === 'object' && doc !== null) byObject.set(doc, compiled);
    else if (typeof doc === 'string' && byText.size < 1024) byText.set(doc, compiled);
    return compiled ?? undefined;
  };
}

interface Verdict {
  readonly deny: boolean;
  /** An Allow matched; `direct` when it named the caller's own ARN (not an account or `*`). */
  readonly allow: boolean;
  readonly direct: boolean;
}

function principalMatches(s: CompiledStatement, caller: Identity): { match: boolean; direct: boolean } {
  const p = s.principal;
  if (p === undefined || p.set.not) return { match: false, direct: false };
  if (p.arns.has(caller.principal) || (caller.roleArn !== undefined && p.arns.has(caller.roleArn))) return { match: true, direct: true };
  return { match: p.wildcard || p.accounts.has(caller.account), direct: false };
}

function evaluate(policy: CompiledPolicy, resource: string, ctx: RequestContext, caller: Identity | undefined): Verdict {
  let deny = false;
  let allow = false;
  let direct = false;
  for (const s of policy.statementsFor(ACTION)) {
    if (!s.matchesResource(resource, ctx)) continue;
    if (!s.conditions.every((c) => c.test(ctx))) continue;
    let isDirect = false;
    if (caller !== undefined) {
      const m = principalMatches(s, caller);
      if (!m.match) continue;
      isDirect = m.direct;
    }
    if (s.effect === 'Deny') deny = true;
    else {
      allow = true;
      direct ||= isDirect;
    }
  }
  return { deny, allow, direct };
}

function requestContext(caller: Identity, role: WorldPrincipal, sessionName: string, externalId: string | undefined): RequestContext {
  const principalArn = caller.roleArn ?? caller.principal;
  const m = new Map<string, string>([
    ['aws:principalarn', principalArn],
    ['aws:principalaccount', caller.account],
    ['aws:userid', caller.userId],
    ['aws:principaltype', caller.roleArn !== undefined ? 'AssumedRole' : principalArn.endsWith(':root') ? 'Account' : 'User'],
    ['sts:rolesessionname', sessionName],
    ['aws:resourceaccount', accountOf(role.arn)],
  ]);
  // sts:ExternalId: the confused-deputy guard of cross-account trust policies.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
  if (externalId !== undefined) m.set('sts:externalid', externalId);
  if (caller.roleArn === undefined && principalArn.includes(':user/')) m.set('aws:username', principalArn.slice(principalArn.lastIndexOf('/') + 1));
  return m;
}

/** Builds the AssumeRole decision over a policy compiler (parse + compile of the foundation). */
export function createTrustEvaluator(compile: PolicyCompiler): TrustEvaluator {
  return {
    canAssume(caller, callerPrincipal, role, sessionName, externalId) {
      if (role.trustPolicy === undefined) return false;
      const trust = compile(role.trustPolicy, 'trust', `trust-policy:${role.arn}`);
      if (trust === undefined) return false;
      const ctx = requestContext(caller, role, sessionName, externalId);
      const t = evaluate(trust, role.arn, ctx, caller);
      if (t.deny || !t.allow) return false;
      const sameAccount = caller.account === accountOf(role.arn);
      const identityDocs = [
        ...(callerPrincipal?.policies ?? []),
        ...(callerPrincipal?.groups ?? []).flatMap((g) => g.policies ?? []),
      ];
      let identityAllow = false;
      for (const [i, doc] of identityDocs.entries()) {
        const compiled = compile(doc, 'identity', `identity:${caller.principal}#${String(i)}`);
        if (compiled === undefined) continue;
        const v = evaluate(compiled, role.arn, ctx, undefined);
        if (v.deny) return false;
        identityAllow ||= v.allow;
      }
      for (const [kind, doc] of [['boundary', callerPrincipal?.boundary], ['session', caller.sessionPolicy]] as const) {
        if (doc === undefined) continue;
        const compiled = compile(doc, kind, `${kind}:${caller.principal}`);
        const v = compiled === undefined ? { deny: true, allow: false } : evaluate(compiled, role.arn, ctx, undefined);
        if (v.deny || !v.allow) return false;
      }
      // Same account: a trust policy naming the caller's ARN is enough on its own; naming the account
      // (or `*`) delegates to the caller's IAM policies. Cross account: both must allow.
      return sameAccount && t.direct ? true : identityAllow;
    },
  };
}
