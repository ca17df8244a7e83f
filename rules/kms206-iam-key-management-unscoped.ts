/**
 * KMS206 iam-key-management-unscoped: an identity policy allows key-management actions
 * (PutKeyPolicy, CreateGrant, ScheduleKeyDeletion, DisableKey, ImportKeyMaterial,
 * DeleteImportedKeyMaterial, ReplicateKey, UpdatePrimaryRegion) on `"*"` with no condition.
 * Granted by `kms:*`/`*` it is KMS205's finding, so only narrower values are reported here.
 * https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html
 */
import { actionsMatching } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { identityPolicy } from './support/cases.js';

const MANAGEMENT = new Set(['kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:ImportKeyMaterial', 'kms:DeleteImportedKeyMaterial', 'kms:ReplicateKey', 'kms:UpdatePrimaryRegion']);

export default defineRule({
  id: 'KMS206',
  name: 'iam-key-management-unscoped',
  meta: {
    type: 'problem',
    severity: 'warning',
    securitySeverity: 7.0,
    scope: ['identity'],
    docs: {
      description: 'An identity policy allows key-management actions on every key without a condition.',
      rationale: 'PutKeyPolicy, CreateGrant, ScheduleKeyDeletion and the like change who can use a key or destroy it. On `Resource: "*"` they reach every key that trusts IAM. Name the keys, or add `aws:ResourceTag` conditions.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html',
    },
    existingTools: { parliament: 'c:PERMISSIONS_MANAGEMENT_ACTIONS', checkov: 'CKV_AWS_109/111 (gen.)' },
    messages: { managementOnAllKeys: '`{{action}}` allows `{{management}}` on every key with no condition' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || s.conditions.length > 0 || s.actions === undefined || s.actions.not) continue;
      if (!(s.resources?.values.some((v) => v.raw.trim() === '*') ?? false)) continue;
      for (const v of s.actions.values) {
        const raw = v.raw.replace(/\s+/g, '').toLowerCase();
        if (raw === '*' || raw === 'kms:*') continue;
        const hit = actionsMatching(v.raw).map((a) => a.name).filter((n) => MANAGEMENT.has(n));
        if (hit.length > 0) ctx.report({ messageId: 'managementOnAllKeys', pointer: v.pointer, data: { action: v.raw, management: hit.join('`, `') } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'management on a named key', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:PutKeyPolicy', Resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }) },
      { name: 'management on tagged keys', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } } }) },
    ],
    invalid: [
      { name: 'ScheduleKeyDeletion on "*"', policy: identityPolicy({ Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:ScheduleKeyDeletion'], Resource: '*' }), errors: [{ messageId: 'managementOnAllKeys', pointer: '/Statement/0/Action/1' }] },
      { name: 'kms:Put* on "*"', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Put*', Resource: '*' }), errors: [{ messageId: 'managementOnAllKeys', pointer: '/Statement/0/Action' }] },
    ],
  },
});
