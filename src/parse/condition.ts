/**
 * @module parse/condition
 * The Condition block: `"[ForAllValues:|ForAnyValue:]Operator[IfExists]": { key: value(s) }`
 * → one ConditionClause per operator × key, values stringified (JSON booleans and numbers become
 * their text, as AWS compares them).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import type { ConditionClause, PolicyValue, SetQualifier } from '../model/policy.js';
import { appendPointer } from '../source/pointer.js';
import { entries, isObject, jsonType, report, show } from './context.js';
import type { ParseContext } from './context.js';
import { base64Bytes, parseCidr, parseDate, parseNumber } from './literals.js';
import { OPERATORS, operatorIgnoringCase } from './operators.js';
import type { OperatorFamily } from './operators.js';
import { policyValue } from './values.js';

/** A parsed operator name. `operator` is the canonical base name when known. */
export interface OperatorName {
  readonly set: SetQualifier;
  readonly operator: string;
  readonly ifExists: boolean;
  readonly known: boolean;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts. */
export function splitOperator(name: string): OperatorName {
  let rest = name;
  let set: SetQualifier = null;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') set = 'ForAllValues';
    else if (q === 'foranyvalue') set = 'ForAnyValue';
    if (set !== null) rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const info = OPERATORS.get(rest) ?? operatorIgnoringCase(rest);
  return { set, operator: info?.name ?? rest, ifExists, known: info !== undefined };
}

/** Reads one key's values: a scalar or an array of scalars. */
function conditionValues(ctx: ParseContext, value: unknown, pointer: string, variables: boolean): PolicyValue[] {
  const one = (v: unknown, p: string): PolicyValue | undefined => {
    if (typeof v === 'string') return policyValue(ctx, v, p, variables);
    if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return { raw: String(v), pointer: p };
    report(ctx, 'parse/invalid-type', 'invalidConditionValue', p, `condition value must be a string, number or boolean, not ${jsonType(v)}`);
    return undefined;
  };
  if (!Array.isArray(value)) {
    const v = one(value, pointer);
    return v === undefined ? [] : [v];
  }
  return value.flatMap((v: unknown, i) => {
    const r = one(v, appendPointer(pointer, i));
    return r === undefined ? [] : [r];
  });
}

/** What a value of each typed family must be, and the check. Strings and ARNs take anything. */
const LITERALS: Partial<Record<OperatorFamily, [string, string, (v: string) => boolean]>> = {
  numeric: ['notNumber', 'a number', (v) => !Number.isNaN(parseNumber(v))],
  date: ['notDate', 'an ISO 8601 date or epoch seconds', (v) => !Number.isNaN(parseDate(v))],
  ip: ['notCidr', 'an IPv4 or IPv6 address or CIDR range', (v) => parseCidr(v) !== undefined],
  binary: ['notBase64', 'base-64 text', (v) => base64Bytes(v) !== undefined],
  bool: ['notBool', '`true` or `false`', (v) => /^(true|false)$/i.test(v)],
  null: ['notBool', '`true` or `false`', (v) => /^(true|false)$/i.test(v)],
};

/** Reports values that the operator can never match (AWS compares them as typed literals). */
function checkLiterals(ctx: ParseContext, family: OperatorFamily | undefined, values: readonly PolicyValue[], operator: string): void {
  const rule = family === undefined ? undefined : LITERALS[family];
  if (rule === undefined) return;
  const [messageId, what, ok] = rule;
  for (const v of values) {
    if (v.template !== undefined || ok(v.raw)) continue;
    report(ctx, 'parse/invalid-condition-value', messageId, v.pointer, `\`${show(v.raw)}\` is not ${what}, so \`${operator}\` can never match it`);
  }
}

/** Reads a Condition element into clauses. Unknown operators are kept (and reported). */
export function conditionBlock(ctx: ParseContext, value: unknown, pointer: string): ConditionClause[] {
  if (!isObject(value)) {
    report(ctx, 'parse/invalid-type', 'invalidCondition', pointer, `\`Condition\` must be an object, not ${jsonType(value)}`);
    return [];
  }
  const out: ConditionClause[] = [];
  for (const [opName, block] of entries(value)) {
    const opPointer = appendPointer(pointer, opName);
    const op = splitOperator(opName);
    const canonical = `${op.set === null ? '' : `${op.set}:`}${op.operator}${op.ifExists ? 'IfExists' : ''}`;
    if (!op.known) {
      report(ctx, 'parse/unknown-operator', 'unknownOperator', opPointer, `unknown condition operator \`${show(opName)}\``);
    } else if (canonical !== opName) {
      report(ctx, 'parse/unknown-operator', 'wrongCase', opPointer, `condition operator \`${show(opName)}\` must be written \`${canonical}\``, 'error', { suggestion: canonical });
    }
    if (op.operator === 'Null' && op.ifExists) {
      report(ctx, 'parse/unknown-operator', 'nullIfExists', opPointer, '`Null` cannot take `IfExists`');
    }
    if (!isObject(block)) {
      report(ctx, 'parse/invalid-type', 'invalidConditionBlock', opPointer, `\`${show(opName)}\` must map condition keys to values, not ${jsonType(block)}`);
      continue;
    }
    const info = OPERATORS.get(op.operator);
    const variables = info?.variables ?? false;
    for (const [key, v] of entries(block)) {
      const keyPointer = appendPointer(opPointer, key);
      if (/\s/.test(key) || key === '') {
        report(ctx, 'parse/invalid-condition-key', 'whitespace', keyPointer, `condition key \`${show(key)}\` is empty or contains whitespace`, 'error', {
          suggestion: key.replace(/\s+/g, ''),
        });
      }
      const values = conditionValues(ctx, v, keyPointer, variables);
      checkLiterals(ctx, info?.family, values, op.operator);
      out.push({
        set: op.set,
        operator: op.operator,
        ifExists: op.ifExists,
        key: key.toLowerCase(),
        keyAsWritten: key,
        values,
        pointer: keyPointer,
      });
    }
  }
  return out;
}
