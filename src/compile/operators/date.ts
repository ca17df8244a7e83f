/**
 * @module compile/operators/date
 * DateEquals, DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals): W3C ISO 8601 dates
 * (`2030-01-01`, `2030-01-01T00:00:00Z`) or epoch seconds; no wildcards, no variables.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
import { parseDate } from '../../parse/literals.js';
import { anyOf, NEVER } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  DateEquals: (a, b) => a === b,
  DateNotEquals: (a, b) => a === b, // negated by the caller
  DateLessThan: (a, b) => a < b,
  DateLessThanEquals: (a, b) => a <= b,
  DateGreaterThan: (a, b) => a > b,
  DateGreaterThanEquals: (a, b) => a >= b,
};

/** Compiles a date operator: request date (left) compared with each policy date (right). */
export const compileDate: FamilyCompiler = (operator, values) => {
  const cmp = COMPARE[operator];
  if (cmp === undefined) return NEVER;
  return anyOf(values.map((pv): ValuePredicate => {
    const d = parseDate(pv.raw);
    if (Number.isNaN(d)) return NEVER;
    return (v) => {
      const x = parseDate(v);
      return !Number.isNaN(x) && cmp(x, d);
    };
  }));
};
