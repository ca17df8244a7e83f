/**
 * KMS301 forallvalues-single-valued: a set operator (`ForAllValues:`/`ForAnyValue:`) on a key that
 * holds one value per request. `ForAllValues` is true when the key is absent, so in an Allow it
 * admits requests without the key; KMS itself rejects `ForAllValues` with `kms:EncryptionContext:*`
 * (OverlyPermissiveCondition). Single- vs multi-valued comes from the catalogue (AWS's Value type
 * column). In a Deny the statement is only weaker, so it is a warning there.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { conditionKeyInfo } from '../src/catalogue/index.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, moveClause } from '../src/lint/helpers.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const useWith = (Condition: object): object => ({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Decrypt', Resource: '*', Condition });
const via = (Condition: object): object => ({ Sid: 'Via', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition });

export default defineRule({
  id: 'KMS301',
  name: 'forallvalues-single-valued',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: '`ForAllValues:` or `ForAnyValue:` is used with a single-valued condition key such as `kms:CallerAccount`, `kms:ViaService`, `kms:EncryptionContext:<k>` or `aws:PrincipalOrgID`.',
      rationale:
        'Set operators are for keys that carry a list. On a single-valued key, `ForAllValues` is true when the key is missing, so an Allow matches requests that do not carry the key at all (for example a Decrypt with no encryption context); KMS refuses such a key policy for `kms:EncryptionContext:*`. Use the plain operator (`StringEquals`).',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html',
    },
    existingTools: {
      accessAnalyzer: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
      parliament: 'c:SINGLE_VALUE_CONDITION_TOO_PERMISSIVE (global keys only)',
    },
    messages: {
      setOnSingleValued: '`{{qualifier}}` is used with `{{key}}`, which has a single value: in an Allow, `ForAllValues` also matches requests without the key',
      setOnSingleValuedDeny: '`{{qualifier}}` is used with `{{key}}`, which has a single value: use the operator without the set qualifier',
      dropQualifier: 'write `{{operator}}` without `{{qualifier}}:`',
    },
    // Dropping the qualifier changes which requests match, so it is a suggestion, never applied by --fix.
    hasSuggestions: true,
    messageSeverity: { setOnSingleValuedDeny: 'warning' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const c of s.conditions) {
        if (c.set === null) continue;
        const info = conditionKeyInfo(clauseKey(c));
        if (info === undefined || info.multiValued) continue;
        const fix = ctx.target.type === 'policy' ? moveClause(ctx.target.raw, c, (op) => op.slice(op.indexOf(':') + 1)) : [];
        const operator = `${c.operator}${c.ifExists ? 'IfExists' : ''}`;
        ctx.report({
          messageId: s.effect === 'Allow' ? 'setOnSingleValued' : 'setOnSingleValuedDeny', pointer: c.pointer, data: { qualifier: c.set, key: c.keyAsWritten },
          ...(fix.length === 0 ? {} : { suggestions: [{ messageId: 'dropQualifier', data: { operator, qualifier: c.set }, fix }] }),
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: 'plain StringEquals on an encryption context key',
        policy: rootedKeyPolicy({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:app': 'billing' } } }),
      },
      {
        name: 'ForAllValues on the multi-valued kms:EncryptionContextKeys',
        policy: identityPolicy({ Sid: 'Keys', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app'] }, Null: { 'kms:EncryptionContextKeys': 'false' } } }),
      },
      {
        name: 'an unknown key is left to KMS307',
        policy: identityPolicy({ Sid: 'Other', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 's3:prefix': ['a/'] } } }),
      },
    ],
    invalid: [
      {
        name: 'ForAllValues on kms:EncryptionContext:<k> in an Allow',
        policy: rootedKeyPolicy(useWith({ 'ForAllValues:StringEquals': { 'kms:EncryptionContext:app': 'billing' } })),
        errors: [
          {
            messageId: 'setOnSingleValued',
            pointer: '/Statement/1/Condition/ForAllValues:StringEquals/kms:EncryptionContext:app',
            suggestions: [{ messageId: 'dropQualifier', output: rootedKeyPolicy(useWith({ StringEquals: { 'kms:EncryptionContext:app': 'billing' } })) }],
          },
        ],
      },
      {
        name: 'ForAnyValue on kms:ViaService and aws:PrincipalOrgID, next to a plain StringEquals block',
        policy: identityPolicy(via({ 'ForAnyValue:StringEquals': { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'aws:PrincipalOrgID': 'o-exampleorgid' }, StringEquals: { 'kms:CallerAccount': '111122223333' } })),
        errors: [
          {
            messageId: 'setOnSingleValued',
            pointer: '/Statement/0/Condition/ForAnyValue:StringEquals/kms:ViaService',
            suggestions: [{ messageId: 'dropQualifier', output: identityPolicy(via({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-exampleorgid' }, StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } })) }],
          },
          {
            messageId: 'setOnSingleValued',
            pointer: '/Statement/0/Condition/ForAnyValue:StringEquals/aws:PrincipalOrgID',
            suggestions: [{ messageId: 'dropQualifier', output: identityPolicy(via({ 'ForAnyValue:StringEquals': { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' }, StringEquals: { 'kms:CallerAccount': '111122223333', 'aws:PrincipalOrgID': 'o-exampleorgid' } })) }],
          },
        ],
      },
      {
        name: 'a Deny with ForAllValues on kms:CallerAccount is weaker than meant',
        policy: identityPolicy({ Sid: 'D', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { 'ForAllValues:StringNotEquals': { 'kms:CallerAccount': '111122223333' } } }),
        errors: [
          {
            messageId: 'setOnSingleValuedDeny',
            pointer: '/Statement/0/Condition/ForAllValues:StringNotEquals/kms:CallerAccount',
            suggestions: [{ messageId: 'dropQualifier', output: identityPolicy({ Sid: 'D', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': '111122223333' } } }) }],
          },
        ],
      },
    ],
  },
});
