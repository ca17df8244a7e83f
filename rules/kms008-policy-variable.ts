/**
 * KMS008 policy-variable: a malformed `${…}` (no closing brace, empty, an unquoted default), or a
 * variable where AWS does not resolve one: in Action/NotAction, in Principal, or in a condition
 * whose operator is not a String or ARN operator. Applies to Version 2012-10-17 only; under
 * 2008-10-17 variables are literal text (KMS002).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import type { PolicyValue } from '../src/model/policy.js';
import { identityPolicy } from './support/cases.js';

/** The first problem in the `${…}` syntax of a value, or undefined. */
function syntaxProblem(raw: string): 'missingBrace' | 'emptyVariable' | 'missingQuote' | undefined {
  let i = raw.indexOf('${');
  while (i >= 0) {
    const end = raw.indexOf('}', i + 2);
    if (end < 0) return 'missingBrace';
    const body = raw.slice(i + 2, end).trim();
    if (body === '') return 'emptyVariable';
    const comma = body.indexOf(',');
    if (comma >= 0 && !/^'[^']*'$/.test(body.slice(comma + 1).trim())) return 'missingQuote';
    i = raw.indexOf('${', end + 1);
  }
  return undefined;
}

const VARIABLE_OPERATORS = /^(String|Arn)/;

export default defineRule({
  id: 'KMS008',
  name: 'policy-variable',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'A policy variable is malformed, or used in an element or with an operator where AWS does not substitute it.',
      rationale: 'AWS substitutes variables only in `Resource` and in String/ARN condition operators. Anywhere else, and when malformed, `${…}` is compared as literal text, so the statement silently matches nothing (or, in a Deny, protects nothing).',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
    },
    existingTools: { accessAnalyzer: 'MISSING_BRACE/QUOTE_IN_VARIABLE, EMPTY_VARIABLE, VARIABLE_UNSUPPORTED_IN_ELEMENT, INVALID_VARIABLE_FOR_OPERATOR' },
    messages: {
      readProblem: '{{message}}',
      missingBrace: 'policy variable in `{{value}}` has no closing `}`',
      emptyVariable: 'policy variable in `{{value}}` is empty',
      missingQuote: "default value of the policy variable in `{{value}}` must be in single quotes: `${key, 'default'}`",
      unsupportedElement: 'policy variables are not substituted in `{{element}}`: `{{value}}` is literal text',
      unsupportedOperator: 'policy variables are not substituted with `{{operator}}`: `{{value}}` is literal text',
    },
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS008', 'readProblem');
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy' || t.policy.version !== '2012-10-17') return;
    const syntax = (v: PolicyValue): boolean => {
      const p = syntaxProblem(v.raw);
      if (p !== undefined) ctx.report({ messageId: p, pointer: v.pointer, data: { value: v.raw } });
      return p !== undefined;
    };
    for (const s of t.policy.statements) {
      for (const v of s.actions?.values ?? []) {
        if (v.raw.includes('${') && !syntax(v)) ctx.report({ messageId: 'unsupportedElement', pointer: v.pointer, data: { element: s.actions?.not === true ? 'NotAction' : 'Action', value: v.raw } });
      }
      for (const e of s.principals?.entries ?? []) {
        if (e.raw.includes('${')) ctx.report({ messageId: 'unsupportedElement', pointer: e.pointer, data: { element: s.principals?.not === true ? 'NotPrincipal' : 'Principal', value: e.raw } });
      }
      for (const v of s.resources?.values ?? []) if (v.raw.includes('${')) syntax(v);
      for (const c of s.conditions) {
        for (const v of c.values) {
          if (!v.raw.includes('${') || syntax(v)) continue;
          if (!VARIABLE_OPERATORS.test(c.operator)) ctx.report({ messageId: 'unsupportedOperator', pointer: v.pointer, data: { operator: c.operator, value: v.raw } });
        }
      }
    }
  },
  cases: {
    valid: [
      { name: 'variable in Resource', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/key-id}' }) },
      { name: 'variable with a default in a string condition', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:owner': "${aws:username, 'nobody'}" } } }) },
    ],
    invalid: [
      {
        name: 'variable before the resource part of an ARN (found by the parser)',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*' }),
        errors: [{ messageId: 'readProblem', pointer: '/Statement/0/Resource' }],
      },
      {
        name: 'missing closing brace',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/key-id' }),
        errors: [{ messageId: 'missingBrace', pointer: '/Statement/0/Resource' }],
      },
      {
        name: 'variable in Action, and an unquoted default',
        policy: identityPolicy({ Effect: 'Allow', Action: ['kms:${aws:PrincipalTag/op}'], Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:owner': '${aws:username, nobody}' } } }),
        errors: [
          { messageId: 'unsupportedElement', pointer: '/Statement/0/Action/0' },
          { messageId: 'missingQuote', pointer: '/Statement/0/Condition/StringEquals/kms:EncryptionContext:owner' },
        ],
      },
      {
        name: 'empty variable',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/${}' }),
        errors: [{ messageId: 'emptyVariable', pointer: '/Statement/0/Resource' }],
      },
      {
        name: 'variable with a numeric operator',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*', Condition: { NumericLessThan: { 'kms:RotationPeriodInDays': '${aws:PrincipalTag/max}' } } }),
        errors: [{ messageId: 'unsupportedOperator', pointer: '/Statement/0/Condition/NumericLessThan/kms:RotationPeriodInDays' }],
      },
    ],
  },
});
