/**
 * @module compile/operators/binary
 * BinaryEquals: the request's bytes compared byte for byte with the base-64 value in the policy.
 * Request values are held as base-64 text, so both sides are decoded and compared.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 */
import { base64Bytes } from '../../parse/literals.js';
import { anyOf, NEVER } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

/** Compiles BinaryEquals. */
export const compileBinary: FamilyCompiler = (_operator, values) =>
  anyOf(values.map((pv): ValuePredicate => {
    const want = base64Bytes(pv.raw);
    if (want === undefined) return NEVER;
    return (v) => base64Bytes(v) === want;
  }));
