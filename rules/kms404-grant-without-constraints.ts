/**
 * KMS404 grant-without-constraints: a grant for operations that take an encryption context
 * (Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*) with neither `EncryptionContextEquals` nor
 * `EncryptionContextSubset`, to a grantee that is not an AWS service. AWS's best practice is to
 * constrain grants by encryption context; constraints apply only to those operations (and only on
 * symmetric keys), so grants for Sign/Verify/MAC operations are not reported.
 * https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html#grant-constraints
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#grant-best-practices
 */
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer } from '../src/lint/helpers.js';
import type { LintTarget } from '../src/model/lint.js';
import type { GrantConstraints } from '../src/model/policy.js';
import { KEY_ARN } from './support/cases.js';

const EC_OPERATIONS = new Set(['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext']);

const isService = (p: string): boolean => /\.amazonaws\.com(\.cn)?$/.test(p);
const constrained = (c: GrantConstraints | undefined): boolean =>
  c !== undefined && Object.keys(c.encryptionContextEquals ?? {}).length + Object.keys(c.encryptionContextSubset ?? {}).length > 0;

function operationsPointer(t: Extract<LintTarget, { type: 'grant' }>): string {
  const raw = t.raw;
  if (typeof raw !== 'object' || raw === null) return t.pointer;
  const field = Object.keys(raw).find((k) => k.replace(/_/g, '').toLowerCase() === 'operations');
  return field === undefined ? t.pointer : appendPointer(t.pointer, field);
}

const grant = (operations: string[], grantee = 'arn:aws:iam::111122223333:role/Worker', constraints?: GrantConstraints) => ({
  type: 'grant' as const,
  grant: {
    ref: { kind: 'grant' as const, id: 'grant:g1' }, grantId: 'g1', keyArn: KEY_ARN, granteePrincipal: grantee, operations, issuingAccount: 'arn:aws:iam::111122223333:root',
    ...(constraints === undefined ? {} : { constraints }),
  },
});

export default defineRule({
  id: 'KMS404',
  name: 'grant-without-constraints',
  meta: {
    type: 'hardening',
    severity: 'info',
    scope: ['grant'],
    docs: {
      description: 'A grant for encryption operations to a non-service grantee has no `EncryptionContextEquals` or `EncryptionContextSubset` constraint.',
      rationale:
        'An unconstrained grant lets the grantee use the key on any data. An encryption-context constraint confines it to the data it was granted for (one tenant, one volume), so a leaked or forgotten grant exposes less.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html#grant-constraints',
    },
    existingTools: {},
    messages: { noConstraints: 'grant `{{grantId}}` allows `{{operations}}` on any encryption context: add an `EncryptionContextSubset` or `EncryptionContextEquals` constraint' },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'grant' || isService(t.grant.granteePrincipal) || constrained(t.grant.constraints)) return;
    const ops = t.grant.operations.filter((o) => EC_OPERATIONS.has(o));
    if (ops.length > 0) ctx.report({ messageId: 'noConstraints', pointer: operationsPointer(t), data: { grantId: t.grant.grantId, operations: ops.join('`, `') } });
  },
  cases: {
    valid: [
      { name: 'constrained by an encryption context subset', target: grant(['kms:Decrypt'], undefined, { encryptionContextSubset: { tenant: 'a' } }) },
      { name: 'signing operations take no encryption context', target: grant(['kms:Sign', 'kms:Verify']) },
      { name: 'an AWS service grantee', target: grant(['kms:Decrypt'], 'ec2.amazonaws.com') },
    ],
    invalid: [
      { name: 'Decrypt with no constraint', target: grant(['kms:Decrypt', 'kms:DescribeKey']), errors: [{ messageId: 'noConstraints', pointer: '/operations' }] },
      { name: 'empty constraints count as none', target: grant(['kms:GenerateDataKey'], undefined, { encryptionContextEquals: {} }), errors: [{ messageId: 'noConstraints', pointer: '/operations' }] },
    ],
  },
});
