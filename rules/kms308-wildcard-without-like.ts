/**
 * KMS308 wildcard-without-like: `*` or `?` in a value compared by `StringEquals` (and its negated
 * and IgnoreCase forms), where they are literal characters, not wildcards. For `ArnEquals`/
 * `ArnNotEquals` AWS documents the same matching as `ArnLike`, so the wildcard does work there;
 * that case is only an info that the operator misreads. `${*}`/`${?}` escapes are literal on
 * purpose and are skipped with every other policy variable.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import { defineRule } from '../src/lint/define-rule.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const LITERAL = new Set(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase']);
const ARN_EQUALS = new Set(['ArnEquals', 'ArnNotEquals']);

export default defineRule({
  id: 'KMS308',
  name: 'wildcard-without-like',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'A value with `*` or `?` is compared with `StringEquals`/`StringNotEquals` (where they are literal characters) or `ArnEquals`/`ArnNotEquals`.',
      rationale:
        'String equality operators compare characters exactly: `"arn:aws:iam::111122223333:role/*"` only equals that literal string, so an Allow grants nothing and a `StringNotEquals` Deny applies to everyone. Use `StringLike`/`StringNotLike`. `ArnEquals` does match wildcards, but write `ArnLike` so readers see the pattern.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String',
    },
    existingTools: { accessAnalyzer: 'WILDCARD_WITHOUT_LIKE_OPERATOR' },
    messages: {
      literalWildcard: '`{{value}}` holds a wildcard but `{{operator}}` compares it literally: use `{{like}}`',
      arnEqualsWildcard: '`{{value}}` is a pattern: `{{operator}}` matches it as one, but write `{{like}}` to say so',
    },
    messageSeverity: { arnEqualsWildcard: 'info' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const c of s.conditions) {
        const literal = LITERAL.has(c.operator);
        if (!literal && !ARN_EQUALS.has(c.operator)) continue;
        const like = c.operator.includes('Not') ? `${c.operator.startsWith('Arn') ? 'Arn' : 'String'}NotLike` : `${c.operator.startsWith('Arn') ? 'Arn' : 'String'}Like`;
        for (const v of c.values) {
          if (v.template !== undefined || !/[*?]/.test(v.raw)) continue;
          ctx.report({ messageId: literal ? 'literalWildcard' : 'arnEqualsWildcard', pointer: v.pointer, data: { value: v.raw, operator: c.operator, like } });
        }
      }
    }
  },
  cases: {
    valid: [
      { name: 'StringLike with a wildcard', policy: identityPolicy({ Sid: 'Like', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } }) },
      { name: 'StringEquals without wildcards', policy: rootedKeyPolicy({ Sid: 'Eq', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:app': 'billing' } } }) },
      { name: 'an escaped literal asterisk', policy: identityPolicy({ Sid: 'Esc', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:tag': 'a${*}b' } } }) },
    ],
    invalid: [
      {
        name: 'StringNotEquals with a role pattern in a Deny',
        policy: identityPolicy({ Sid: 'D', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin*' } } }),
        errors: [{ messageId: 'literalWildcard', pointer: '/Statement/0/Condition/StringNotEquals/aws:PrincipalArn' }],
      },
      {
        name: 'StringEquals and ArnEquals with patterns',
        policy: rootedKeyPolicy({ Sid: 'P', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-*' }, ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/App?' } } }),
        errors: [
          { messageId: 'literalWildcard', pointer: '/Statement/1/Condition/StringEquals/aws:PrincipalOrgID' },
          { messageId: 'arnEqualsWildcard', pointer: '/Statement/1/Condition/ArnEquals/aws:PrincipalArn' },
        ],
      },
    ],
  },
});
