/**
 * @module compile/condition
 * One condition clause → a predicate over the request context, with AWS's rules for missing keys,
 * `…IfExists`, `Null`, several values (OR; NOR for negated operators) and the set qualifiers.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import type { ConditionClause } from '../model/policy.js';
import type { ContextValue, RequestContext } from '../model/request.js';
import { OPERATORS } from '../parse/operators.js';
import { FAMILIES } from './operators/index.js';
import { compileNull } from './operators/null.js';
import type { ValuePredicate } from './operators/index.js';
import type { CompiledCondition } from './types.js';

/** The request values of a key: [] for an empty multi-valued key, undefined when absent. */
function valuesOf(v: ContextValue | undefined): readonly string[] | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? [v] : v;
}

/** Compiles one clause once; the returned `test` does no parsing. */
export function compileCondition(clause: ConditionClause): CompiledCondition {
  const info = OPERATORS.get(clause.operator);
  if (info === undefined) {
    // An unknown operator: AWS refuses such a policy (the parser reported it). We choose that the
    // clause never holds, so the statement applies to no request.
    return { clause, test: () => false };
  }
  if (info.family === 'null') return { clause, test: compileNull(clause) };
  const positive: ValuePredicate = FAMILIES[info.family](info.name, clause.values);
  const negated = info.negated;
  // Per request value: does the operator hold? For a negated operator the value must match none
  // of the policy values (several values with a negated operator are a NOR, CO page).
  const holds = (v: string, ctx: RequestContext): boolean => positive(v, ctx) !== negated;
  const { key, ifExists, set } = clause;

  let test: (ctx: RequestContext) => boolean;
  if (set === 'ForAllValues') {
    // True when every request value satisfies the operator; true when the key is absent or empty.
    test = (ctx) => {
      const vals = valuesOf(ctx.get(key));
      if (vals === undefined) return true;
      for (const v of vals) if (!holds(v, ctx)) return false;
      return true;
    };
  } else if (set === 'ForAnyValue') {
    // True when at least one request value satisfies the operator; false when absent (unless IfExists).
    test = (ctx) => {
      const vals = valuesOf(ctx.get(key));
      if (vals === undefined) return ifExists;
      for (const v of vals) if (holds(v, ctx)) return true;
      return false;
    };
  } else {
    // No qualifier. Absent key: false for a positive operator, true for a negated one; IfExists
    // makes it true. A multi-valued key without qualifier is taken as ForAnyValue for a positive
    // operator, and as "no value matches" (NOR) for a negated one [our choice; AWS advises a qualifier].
    test = (ctx) => {
      const vals = valuesOf(ctx.get(key));
      if (vals === undefined) return ifExists || negated;
      let any = false;
      for (const v of vals) {
        if (positive(v, ctx)) {
          any = true;
          break;
        }
      }
      return any !== negated;
    };
  }
  return { clause, test };
}
