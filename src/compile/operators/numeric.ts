/**
 * @module compile/operators/numeric
 * NumericEquals, NumericNotEquals, NumericLessThan(Equals), NumericGreaterThan(Equals): integers or
 * decimals, written as strings or numbers. No policy variables. A value that is not a number
 * (in the policy or in the request) matches nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
 */
import { parseNumber } from '../../parse/literals.js';
import { anyOf, NEVER } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  NumericEquals: (a, b) => a === b,
  NumericNotEquals: (a, b) => a === b, // negated by the caller
  NumericLessThan: (a, b) => a < b,
  NumericLessThanEquals: (a, b) => a <= b,
  NumericGreaterThan: (a, b) => a > b,
  NumericGreaterThanEquals: (a, b) => a >= b,
};

/** Compiles a numeric operator: request value (left) compared with each policy value (right). */
export const compileNumeric: FamilyCompiler = (operator, values) => {
  const cmp = COMPARE[operator];
  if (cmp === undefined) return NEVER;
  return anyOf(values.map((pv): ValuePredicate => {
    const n = parseNumber(pv.raw);
    if (Number.isNaN(n)) return NEVER;
    return (v) => {
      const x = parseNumber(v);
      return !Number.isNaN(x) && cmp(x, n);
    };
  }));
};
