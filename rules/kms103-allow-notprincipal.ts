/**
 * KMS103 allow-notprincipal: `Allow` with `NotPrincipal` grants every principal except those
 * listed, including anonymous and other-account callers. AWS advises against it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
import { defineRule } from '../src/lint/define-rule.js';

const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };

export default defineRule({
  id: 'KMS103',
  name: 'allow-notprincipal',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 8.0,
    scope: ['key'],
    docs: {
      description: 'A key policy statement combines `Effect: Allow` with `NotPrincipal`.',
      rationale:
        '`NotPrincipal` with `Allow` allows every principal that is not listed, in any account, so the statement is far wider than it reads. List the principals that need access in `Principal` instead; keep `NotPrincipal` for `Deny` statements.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
    },
    existingTools: { accessAnalyzer: 'ALLOW_WITH_NOT_PRINCIPAL', parliament: 'c:NOTPRINCIPAL_WITH_ALLOW', cfnNag: 'F6–F9 (non-KMS types only)' },
    messages: { allowNotPrincipal: 'statement `{{sid}}` allows every principal except those in `NotPrincipal`' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect === 'Allow' && s.principals?.not === true) ctx.report({ messageId: 'allowNotPrincipal', pointer: s.principals.pointer, data: { sid: s.ref.sid } });
    }
  },
  cases: {
    valid: [
      { name: 'Principal with Allow', policy: { Version: '2012-10-17', Statement: [ROOT] } },
      {
        name: 'NotPrincipal with Deny',
        policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'DenyOthers', Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/Admin' }, Action: 'kms:ScheduleKeyDeletion', Resource: '*' }] },
      },
    ],
    invalid: [
      {
        name: 'NotPrincipal with Allow',
        policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'AllButBob', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/Bob' }, Action: 'kms:Decrypt', Resource: '*' }] },
        errors: [{ messageId: 'allowNotPrincipal', pointer: '/Statement/1/NotPrincipal' }],
      },
      {
        name: 'a statement without Sid is named by its index',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: 'kms:*', Resource: '*' }] },
        errors: [{ messageId: 'allowNotPrincipal', pointer: '/Statement/0/NotPrincipal' }],
      },
    ],
  },
});
