/**
 * KMS105 dangling-principal-id: a principal written as a unique id (`AROA…`, `AIDA…`). KMS shows
 * a principal this way when the role or user it named was deleted; recreating a role of the same
 * name does not restore access, because the policy now holds the old role's id.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
 */
import { defineRule } from '../src/lint/define-rule.js';
import { principalEntries } from '../src/lint/helpers.js';

const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
/** IAM unique-id prefixes of users (AIDA) and roles (AROA), as IAM documents them. */
const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{12,}$/;

export default defineRule({
  id: 'KMS105',
  name: 'dangling-principal-id',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key'],
    docs: {
      description: 'A key policy principal is an IAM unique id (`AROA…`, `AIDA…`) instead of an ARN.',
      rationale:
        'When a role or user named in a key policy is deleted, the policy shows its unique id instead of its ARN. The statement then matches nobody, and a new role with the same name does not get the access back. Replace the id with the ARN of the principal that should have access, or remove the statement.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
    },
    existingTools: { accessAnalyzer: 'INVALID_ROLE_REFERENCE, INVALID_USER_REFERENCE' },
    messages: { uniqueId: 'principal `{{id}}` is a {{what}} unique id: the {{what}} it named was probably deleted' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const e of principalEntries(s)) {
        if (e.type === 'AWS' && UNIQUE_ID.test(e.raw)) ctx.report({ messageId: 'uniqueId', pointer: e.pointer, data: { id: e.raw, what: e.raw.startsWith('AROA') ? 'role' : 'user' } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'role ARN', policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Decrypt', Resource: '*' }] } },
      { name: 'account id', policy: { Version: '2012-10-17', Statement: [{ Sid: 'Acct', Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kms:*', Resource: '*' }] } },
    ],
    invalid: [
      {
        name: 'deleted role',
        policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'AROAJQABLZS4A3QDU576Q' }, Action: 'kms:Decrypt', Resource: '*' }] },
        errors: [{ messageId: 'uniqueId', pointer: '/Statement/1/Principal/AWS' }],
      },
      {
        name: 'deleted user in a list',
        policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'Use', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:role/App', 'AIDAJQABLZS4A3QDU576Q'] }, Action: 'kms:Decrypt', Resource: '*' }] },
        errors: [{ messageId: 'uniqueId', pointer: '/Statement/1/Principal/AWS/1' }],
      },
    ],
  },
});
