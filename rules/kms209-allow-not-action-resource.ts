/**
 * KMS209 allow-not-action-resource: `Allow` with `NotAction` or `NotResource` allows everything
 * not listed, including actions and keys added later.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
 */
import { defineRule } from '../src/lint/define-rule.js';

const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };

export default defineRule({
  id: 'KMS209',
  name: 'allow-not-action-resource',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    scope: ['key', 'identity', 'boundary', 'session'],
    docs: {
      description: 'An `Allow` statement uses `NotAction` or `NotResource`.',
      rationale:
        '`Allow` with `NotAction` allows every action that is not listed, in every service, and keeps allowing actions AWS adds later; `Allow` with `NotResource` does the same for resources. List what is allowed instead.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
    },
    existingTools: { parliament: 'c:NOTRESOURCE_WITH_ALLOW', cfnNag: 'W15–W17, W21–W23 (IAM only)' },
    messages: {
      allowNotAction: 'statement `{{sid}}` allows every action except those in `NotAction`',
      allowNotResource: 'statement `{{sid}}` allows every resource except those in `NotResource`',
    },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow') continue;
      if (s.actions?.not === true) ctx.report({ messageId: 'allowNotAction', pointer: s.actions.pointer, data: { sid: s.ref.sid } });
      if (s.resources?.not === true) ctx.report({ messageId: 'allowNotResource', pointer: s.resources.pointer, data: { sid: s.ref.sid } });
    }
  },
  cases: {
    valid: [
      { name: 'Action and Resource', policy: { Version: '2012-10-17', Statement: [ROOT] } },
      { name: 'NotAction with Deny (identity policy)', policy: { Version: '2012-10-17', Statement: [{ Sid: 'DenyRest', Effect: 'Deny', NotAction: 'kms:Decrypt', Resource: '*' }] } },
    ],
    invalid: [
      {
        name: 'NotAction with Allow (identity policy)',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'AllButDelete', Effect: 'Allow', NotAction: 'kms:ScheduleKeyDeletion', Resource: '*' }] },
        errors: [{ messageId: 'allowNotAction', pointer: '/Statement/0/NotAction' }],
      },
      {
        name: 'NotResource with Allow (identity policy)',
        kind: 'identity',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'OtherKeys', Effect: 'Allow', Action: 'kms:Decrypt', NotResource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }] },
        errors: [{ messageId: 'allowNotResource', pointer: '/Statement/0/NotResource' }],
      },
    ],
  },
});
