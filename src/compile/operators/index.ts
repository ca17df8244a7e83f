/**
 * @module compile/operators
 * The operator families by name (one file per family; Null is handled by compile/condition as it
 * looks at presence, not values).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import type { OperatorFamily } from '../../parse/operators.js';
import { compileArn } from './arn.js';
import { compileBinary } from './binary.js';
import { compileBool } from './bool.js';
import { compileDate } from './date.js';
import { compileIp } from './ip.js';
import { compileNumeric } from './numeric.js';
import { compileString } from './string.js';
import type { FamilyCompiler } from './types.js';

export type { FamilyCompiler, ValuePredicate } from './types.js';

/** Family → compiler of its value predicates. */
export const FAMILIES: Readonly<Record<Exclude<OperatorFamily, 'null'>, FamilyCompiler>> = {
  string: compileString,
  arn: compileArn,
  numeric: compileNumeric,
  date: compileDate,
  bool: compileBool,
  binary: compileBinary,
  ip: compileIp,
};
