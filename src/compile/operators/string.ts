/**
 * @module compile/operators/string
 * StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike,
 * StringNotLike (positive sense here). Equals is case-sensitive and exact; Like takes `*` and `?`.
 * Policy variables are allowed; an unresolved one makes that value match nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
import type { PolicyValue } from '../../model/policy.js';
import { matchTokens, resolvePattern, resolveText } from '../template.js';
import { compileWildcard } from '../wildcard.js';
import { anyOf } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

/** One value of an Equals operator. */
function equals(value: PolicyValue, ignoreCase: boolean): ValuePredicate {
  const t = value.template;
  if (t === undefined) {
    if (!ignoreCase) return (v) => v === value.raw;
    const lower = value.raw.toLowerCase();
    return (v) => v.toLowerCase() === lower;
  }
  return (v, ctx) => {
    const r = resolveText(t, ctx);
    if (r === undefined) return false;
    return ignoreCase ? r.toLowerCase() === v.toLowerCase() : r === v;
  };
}

/** One value of a Like operator. */
function like(value: PolicyValue): ValuePredicate {
  const t = value.template;
  if (t === undefined) return compileWildcard(value.raw);
  return (v, ctx) => {
    const tokens = resolvePattern(t, ctx);
    return tokens !== undefined && matchTokens(tokens, v);
  };
}

/** Compiles a string operator. */
export const compileString: FamilyCompiler = (operator, values) => {
  const isLike = operator === 'StringLike' || operator === 'StringNotLike';
  const ignoreCase = operator.endsWith('IgnoreCase');
  // Plain Equals over many literal values: one Set lookup instead of a scan.
  if (!isLike && !ignoreCase && values.length > 4 && values.every((v) => v.template === undefined)) {
    const set = new Set(values.map((v) => v.raw));
    return (v) => set.has(v);
  }
  return anyOf(values.map((v) => (isLike ? like(v) : equals(v, ignoreCase))));
};
