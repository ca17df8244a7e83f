/**
 * KMS203 key-policy-resource: a key policy `Resource` other than `"*"` or the key's own ARN (an
 * alias ARN, another key, an S3 ARN), or `NotResource`. In a key policy `"*"` means "this key";
 * anything else may never match, so the statement silently does nothing. Another key's ARN is
 * judged only when the key's own ARN is known.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html#key-policy-elements
 */
import { defineRule } from '../src/lint/define-rule.js';
import { KEY_ARN, ROOT_STATEMENT, keyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS203',
  name: 'key-policy-resource',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key'],
    docs: {
      description: 'A key policy statement names a resource other than `"*"` or the key itself, or uses `NotResource`.',
      rationale: 'A key policy applies to its own key, and AWS documents `"Resource": "*"` there. An alias ARN, another key\'s ARN or an S3 ARN never equals this key, so the statement never applies.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html#key-policy-elements',
    },
    existingTools: { cfnLint: 'E3514 (syntax only)' },
    messages: {
      notThisKey: 'resource `{{resource}}` is not this key: use `"*"` in a key policy',
      notResource: '`NotResource` in a key policy: use `"Resource": "*"`',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    const own = t.keyId?.startsWith('arn:') === true ? t.keyId : undefined;
    for (const s of t.policy.statements) {
      const set = s.resources;
      if (set === undefined) continue;
      if (set.not) {
        ctx.report({ messageId: 'notResource', pointer: set.pointer });
        continue;
      }
      for (const v of set.values) {
        const raw = v.raw.replace(/\s+/g, '');
        if (raw === '*' || raw === own || raw.includes('{{')) continue;
        const isKeyArn = /^arn:[^:]+:kms:[^:]*:[^:]*:key\//.test(raw);
        if (isKeyArn && own === undefined) continue;
        ctx.report({ messageId: 'notThisKey', pointer: v.pointer, data: { resource: v.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: '"*"', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'the key\'s own ARN', keyId: KEY_ARN, policy: keyPolicy({ ...ROOT_STATEMENT, Resource: KEY_ARN }) },
    ],
    invalid: [
      { name: 'alias ARN', policy: keyPolicy({ ...ROOT_STATEMENT, Resource: 'arn:aws:kms:us-east-1:111122223333:alias/app' }), errors: [{ messageId: 'notThisKey', pointer: '/Statement/0/Resource' }] },
      { name: 'another key\'s ARN', keyId: KEY_ARN, policy: keyPolicy({ ...ROOT_STATEMENT, Resource: ['arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000'] }), errors: [{ messageId: 'notThisKey', pointer: '/Statement/0/Resource/0' }] },
      { name: 'NotResource', policy: keyPolicy({ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', NotResource: 'arn:aws:s3:::bucket' }), errors: [{ messageId: 'notResource', pointer: '/Statement/0/NotResource' }] },
    ],
  },
});
