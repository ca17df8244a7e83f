/**
 * @module compile/operators/date
 * DateEquals, DateNotEquals, DateLessThan(Equals), DateGreaterThan(Equals): W3C ISO 8601 dates
 * (`2030-01-01`, `2030-01-01T00:00:00Z`) or epoch seconds; no wildcards, no variables.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
import { anyOf, NEVER } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

const ISO = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * Parses a date to epoch milliseconds; NaN when it is neither ISO 8601 nor epoch seconds. A date
 * without a zone is taken as UTC (AWS compares in UTC; our choice for the unzoned time form).
 */
export function parseDate(s: string): number {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t) && !/^\d{4}$/.test(t)) return Number(t) * 1000;
  if (!ISO.test(t)) return NaN;
  const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(t) || !t.includes('T') ? t : `${t}Z`;
  return Date.parse(zoned.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

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
