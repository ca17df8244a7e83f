/**
 * KMS202 non-kms-action-in-key-policy: a key policy lists actions of other services. A key policy
 * only controls access to its key, so `s3:*` or `iam:PassRole` there has no effect and usually
 * means a policy was pasted into the wrong place. `"*"` is fine (it means every KMS action here).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { ROOT_STATEMENT, rootedKeyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS202',
  name: 'non-kms-action-in-key-policy',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    scope: ['key'],
    docs: {
      description: 'A key policy names actions of a service other than KMS.',
      rationale: 'A key policy is a resource policy of one KMS key: only `kms:` actions can ever apply. Other actions are dead text that suggests the author expected them to do something.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
    },
    existingTools: {},
    messages: { nonKmsAction: 'action `{{action}}` has no effect in a key policy' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const v of s.actions?.values ?? []) {
        const prefix = v.raw.replace(/\s+/g, '').split(':')[0]?.toLowerCase() ?? '';
        if (v.raw.trim() !== '*' && v.raw.includes(':') && prefix !== 'kms' && !/[*?]/.test(prefix)) ctx.report({ messageId: 'nonKmsAction', pointer: v.pointer, data: { action: v.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'kms actions only', policy: rootedKeyPolicy() },
      { name: '"*" is every KMS action here', policy: rootedKeyPolicy({ ...ROOT_STATEMENT, Sid: 'Star', Action: '*' }) },
    ],
    invalid: [
      {
        name: 's3 action',
        policy: rootedKeyPolicy({ Sid: 'S3', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: ['kms:Decrypt', 's3:GetObject'], Resource: '*' }),
        errors: [{ messageId: 'nonKmsAction', pointer: '/Statement/1/Action/1' }],
      },
      {
        name: 'iam:PassRole',
        policy: rootedKeyPolicy({ Sid: 'Pass', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'iam:PassRole', Resource: '*' }),
        errors: [{ messageId: 'nonKmsAction', pointer: '/Statement/1/Action' }],
      },
    ],
  },
});
