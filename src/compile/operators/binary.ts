/**
 * @module compile/operators/binary
 * BinaryEquals: the request's bytes compared byte for byte with the base-64 value in the policy.
 * Request values are held as base-64 text, so both sides are decoded and compared.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 */
import { anyOf, NEVER } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

/** Decodes strict base 64 to a canonical hex string; undefined when the text is not base 64. */
export function base64Bytes(s: string): string | undefined {
  const t = s.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return undefined;
  return Buffer.from(t, 'base64').toString('hex');
}

/** Compiles BinaryEquals. */
export const compileBinary: FamilyCompiler = (_operator, values) =>
  anyOf(values.map((pv): ValuePredicate => {
    const want = base64Bytes(pv.raw);
    if (want === undefined) return NEVER;
    return (v) => base64Bytes(v) === want;
  }));
