/**
 * KMS304 ifexists-on-scoping-key: an Allow scoped by `…IfExists` on a key that is meant to say who
 * or where the caller is (`kms:CallerAccount`, `kms:ViaService`, `aws:PrincipalOrgID`,
 * `aws:SourceVpce`, …). AWS: with IfExists, "if the key is not present … the condition is true",
 * so a request without the key (a direct call for `kms:ViaService`, any call outside a VPC
 * endpoint for `aws:SourceVpce`) is allowed unscoped. An Allow with `Null: {key: "true"}` is the
 * same hole written another way. In a Deny, IfExists with a negated operator is the documented
 * pattern and is not reported. Dropping `IfExists` is offered as a suggestion: it changes who
 * gets in (callers without the key no longer do).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, moveClause } from '../src/lint/helpers.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

/** Keys whose purpose in an Allow is to scope who or where the caller is. */
const SCOPING = new Set([
  'kms:calleraccount', 'kms:viaservice', 'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn',
  'aws:sourcevpce', 'aws:sourcevpc', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast',
]);

const ROLE = { AWS: 'arn:aws:iam::111122223333:role/App' };
const viaS3 = (Condition: object): object => ({ Sid: 'Via', Effect: 'Allow', Principal: ROLE, Action: 'kms:Decrypt', Resource: '*', Condition });

export default defineRule({
  id: 'KMS304',
  name: 'ifexists-on-scoping-key',
  meta: {
    type: 'problem',
    severity: 'warning',
    securitySeverity: 6.0,
    scope: ['key', 'identity'],
    docs: {
      description: 'An Allow uses `…IfExists` (or `Null: true`) on a key meant to scope it (`kms:CallerAccount`, `kms:ViaService`, `aws:PrincipalOrgID`, `aws:SourceVpce`), so requests without the key are allowed unscoped.',
      rationale:
        'With `IfExists`, a missing key makes the condition true. `kms:ViaService` is absent on direct calls and `aws:SourceVpce` on calls that do not cross a VPC endpoint, so the statement allows exactly the requests it was written to keep out. Use the operator without `IfExists` in an Allow.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
    },
    existingTools: { accessAnalyzer: '(part.) EMPTY_ARRAY_CONDITION_IFEXISTS' },
    messages: {
      ifExists: '`{{operator}}IfExists` on `{{key}}` allows every request that does not carry `{{key}}`',
      nullTrue: '`Null: {"{{key}}": "true"}` allows exactly the requests that do not carry `{{key}}`',
      dropIfExists: 'write `{{operator}}` without `IfExists`',
    },
    hasSuggestions: true,
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow') continue;
      for (const c of s.conditions) {
        if (!SCOPING.has(clauseKey(c))) continue;
        if (c.ifExists) {
          const fix = ctx.target.type === 'policy' ? moveClause(ctx.target.raw, c, (op) => op.replace(/IfExists$/, '')) : [];
          const operator = `${c.set === null ? '' : `${c.set}:`}${c.operator}`;
          ctx.report({
            messageId: 'ifExists', pointer: c.pointer, data: { operator: c.operator, key: c.keyAsWritten },
            ...(fix.length === 0 ? {} : { suggestions: [{ messageId: 'dropIfExists', data: { operator }, fix }] }),
          });
        }
        else if (c.operator === 'Null' && c.values.some((v) => v.raw.toLowerCase() === 'true')) ctx.report({ messageId: 'nullTrue', pointer: c.pointer, data: { key: c.keyAsWritten } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'exact ViaService in an Allow', policy: rootedKeyPolicy({ Sid: 'Ebs', Effect: 'Allow', Principal: ROLE, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }) },
      {
        name: 'IfExists with a negated operator in a Deny (the documented pattern)',
        policy: identityPolicy({ Sid: 'OrgOnly', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-exampleorgid' } } }),
      },
      { name: 'IfExists on a key that does not scope the caller', policy: identityPolicy({ Sid: 'Mfa', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } }) },
    ],
    invalid: [
      {
        name: 'StringEqualsIfExists on kms:ViaService',
        policy: rootedKeyPolicy(viaS3({ StringEqualsIfExists: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } })),
        errors: [
          {
            messageId: 'ifExists',
            pointer: '/Statement/1/Condition/StringEqualsIfExists/kms:ViaService',
            suggestions: [{ messageId: 'dropIfExists', output: rootedKeyPolicy(viaS3({ StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } })) }],
          },
        ],
      },
      {
        name: 'VPC endpoint scoping with IfExists, and a Null:true alternative on kms:CallerAccount',
        policy: identityPolicy({ Sid: 'Vpce', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, Null: { 'kms:CallerAccount': 'true' } } }),
        errors: [
          {
            messageId: 'ifExists',
            pointer: '/Statement/0/Condition/StringEqualsIfExists/aws:SourceVpce',
            suggestions: [{ messageId: 'dropIfExists', output: identityPolicy({ Sid: 'Vpce', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:CallerAccount': 'true' }, StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }) }],
          },
          { messageId: 'nullTrue', pointer: '/Statement/0/Condition/Null/kms:CallerAccount' },
        ],
      },
    ],
  },
});
