/**
 * @module compile/operators/types
 * The shape every operator family compiles to: does one request value match any of the policy's
 * values (the positive sense; negation, qualifiers and IfExists are applied in compile/condition).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import type { PolicyValue } from '../../model/policy.js';
import type { RequestContext } from '../../model/request.js';

/** True when the request value `v` matches at least one policy value. */
export type ValuePredicate = (v: string, ctx: RequestContext) => boolean;

/** Compiles a base operator of a family with its policy values, once. */
export type FamilyCompiler = (operator: string, values: readonly PolicyValue[]) => ValuePredicate;

/** Combines per-value predicates with OR ("multiple values for one key → OR", CO page). */
export function anyOf(preds: readonly ValuePredicate[]): ValuePredicate {
  if (preds.length === 1) return preds[0];
  return (v, ctx) => {
    for (const p of preds) if (p(v, ctx)) return true;
    return false;
  };
}

/** A predicate that never matches (invalid policy value, unknown operator). */
export const NEVER: ValuePredicate = () => false;
