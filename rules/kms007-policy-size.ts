/**
 * KMS007 policy-size: the policy is over AWS's size quota and will be rejected on deployment.
 * Key policy: 32 KB (32,768 bytes), https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html#key-policy-limit
 * Managed IAM policy: 6,144 characters, whitespace not counted; SCP and RCP: 5,120 characters,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
 * AWS is silent on how a template's policy object is serialized before counting; we count the
 * compact JSON (what CloudFormation and Terraform send), or the string as written when the policy
 * was a string.
 */
import { defineRule } from '../src/lint/define-rule.js';
import type { PolicyKind } from '../src/model/refs.js';
import { ROOT_STATEMENT, keyPolicy } from './support/cases.js';

/** Quota per kind: the limit and how it is measured. */
const QUOTAS: Partial<Record<PolicyKind, { limit: number; unit: 'bytes' | 'characters' }>> = {
  key: { limit: 32_768, unit: 'bytes' },
  identity: { limit: 6_144, unit: 'characters' },
  boundary: { limit: 6_144, unit: 'characters' },
  scp: { limit: 5_120, unit: 'characters' },
  rcp: { limit: 5_120, unit: 'characters' },
};

function statementsOfSize(n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({ Sid: `S${String(i)}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::111122223333:role/application-role-number-${String(i)}` }, Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey'], Resource: '*' }));
}

export default defineRule({
  id: 'KMS007',
  name: 'policy-size',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'boundary', 'scp', 'rcp'],
    docs: {
      description: 'The policy is larger than AWS accepts: key policy 32,768 bytes, managed IAM policy 6,144 characters (whitespace excluded), SCP/RCP 5,120 characters.',
      rationale: 'An oversized policy fails at deployment (`LimitExceededException` / `MalformedPolicyDocumentException`), often late in a pipeline. Key policies grow with per-principal statements; move principals to IAM roles or grants.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html',
    },
    existingTools: { accessAnalyzer: 'POLICY_SIZE_EXCEEDS_* (generic quota)' },
    messages: { tooLarge: '{{kind}} policy is {{size}} {{unit}}, over the quota of {{limit}}' },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    const quota = QUOTAS[t.kind];
    if (quota === undefined) return;
    const text = t.embeddedAsString && t.text !== undefined ? t.text : JSON.stringify(t.raw);
    const size = quota.unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.replace(/\s/g, '').length;
    if (size > quota.limit) ctx.report({ messageId: 'tooLarge', pointer: '', data: { kind: t.kind, size, unit: quota.unit, limit: quota.limit } });
  },
  cases: {
    valid: [
      { name: 'a small key policy', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'a key policy of about 31 KB', policy: keyPolicy(ROOT_STATEMENT, ...statementsOfSize(170)) },
    ],
    invalid: [
      { name: 'a key policy over 32 KB', policy: keyPolicy(ROOT_STATEMENT, ...statementsOfSize(260)), errors: [{ messageId: 'tooLarge', pointer: '' }] },
      {
        name: 'an identity policy over 6,144 characters',
        kind: 'identity',
        policy: { Version: '2012-10-17', Statement: Array.from({ length: 60 }, (_, i) => ({ Sid: `S${String(i)}`, Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: `arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-${String(i).padStart(12, '0')}` })) },
        errors: [{ messageId: 'tooLarge', pointer: '' }],
      },
    ],
  },
});
