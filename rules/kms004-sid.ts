/**
 * KMS004 sid: a duplicate or empty `Sid`, or, outside key policies, one that is not alphanumeric.
 * IAM policies accept only ASCII letters and digits in a Sid; key policies accept spaces (the
 * default key policy's "Enable IAM User Permissions"), so only duplicates and empty Sids are
 * flagged there.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer, valueAt } from '../src/lint/helpers.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import { ROOT_STATEMENT, identityPolicy, keyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS004',
  name: 'sid',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'A statement `Sid` is duplicated, empty, or (in an IAM policy) not alphanumeric.',
      rationale:
        'Sids name statements in findings, explanations and CloudTrail-driven reviews; duplicates make those references ambiguous, and IAM rejects non-alphanumeric Sids in identity policies and SCPs.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html',
    },
    existingTools: { accessAnalyzer: 'UNIQUE_SIDS_REQUIRED/RECOMMENDED, UNSUPPORTED_SID, EMPTY_SID_VALUE', parliament: 'DUPLICATE_SID, INVALID_SID', cfnLint: 'E3512' },
    messages: {
      readProblem: '{{message}}',
      emptySid: 'statement has an empty `Sid`',
      nonAlphanumericSid: 'Sid `{{sid}}` may contain only ASCII letters and digits in a {{kind}} policy',
    },
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS004', 'readProblem');
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    for (const s of t.policy.statements) {
      const raw = valueAt(t.raw, s.ref.pointer);
      const sid = typeof raw === 'object' && raw !== null ? (raw as { Sid?: unknown }).Sid : undefined;
      if (typeof sid !== 'string') continue;
      const pointer = appendPointer(s.ref.pointer, 'Sid');
      if (sid === '') ctx.report({ messageId: 'emptySid', pointer });
      else if (t.kind !== 'key' && !/^[A-Za-z0-9]+$/.test(sid)) ctx.report({ messageId: 'nonAlphanumericSid', pointer, data: { sid, kind: t.kind } });
    }
  },
  cases: {
    valid: [
      { name: 'key policy Sid with spaces', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'alphanumeric identity-policy Sids', policy: identityPolicy({ Sid: 'Decrypt1', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }, { Sid: 'Encrypt2', Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }) },
    ],
    invalid: [
      {
        name: 'duplicate Sid',
        policy: keyPolicy(ROOT_STATEMENT, { ...ROOT_STATEMENT, Action: 'kms:Decrypt' }),
        errors: [{ messageId: 'readProblem', pointer: '/Statement/1/Sid' }],
      },
      {
        name: 'empty Sid',
        policy: keyPolicy({ ...ROOT_STATEMENT, Sid: '' }),
        errors: [{ messageId: 'emptySid', pointer: '/Statement/0/Sid' }],
      },
      {
        name: 'spaces in an identity-policy Sid',
        policy: identityPolicy({ Sid: 'Allow decrypt', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
        errors: [{ messageId: 'nonAlphanumericSid', pointer: '/Statement/0/Sid' }],
      },
    ],
  },
});
