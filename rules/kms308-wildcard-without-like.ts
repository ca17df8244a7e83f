/**
 * KMS308 wildcard-without-like: `*` or `?` in a value compared by `StringEquals` (and its negated
 * and IgnoreCase forms), where they are literal characters, not wildcards; switching to
 * `StringLike` changes what matches, so it is a suggestion. For `ArnEquals`/`ArnNotEquals` AWS
 * documents the same matching as `ArnLike`/`ArnNotLike`, so the wildcard does work there: an info,
 * with a safe fix that only renames the operator (reported once per clause, so fixes never overlap). `${*}`/`${?}` escapes are literal on
 * purpose and are skipped with every other policy variable.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import { defineRule } from '../src/lint/define-rule.js';
import { moveClause } from '../src/lint/helpers.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const patterned = (Condition: object): object => ({ Sid: 'P', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition });

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
      useLike: 'compare with `{{like}}`',
    },
    messageSeverity: { arnEqualsWildcard: 'info' },
    fixable: true,
    hasSuggestions: true,
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const c of s.conditions) {
        const literal = LITERAL.has(c.operator);
        if (!literal && !ARN_EQUALS.has(c.operator)) continue;
        const like = `${c.operator.startsWith('Arn') ? 'Arn' : 'String'}${c.operator.includes('Not') ? 'NotLike' : 'Like'}`;
        const patterns = c.values.filter((v) => v.template === undefined && /[*?]/.test(v.raw));
        const raw = ctx.target.type === 'policy' ? ctx.target.raw : undefined;
        const fix = patterns.length === 0 ? [] : moveClause(raw, c, (op) => op.replace(c.operator, like));
        const data = (value: string): Record<string, string> => ({ value, operator: c.operator, like });
        if (!literal) {
          const first = patterns[0];
          if (first !== undefined) ctx.report({ messageId: 'arnEqualsWildcard', pointer: first.pointer, data: data(first.raw), ...(fix.length === 0 ? {} : { fix }) });
          continue;
        }
        for (const v of patterns) {
          ctx.report({ messageId: 'literalWildcard', pointer: v.pointer, data: data(v.raw), ...(fix.length === 0 ? {} : { suggestions: [{ messageId: 'useLike', data: { like }, fix }] }) });
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
        errors: [
          {
            messageId: 'literalWildcard',
            pointer: '/Statement/0/Condition/StringNotEquals/aws:PrincipalArn',
            suggestions: [{ messageId: 'useLike', output: identityPolicy({ Sid: 'D', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin*' } } }) }],
          },
        ],
      },
      {
        name: 'StringEquals and ArnEquals with patterns',
        policy: rootedKeyPolicy(patterned({ StringEquals: { 'aws:PrincipalOrgID': 'o-*' }, ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/App?', 'arn:aws:iam::111122223333:role/Ops*'] } })),
        errors: [
          {
            messageId: 'literalWildcard',
            pointer: '/Statement/1/Condition/StringEquals/aws:PrincipalOrgID',
            suggestions: [{ messageId: 'useLike', output: rootedKeyPolicy(patterned({ StringLike: { 'aws:PrincipalOrgID': 'o-*' }, ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/App?', 'arn:aws:iam::111122223333:role/Ops*'] } })) }],
          },
          {
            messageId: 'arnEqualsWildcard',
            pointer: '/Statement/1/Condition/ArnEquals/aws:PrincipalArn/0',
            output: rootedKeyPolicy(patterned({ StringEquals: { 'aws:PrincipalOrgID': 'o-*' }, ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/App?', 'arn:aws:iam::111122223333:role/Ops*'] } })),
          },
        ],
      },
    ],
  },
});
