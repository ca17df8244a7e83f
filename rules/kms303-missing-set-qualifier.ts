/**
 * KMS303 missing-set-qualifier: a multi-valued key (`kms:EncryptionContextKeys`,
 * `kms:GrantOperations`, `kms:ResourceAliases`, `aws:TagKeys`, `aws:PrincipalOrgPaths`,
 * `aws:CalledVia`) compared without `ForAnyValue:`/`ForAllValues:`. AWS says to use a set operator
 * with multi-valued keys; without one the result over a list is not what the author reads. `Null`
 * tests presence only and needs no qualifier. Which qualifier was meant is the author's call, and
 * either changes what matches, so both are offered as suggestions.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { conditionKeyInfo } from '../src/catalogue/index.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, moveClause } from '../src/lint/helpers.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const PATH = 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*';
const ec = (Condition: object): object => ({ Sid: 'Ec', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Encrypt', Resource: '*', Condition });
const grant = (Condition: object): object => ({ Sid: 'G', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition });

export default defineRule({
  id: 'KMS303',
  name: 'missing-set-qualifier',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'A multi-valued condition key is used without `ForAnyValue:` or `ForAllValues:`.',
      rationale:
        'Keys such as `kms:EncryptionContextKeys` and `kms:GrantOperations` carry a list of values. Say whether any value or every value must match: `ForAnyValue:` requires at least one match (and the key to be present), `ForAllValues:` requires every value to match (and is true when the key is absent, see KMS302).',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
    },
    existingTools: { accessAnalyzer: 'MISSING_QUALIFIER' },
    messages: {
      missingQualifier: '`{{key}}` has several values per request: write `ForAnyValue:{{operator}}` or `ForAllValues:{{operator}}`',
      addQualifier: 'write `{{qualifier}}:{{operator}}`',
    },
    hasSuggestions: true,
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const c of s.conditions) {
        if (c.set !== null || c.operator === 'Null' || conditionKeyInfo(clauseKey(c))?.multiValued !== true) continue;
        const operator = `${c.operator}${c.ifExists ? 'IfExists' : ''}`;
        const raw = ctx.target.type === 'policy' ? ctx.target.raw : undefined;
        const suggestions = (['ForAnyValue', 'ForAllValues'] as const).flatMap((qualifier) => {
          const fix = moveClause(raw, c, (op) => `${qualifier}:${op}`);
          return fix.length === 0 ? [] : [{ messageId: 'addQualifier' as const, data: { qualifier, operator }, fix }];
        });
        ctx.report({ messageId: 'missingQualifier', pointer: c.pointer, data: { key: c.keyAsWritten, operator }, ...(suggestions.length === 0 ? {} : { suggestions }) });
      }
    }
  },
  cases: {
    valid: [
      { name: 'ForAnyValue on kms:ResourceAliases', policy: identityPolicy({ Sid: 'Alias', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/app' } } }) },
      { name: 'Null needs no qualifier', policy: identityPolicy({ Sid: 'Ec', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': 'app' }, Null: { 'kms:EncryptionContextKeys': 'false' } } }) },
    ],
    invalid: [
      {
        name: 'StringEquals on kms:EncryptionContextKeys',
        policy: rootedKeyPolicy(ec({ StringEquals: { 'kms:EncryptionContextKeys': 'app' } })),
        errors: [
          {
            messageId: 'missingQualifier',
            pointer: '/Statement/1/Condition/StringEquals/kms:EncryptionContextKeys',
            suggestions: [
              { messageId: 'addQualifier', output: rootedKeyPolicy(ec({ 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'app' } })) },
              { messageId: 'addQualifier', output: rootedKeyPolicy(ec({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': 'app' } })) },
            ],
          },
        ],
      },
      {
        name: 'StringLike on aws:PrincipalOrgPaths and StringEquals on kms:GrantOperations',
        policy: identityPolicy(grant({ StringLike: { 'aws:PrincipalOrgPaths': PATH }, StringEquals: { 'kms:GrantOperations': 'Decrypt' } })),
        errors: [
          {
            messageId: 'missingQualifier',
            pointer: '/Statement/0/Condition/StringLike/aws:PrincipalOrgPaths',
            suggestions: [
              { messageId: 'addQualifier', output: identityPolicy(grant({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': PATH }, StringEquals: { 'kms:GrantOperations': 'Decrypt' } })) },
              { messageId: 'addQualifier', output: identityPolicy(grant({ 'ForAllValues:StringLike': { 'aws:PrincipalOrgPaths': PATH }, StringEquals: { 'kms:GrantOperations': 'Decrypt' } })) },
            ],
          },
          {
            messageId: 'missingQualifier',
            pointer: '/Statement/0/Condition/StringEquals/kms:GrantOperations',
            suggestions: [
              { messageId: 'addQualifier', output: identityPolicy(grant({ StringLike: { 'aws:PrincipalOrgPaths': PATH }, 'ForAnyValue:StringEquals': { 'kms:GrantOperations': 'Decrypt' } })) },
              { messageId: 'addQualifier', output: identityPolicy(grant({ StringLike: { 'aws:PrincipalOrgPaths': PATH }, 'ForAllValues:StringEquals': { 'kms:GrantOperations': 'Decrypt' } })) },
            ],
          },
        ],
      },
    ],
  },
});
