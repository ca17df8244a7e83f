/**
 * @module compile/operators/null
 * Null: tests whether a key is present at all, not its value.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 */
import type { ConditionClause } from '../../model/policy.js';
import type { RequestContext } from '../../model/request.js';

/**
 * `Null`: `true` ⇔ the key is absent, `false` ⇔ present (CO "Condition operator to check
 * existence of condition keys"). Our choice: an empty multi-valued key counts as absent, as the
 * set operators treat it. Several values OR; a value that is neither true nor false never matches.
 */
export function compileNull(clause: ConditionClause): (ctx: RequestContext) => boolean {
  const wants = clause.values.map((v) => v.raw.toLowerCase());
  const key = clause.key;
  return (ctx) => {
    const v = ctx.get(key);
    const absent = v === undefined || (typeof v !== 'string' && v.length === 0);
    return wants.some((w) => (w === 'true' ? absent : w === 'false' ? !absent : false));
  };
}
