/**
 * KMS405 grant-admin-ops: a grant to a principal that is not an AWS service whose operations include
 * `CreateGrant` (the grantee can create grants, within the parent's operations), `RetireGrant`
 * (the grantee can retire grants itself), or both `ReEncryptFrom` and `ReEncryptTo` (the grantee
 * can move ciphertext to another key it controls). AWS recommends least privilege for grants.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#grant-best-practices
 */
import { defineRule } from '../src/lint/define-rule.js';
import { grantOperationPointer } from '../src/lint/helpers.js';
import { KEY_ARN } from './support/cases.js';

const isService = (p: string): boolean => /\.amazonaws\.com(\.cn)?$/.test(p);


const grant = (operations: string[], grantee = 'arn:aws:iam::111122223333:role/Worker') => ({
  type: 'grant' as const,
  grant: { ref: { kind: 'grant' as const, id: 'grant:g1' }, grantId: 'g1', keyArn: KEY_ARN, granteePrincipal: grantee, operations, issuingAccount: 'arn:aws:iam::111122223333:root' },
});

export default defineRule({
  id: 'KMS405',
  name: 'grant-admin-ops',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['grant'],
    docs: {
      description: 'A grant to a non-service principal includes `CreateGrant`, `RetireGrant`, or both `ReEncryptFrom` and `ReEncryptTo`.',
      rationale:
        '`CreateGrant` lets the grantee hand the grant\'s operations to others; `RetireGrant` lets it manage grants; `ReEncryptFrom` with `ReEncryptTo` lets it re-encrypt data under a key it controls, taking the data out of this key\'s policy. Grant only the cryptographic operations the grantee needs.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations',
    },
    existingTools: {},
    messages: {
      adminOperation: 'grant `{{grantId}}` gives `{{operation}}` to `{{grantee}}`: grant only the cryptographic operations it needs',
      reEncryptBoth: 'grant `{{grantId}}` gives both `ReEncryptFrom` and `ReEncryptTo`: `{{grantee}}` can move data to a key it controls',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'grant' || isService(t.grant.granteePrincipal)) return;
    const ops = new Set(t.grant.operations);
    const data = { grantId: t.grant.grantId, grantee: t.grant.granteePrincipal };
    for (const op of ['CreateGrant', 'RetireGrant']) {
      if (ops.has(`kms:${op}`)) ctx.report({ messageId: 'adminOperation', pointer: grantOperationPointer(t, op), data: { ...data, operation: op } });
    }
    if (ops.has('kms:ReEncryptFrom') && ops.has('kms:ReEncryptTo')) ctx.report({ messageId: 'reEncryptBoth', pointer: grantOperationPointer(t, 'ReEncryptTo'), data });
  },
  cases: {
    valid: [
      { name: 'cryptographic operations only', target: grant(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom']) },
      { name: 'a service grantee may hold CreateGrant', target: grant(['kms:Decrypt', 'kms:CreateGrant'], 'rds.amazonaws.com') },
    ],
    invalid: [
      { name: 'CreateGrant and RetireGrant', target: grant(['kms:Decrypt', 'kms:CreateGrant', 'kms:RetireGrant']), errors: [{ messageId: 'adminOperation', pointer: '/operations/1' }, { messageId: 'adminOperation', pointer: '/operations/2' }] },
      { name: 'ReEncryptFrom with ReEncryptTo', target: grant(['kms:ReEncryptFrom', 'kms:ReEncryptTo']), errors: [{ messageId: 'reEncryptBoth', pointer: '/operations/1' }] },
    ],
  },
});
