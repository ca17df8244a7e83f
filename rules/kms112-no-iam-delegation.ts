/**
 * KMS112 no-iam-delegation: the key policy has no Allow for the account root, so IAM policies in
 * the account cannot grant access to the key and account administrators cannot recover access.
 * Intentional for high-assurance keys, hence info.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 */
import { defineRule } from '../src/lint/define-rule.js';
import { isWholePolicy, isAccountRoot, ownerAccountOf, principalAccount, principalEntries } from '../src/lint/helpers.js';
import { ACCOUNT, ROOT_STATEMENT, keyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS112',
  name: 'no-iam-delegation',
  meta: {
    type: 'suggestion',
    severity: 'info',
    scope: ['key'],
    docs: {
      description: 'The key policy does not allow the account root, so IAM policies cannot grant access to the key.',
      rationale: 'Without the "Enable IAM User Permissions" statement, only principals named in the key policy can use or manage the key: IAM policies have no effect on it, and an account administrator cannot restore access. That can be deliberate; make sure it is.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam',
    },
    existingTools: {},
    messages: { noRoot: 'no statement allows the account root: IAM policies cannot grant access to this key' },
  },
  check(ctx) {
    const statements = ctx.statements();
    if (statements.length === 0 || !isWholePolicy(ctx.target)) return;
    const owner = ownerAccountOf(ctx.target);
    const delegates = statements.some((s) => s.effect === 'Allow' && principalEntries(s).some((e) => isAccountRoot(e) && (owner === undefined || principalAccount(e) === owner)));
    if (!delegates) ctx.report({ messageId: 'noRoot', pointer: '' });
  },
  cases: {
    valid: [
      { name: 'default key policy', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'a lone statement is not a whole policy', policy: { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*' } },
      { name: 'bare account id principal', policy: keyPolicy({ Sid: 'Acct', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'kms:*', Resource: '*' }) },
    ],
    invalid: [
      {
        name: 'named roles only',
        policy: keyPolicy({ Sid: 'Admin', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*' }),
        errors: [{ messageId: 'noRoot', pointer: '' }],
      },
      {
        name: 'another account\'s root only',
        keyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        policy: keyPolicy({ Sid: 'Other', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'kms:*', Resource: '*' }),
        errors: [{ messageId: 'noRoot', pointer: '' }],
      },
    ],
  },
});
