/**
 * @module compile/types
 * The compiled form of a policy: everything string-shaped is turned into predicates once, so
 * that evaluation does no parsing and builds no RegExp (style.md convention 5).
 */
import type { ConditionClause, Effect, NormalizedPolicy, PrincipalSet } from '../model/policy.js';
import type { StatementRef } from '../model/refs.js';
import type { RequestContext } from '../model/request.js';

/** A compiled condition clause: `test` applies the operator, qualifier, IfExists and variables. */
export interface CompiledCondition {
  readonly clause: ConditionClause;
  test(ctx: RequestContext): boolean;
}

/** Normalized principal data, pre-split for fast lookups. The evaluator applies the AWS rules. */
export interface CompiledPrincipal {
  readonly set: PrincipalSet;
  /** `"*"` or `{"AWS":"*"}` is present. */
  readonly wildcard: boolean;
  /** Account ids from `arn:aws:iam::ACCT:root` or bare account ids. */
  readonly accounts: ReadonlySet<string>;
  /** Other AWS principal ARNs (users, roles, sessions, federated users), exactly as written. */
  readonly arns: ReadonlySet<string>;
  /** Service principals, e.g. `ec2.amazonaws.com`. */
  readonly services: ReadonlySet<string>;
  readonly federated: ReadonlySet<string>;
}

/** A compiled statement. */
export interface CompiledStatement {
  readonly ref: StatementRef;
  readonly effect: Effect;
  /** Applies Action/NotAction to a case-folded action name (`kms:decrypt`). No element → false. */
  matchesAction(actionLower: string): boolean;
  /**
   * Applies Resource/NotResource to a resource ARN, resolving policy variables from `ctx`.
   * No Resource element (allowed in key policies) → true.
   */
  matchesResource(resource: string, ctx: RequestContext): boolean;
  /** Principal/NotPrincipal, if the statement has one. */
  readonly principal?: CompiledPrincipal;
  readonly conditions: readonly CompiledCondition[];
}

/** A compiled policy with its statements indexed by action. */
export interface CompiledPolicy {
  readonly policy: NormalizedPolicy;
  readonly statements: readonly CompiledStatement[];
  /** The statements whose Action/NotAction can match this case-folded action; cached. */
  statementsFor(actionLower: string): readonly CompiledStatement[];
}
