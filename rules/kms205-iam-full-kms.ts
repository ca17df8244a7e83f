/**
 * KMS205 iam-full-kms: an identity policy allows `kms:*` (or `*`), i.e. every KMS action,
 * including key deletion and key policy changes. Prowler's iam_*_no_full_access_to_kms.
 * https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { identityPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS205',
  name: 'iam-full-kms',
  meta: {
    type: 'problem',
    severity: 'warning',
    securitySeverity: 7.0,
    scope: ['identity'],
    docs: {
      description: 'An identity policy allows `kms:*` or `*`.',
      rationale: 'Full KMS access includes `kms:ScheduleKeyDeletion`, `kms:PutKeyPolicy` and `kms:CreateGrant` on every key that trusts IAM. Grant the actions the principal needs.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html',
    },
    existingTools: { checkov: 'CKV_AWS_1/49 (* only)', trivy: 'AWS-0057 (gen.)', prowler: 'iam_policy_no_full_access_to_kms, iam_inline_policy_no_full_access_to_kms', cfnNag: 'F3/F4/F5 (* only)' },
    messages: { fullKms: 'statement `{{sid}}` allows every KMS action (`{{action}}`)' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || s.actions === undefined || s.actions.not) continue;
      for (const v of s.actions.values) {
        const raw = v.raw.replace(/\s+/g, '').toLowerCase();
        if (raw === '*' || raw === 'kms:*') ctx.report({ messageId: 'fullKms', pointer: v.pointer, data: { sid: s.ref.sid, action: v.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'named actions', policy: identityPolicy({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' }) },
      { name: 'kms:* denied', policy: identityPolicy({ Effect: 'Deny', Action: 'kms:*', Resource: '*' }) },
    ],
    invalid: [
      { name: 'kms:*', policy: identityPolicy({ Sid: 'Kms', Effect: 'Allow', Action: 'kms:*', Resource: '*' }), errors: [{ messageId: 'fullKms', pointer: '/Statement/0/Action' }] },
      { name: '"*"', policy: identityPolicy({ Sid: 'Admin', Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: '*' }), errors: [{ messageId: 'fullKms', pointer: '/Statement/0/Action/1' }] },
    ],
  },
});
