/**
 * KMS309 null-misuse: the `Null` operator with a set qualifier (`ForAllValues:Null`), a value that is
 * not `true`/`false`, or both values at once (which is true for every request). `Null` tests only
 * whether the key is present: `true` = absent, `false` = present. `Null…IfExists` is reported by
 * the policy reader already (as KMS003), so it is not repeated here.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 */
import { defineRule } from '../src/lint/define-rule.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS309',
  name: 'null-misuse',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: '`Null` with a set qualifier, a `Null` value that is not `true` or `false`, or `Null` given both values.',
      rationale:
        '`Null` only asks whether a key is in the request: `true` means absent, `false` present. A qualifier has no meaning for it, a value such as `"yes"` never matches, and `["true", "false"]` is true for every request, so the condition restricts nothing.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null',
    },
    existingTools: { accessAnalyzer: 'NULL_WITH_IF_EXISTS, NULL_WITH_QUALIFIER', parliament: 'MISMATCHED_TYPE_OPERATION_TO_NULL' },
    messages: {
      nullWithQualifier: '`{{qualifier}}:Null` on `{{key}}`: `Null` takes no set qualifier',
      nullNotBoolean: '`Null` value `{{value}}` for `{{key}}` is not `true` or `false`',
      nullBothValues: '`Null` on `{{key}}` lists both `true` and `false`: the condition is true for every request',
    },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const c of s.conditions) {
        if (c.operator !== 'Null') continue;
        if (c.set !== null) ctx.report({ messageId: 'nullWithQualifier', pointer: c.pointer, data: { qualifier: c.set, key: c.keyAsWritten } });
        const seen = new Set<string>();
        for (const v of c.values) {
          const b = v.raw.toLowerCase();
          if (b === 'true' || b === 'false') seen.add(b);
          else ctx.report({ messageId: 'nullNotBoolean', pointer: v.pointer, data: { value: v.raw, key: c.keyAsWritten } });
        }
        if (seen.size === 2) ctx.report({ messageId: 'nullBothValues', pointer: c.pointer, data: { key: c.keyAsWritten } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'Null false as a guard', policy: identityPolicy({ Sid: 'Ec', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': false } } }) },
      { name: 'Null true in a Deny', policy: rootedKeyPolicy({ Sid: 'NoEc', Effect: 'Deny', Principal: '*', Action: 'kms:Encrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } }) },
    ],
    invalid: [
      {
        name: 'ForAllValues:Null',
        policy: identityPolicy({ Sid: 'Q', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:Null': { 'kms:EncryptionContextKeys': 'false' } } }),
        errors: [{ messageId: 'nullWithQualifier', pointer: '/Statement/0/Condition/ForAllValues:Null/kms:EncryptionContextKeys' }],
      },
      {
        name: 'a word, and both values',
        policy: identityPolicy({ Sid: 'V', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:ViaService': 'no', 'kms:EncryptionContextKeys': ['true', 'false'] } } }),
        errors: [
          { messageId: 'nullNotBoolean', pointer: '/Statement/0/Condition/Null/kms:ViaService' },
          { messageId: 'nullBothValues', pointer: '/Statement/0/Condition/Null/kms:EncryptionContextKeys' },
        ],
      },
    ],
  },
});
