/**
 * @module compile/operators/bool
 * Bool: `true`/`false`, written as strings or JSON booleans (AWS's KMS examples use both).
 * Comparison ignores case. Policy variables are allowed (spec correction 4, an [UNSURE] choice).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
 */
import { resolveText } from '../template.js';
import { anyOf } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

/** Compiles Bool. */
export const compileBool: FamilyCompiler = (_operator, values) =>
  anyOf(values.map((pv): ValuePredicate => {
    const t = pv.template;
    if (t === undefined) {
      const want = pv.raw.toLowerCase();
      return (v) => v.toLowerCase() === want;
    }
    return (v, ctx) => resolveText(t, ctx)?.toLowerCase() === v.toLowerCase();
  }));
