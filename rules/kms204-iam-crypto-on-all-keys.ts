/**
 * KMS204 iam-crypto-on-all-keys: an identity policy (or RCP) allows decryption-class actions
 * (`kms:Decrypt`, `kms:ReEncryptFrom`, or `kms:*`/`*` that include them) on every key
 * (`"*"`, `…:key/*`) without a condition that scopes which keys: `kms:ViaService`,
 * `kms:ResourceAliases`, `aws:ResourceTag/…`, `kms:EncryptionContext…`. Security Hub KMS.1/KMS.2.
 * https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html
 * https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import type { Statement } from '../src/model/policy.js';
import { identityPolicy } from './support/cases.js';

const DECRYPT_CLASS = ['kms:Decrypt', 'kms:ReEncryptFrom'];

function scoped(s: Statement): boolean {
  return s.conditions.some((c) => c.key === 'kms:viaservice' || c.key === 'kms:resourcealiases' || c.key.startsWith('aws:resourcetag/') || c.key.startsWith('kms:encryptioncontext'));
}

export default defineRule({
  id: 'KMS204',
  name: 'iam-crypto-on-all-keys',
  meta: {
    type: 'problem',
    severity: 'warning',
    securitySeverity: 7.0,
    scope: ['identity', 'rcp'],
    docs: {
      description: 'An identity policy allows `kms:Decrypt` or `kms:ReEncryptFrom` on all keys, with no condition narrowing which keys.',
      rationale: 'An identity policy with `Resource: "*"` reaches every key whose key policy trusts IAM, in this account and in any account that shares keys with it. Name the key ARNs, or scope with `kms:ViaService`, `kms:ResourceAliases` or `aws:ResourceTag`.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies-best-practices.html',
    },
    existingTools: { parliament: 'RESOURCE_STAR (gen.)', checkov: 'CKV_AWS_356 (gen.)', trivy: 'AWS-0057 (gen.)', cfnNag: 'W11/W12/W13 (gen.)' },
    messages: { allKeys: 'statement `{{sid}}` allows `{{action}}` on every key (`{{resource}}`) with no key-scoping condition' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || scoped(s) || s.resources === undefined || s.resources.not) continue;
      const actions = expandActions(s.actions);
      const action = DECRYPT_CLASS.find((a) => actions.has(a));
      if (action === undefined) continue;
      for (const v of s.resources.values) {
        const raw = v.raw.replace(/\s+/g, '');
        if (raw === '*' || /^arn:[^:]+:kms:[^:]*:[^:]*:(key\/)?\*$/.test(raw)) ctx.report({ messageId: 'allKeys', pointer: v.pointer, data: { sid: s.ref.sid, action, resource: v.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'a named key', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }) },
      { name: 'all keys, through S3 only', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } }) },
      { name: 'encrypt-only on all keys', policy: identityPolicy({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: '*' }) },
    ],
    invalid: [
      { name: 'Decrypt on "*"', policy: identityPolicy({ Sid: 'Dec', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }), errors: [{ messageId: 'allKeys', pointer: '/Statement/0/Resource' }] },
      { name: 'kms:* on key/*', policy: identityPolicy({ Sid: 'All', Effect: 'Allow', Action: 'kms:*', Resource: ['arn:aws:kms:*:111122223333:key/*'] }), errors: [{ messageId: 'allKeys', pointer: '/Statement/0/Resource/0' }] },
    ],
  },
});
