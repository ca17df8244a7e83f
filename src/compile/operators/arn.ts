/**
 * @module compile/operators/arn
 * ArnEquals ≡ ArnLike and ArnNotEquals ≡ ArnNotLike (positive sense here): case-sensitive, the ARN
 * split on its first five colons into six components each matched with `*`/`?`; inside the sixth
 * component `*` may match `:` (spec correction 6). Policy variables are allowed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import type { PolicyValue } from '../../model/policy.js';
import { matchTokens, resolvePattern, splitTokensArn } from '../template.js';
import { compileArnPattern, splitArn } from '../wildcard.js';
import { anyOf } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

/** One ARN pattern. */
function arn(value: PolicyValue): ValuePredicate {
  const t = value.template;
  if (t === undefined) return compileArnPattern(value.raw);
  return (v, ctx) => {
    const tokens = resolvePattern(t, ctx);
    if (tokens === undefined) return false;
    const comps = splitTokensArn(tokens);
    const parts = splitArn(v);
    if (comps === undefined || parts === undefined) return false;
    for (let i = 0; i < 6; i++) if (!matchTokens(comps[i], parts[i])) return false;
    return true;
  };
}

/** Compiles an ARN operator. */
export const compileArn: FamilyCompiler = (_operator, values) => anyOf(values.map(arn));
