/**
 * @module compile/statement
 * A normalized statement → predicates for Action/NotAction, Resource/NotResource, Principal and
 * Conditions, built once.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import type { PrincipalSet, Statement, ValueSet } from '../model/policy.js';
import type { RequestContext } from '../model/request.js';
import { compileCondition } from './condition.js';
import { matchResourceTokens, resolvePattern } from './template.js';
import { compileResourcePattern, compileWildcard } from './wildcard.js';
import type { Matcher } from './wildcard.js';
import type { CompiledPrincipal, CompiledStatement } from './types.js';

/** Action names are case-insensitive (ACT page): patterns are folded, callers pass folded names. */
function actionMatcher(set: ValueSet | undefined): Matcher {
  if (set === undefined) return () => false;
  const ms = set.values.map((v) => compileWildcard(v.raw.toLowerCase()));
  const any = (a: string): boolean => ms.some((m) => m(a));
  return set.not ? (a) => !any(a) : any;
}

/**
 * Resource patterns, case-sensitive: wildcards cross `/` and stay inside their colon-separated
 * segment unless a `*` ends the segment (compile/wildcard `resourceSource`). Variables are
 * resolved from the context; an unresolved one matches nothing (VAR page).
 */
function resourceMatcher(set: ValueSet | undefined): (r: string, ctx: RequestContext) => boolean {
  if (set === undefined) return () => true;
  const ms = set.values.map((v): ((r: string, ctx: RequestContext) => boolean) => {
    const t = v.template;
    if (t === undefined) {
      const m = compileResourcePattern(v.raw);
      return (r) => m(r);
    }
    return (r, ctx) => {
      const tokens = resolvePattern(t, ctx);
      return tokens !== undefined && matchResourceTokens(tokens, r);
    };
  });
  const any = (r: string, ctx: RequestContext): boolean => ms.some((m) => m(r, ctx));
  return set.not ? (r, ctx) => !any(r, ctx) : any;
}

/** Splits a Principal element into lookup sets; the evaluator applies AWS's principal rules. */
export function compilePrincipal(set: PrincipalSet): CompiledPrincipal {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  const federated = new Set<string>();
  let wildcard = false;
  for (const e of set.entries) {
    if (e.type === 'AWS') {
      const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(e.value);
      if (e.value === '*') wildcard = true;
      else if (root !== null) accounts.add(root[1]);
      else arns.add(e.value);
    } else if (e.type === 'Service') services.add(e.value);
    else if (e.type === 'Federated') federated.add(e.value);
  }
  return { set, wildcard, accounts, arns, services, federated };
}

/** Compiles one statement. */
export function compileStatement(s: Statement): CompiledStatement {
  const matchesAction = actionMatcher(s.actions);
  const matchesResource = resourceMatcher(s.resources);
  return {
    ref: s.ref,
    effect: s.effect,
    matchesAction,
    matchesResource,
    ...(s.principals === undefined ? {} : { principal: compilePrincipal(s.principals) }),
    conditions: s.conditions.map(compileCondition),
  };
}
