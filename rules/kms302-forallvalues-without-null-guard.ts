/**
 * KMS302 forallvalues-without-null-guard: an Allow with `ForAllValues:` on a multi-valued key and
 * nothing that requires the key to be present. AWS: ForAllValues "returns true if there are no
 * context keys in the request", so `ForAllValues:StringEquals kms:EncryptionContextKeys` allows a
 * Decrypt with no encryption context at all. A `Null: {key: "false"}` clause, or any `ForAnyValue:`
 * clause on the same key (false when the key is absent), closes it. A negated operator
 * (`ForAllValues:StringNotEquals` = "allow unless a listed value is present") is not reported:
 * allowing a request without the key is then what it says. Access Analyzer only flags the
 * empty-array corner. The fix changes who has access, so it is offered as a suggestion only.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys
 */
import { conditionKeyInfo } from '../src/catalogue/index.js';
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer, clauseKey, valueAt } from '../src/lint/helpers.js';
import type { PatchOp } from '../src/model/diagnostic.js';
import type { ConditionClause, Statement } from '../src/model/policy.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

/** True when another clause of the statement is false whenever `key` is absent. */
function guarded(s: Statement, key: string): boolean {
  return s.conditions.some(
    (c) => clauseKey(c) === key && !c.ifExists && ((c.operator === 'Null' && c.set === null && c.values.length > 0 && c.values.every((v) => v.raw.toLowerCase() === 'false')) || c.set === 'ForAnyValue'),
  );
}

/** The patch adding `Null: {key: "false"}` to the statement's Condition block. */
function nullGuard(raw: unknown, s: Statement, c: ConditionClause): PatchOp[] {
  const condPointer = appendPointer(s.ref.pointer, 'Condition');
  const hasNull = valueAt(raw, appendPointer(condPointer, 'Null'));
  if (typeof hasNull === 'object' && hasNull !== null && !Array.isArray(hasNull)) {
    return [{ op: 'add', path: appendPointer(appendPointer(condPointer, 'Null'), c.keyAsWritten), value: 'false' }];
  }
  return [{ op: 'add', path: appendPointer(condPointer, 'Null'), value: { [c.keyAsWritten]: 'false' } }];
}

const ROLE = { AWS: 'arn:aws:iam::111122223333:role/App' };

export default defineRule({
  id: 'KMS302',
  name: 'forallvalues-without-null-guard',
  meta: {
    type: 'problem',
    severity: 'warning',
    securitySeverity: 6.0,
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'An Allow uses `ForAllValues:` on a multi-valued key (`kms:EncryptionContextKeys`, `kms:GrantOperations`, `kms:ResourceAliases`, `aws:TagKeys`) without a `Null: {key: "false"}` guard in the same statement.',
      rationale:
        '`ForAllValues` is vacuously true when the request does not carry the key, so the condition meant to restrict the encryption context also allows requests with no encryption context at all. Add `"Null": {"<key>": "false"}` to the same statement so the key must be present.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
    },
    existingTools: { accessAnalyzer: '(part.) EMPTY_ARRAY_CONDITION_FORALLVALUES (empty arrays only)' },
    messages: {
      missingNullGuard: '`ForAllValues:{{operator}}` on `{{key}}` is true when the request has no `{{key}}`: add a `Null` guard',
      addNullGuard: 'add `"Null": {"{{key}}": "false"}` to the statement',
    },
    hasSuggestions: true,
  },
  check(ctx) {
    const raw = ctx.target.type === 'policy' ? ctx.target.raw : undefined;
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow') continue;
      for (const c of s.conditions) {
        if (c.set !== 'ForAllValues' || c.operator.includes('Not') || conditionKeyInfo(clauseKey(c))?.multiValued !== true || guarded(s, clauseKey(c))) continue;
        ctx.report({
          messageId: 'missingNullGuard',
          pointer: c.pointer,
          data: { operator: `${c.operator}${c.ifExists ? 'IfExists' : ''}`, key: c.keyAsWritten },
          suggestions: [{ messageId: 'addNullGuard', data: { key: c.keyAsWritten }, fix: nullGuard(raw, s, c) }],
        });
      }
    }
  },
  cases: {
    valid: [
      {
        name: 'ForAllValues with a Null guard',
        policy: identityPolicy({ Sid: 'Ec', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app', 'env'] }, Null: { 'kms:EncryptionContextKeys': 'false' } } }),
      },
      {
        name: 'ForAllValues together with ForAnyValue on the same key',
        policy: rootedKeyPolicy({ Sid: 'Ec', Effect: 'Allow', Principal: ROLE, Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app', 'env'] }, 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'app' } } }),
      },
      {
        name: 'a negated ForAllValues in an Allow means what it says without the key',
        policy: identityPolicy({ Sid: 'NoSecret', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringNotEquals': { 'kms:EncryptionContextKeys': ['secret'] } } }),
      },
      {
        name: 'in a Deny, a vacuous ForAllValues only denies more',
        policy: identityPolicy({ Sid: 'D', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringNotEquals': { 'kms:EncryptionContextKeys': ['app'] } } }),
      },
    ],
    invalid: [
      {
        name: 'Decrypt with no encryption context passes ForAllValues',
        policy: rootedKeyPolicy({ Sid: 'Ec', Effect: 'Allow', Principal: ROLE, Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app'] } } }),
        errors: [
          {
            messageId: 'missingNullGuard',
            pointer: '/Statement/1/Condition/ForAllValues:StringEquals/kms:EncryptionContextKeys',
            suggestions: [
              {
                messageId: 'addNullGuard',
                output: rootedKeyPolicy({ Sid: 'Ec', Effect: 'Allow', Principal: ROLE, Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app'] }, Null: { 'kms:EncryptionContextKeys': 'false' } } }),
              },
            ],
          },
        ],
      },
      {
        name: 'a Null guard on another key does not count; the existing Null block is extended',
        policy: identityPolicy({ Sid: 'Grant', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] }, Null: { 'kms:GranteePrincipal': 'false' } } }),
        errors: [
          {
            messageId: 'missingNullGuard',
            pointer: '/Statement/0/Condition/ForAllValues:StringEquals/kms:GrantOperations',
            suggestions: [
              {
                messageId: 'addNullGuard',
                output: identityPolicy({ Sid: 'Grant', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] }, Null: { 'kms:GranteePrincipal': 'false', 'kms:GrantOperations': 'false' } } }),
              },
            ],
          },
        ],
      },
    ],
  },
});
