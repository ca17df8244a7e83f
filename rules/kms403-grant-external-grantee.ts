/**
 * KMS403 grant-external-grantee: a grant whose grantee or retiring principal is in an account that
 * is neither the key's nor in `allowedAccounts`. Access Analyzer reads grants for external access
 * too; Prowler's KMS check reads only the key policy. An error unless allowlisted (§6.5). Service
 * principals have no account and are not judged. The key's account comes from the key ARN, else
 * from the account that created the grant.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#grant-concepts
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-kms-key
 */
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer, arnAccount } from '../src/lint/helpers.js';
import type { LintTarget } from '../src/model/lint.js';
import { KEY_ARN, OTHER_ACCOUNT } from './support/cases.js';

const accountOf = (p: string): string | undefined => (/^[0-9]{12}$/.test(p) ? p : arnAccount(p));

/** The pointer of a grant field, whatever its spelling (`GranteePrincipal`, `grantee_principal`). */
function fieldPointer(t: Extract<LintTarget, { type: 'grant' }>, name: string): string {
  const raw = t.raw;
  if (typeof raw !== 'object' || raw === null) return t.pointer;
  const field = Object.keys(raw).find((k) => k.replace(/_/g, '').toLowerCase() === name.toLowerCase());
  return field === undefined ? t.pointer : appendPointer(t.pointer, field);
}

const grant = (grantee: string, retiring?: string) => ({
  type: 'grant' as const,
  grant: {
    ref: { kind: 'grant' as const, id: 'grant:g1' }, grantId: 'g1', keyArn: KEY_ARN, granteePrincipal: grantee, operations: ['kms:Decrypt'], issuingAccount: 'arn:aws:iam::111122223333:root',
    ...(retiring === undefined ? {} : { retiringPrincipal: retiring }),
  },
});

export default defineRule({
  id: 'KMS403',
  name: 'grant-external-grantee',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['grant'],
    docs: {
      description: 'A grant\'s `GranteePrincipal` or `RetiringPrincipal` is in an account that is neither the key\'s own nor in `allowedAccounts`.',
      rationale:
        'A grant gives key use without any change to the key policy, so reviews of the key policy miss it, and it never expires. A grantee in another account can use the key for every operation of the grant. Trust the account in `allowedAccounts`, or retire the grant.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#grant-concepts',
    },
    existingTools: { accessAnalyzer: 'XA (analyses grants)', prowler: '(part.) metadata says grants, code checks only the policy' },
    messages: {
      externalGrantee: 'grantee `{{principal}}` is in account `{{account}}`, which is not the key\'s account nor allowlisted',
      externalRetiring: 'retiring principal `{{principal}}` is in account `{{account}}`, which is not the key\'s account nor allowlisted',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'grant') return;
    const owner = arnAccount(t.grant.keyArn) ?? accountOf(t.grant.issuingAccount);
    const trusted = (acct: string): boolean => acct === owner || ctx.settings.allowedAccounts.includes(acct);
    const grantee = accountOf(t.grant.granteePrincipal);
    if (grantee !== undefined && !trusted(grantee)) ctx.report({ messageId: 'externalGrantee', pointer: fieldPointer(t, 'granteePrincipal'), data: { principal: t.grant.granteePrincipal, account: grantee } });
    const retiring = t.grant.retiringPrincipal;
    const retiringAcct = retiring === undefined ? undefined : accountOf(retiring);
    if (retiring !== undefined && retiringAcct !== undefined && !trusted(retiringAcct)) ctx.report({ messageId: 'externalRetiring', pointer: fieldPointer(t, 'retiringPrincipal'), data: { principal: retiring, account: retiringAcct } });
  },
  cases: {
    valid: [
      { name: 'grantee in the key\'s account', target: grant('arn:aws:iam::111122223333:role/Worker', 'arn:aws:iam::111122223333:role/Admin') },
      { name: 'grantee in an allowlisted account', target: grant(`arn:aws:iam::${OTHER_ACCOUNT}:role/Partner`), settings: { allowedAccounts: [OTHER_ACCOUNT] } },
      { name: 'a service principal has no account', target: grant('logs.us-east-1.amazonaws.com') },
    ],
    invalid: [
      { name: 'grantee in another account', target: grant(`arn:aws:iam::${OTHER_ACCOUNT}:role/Partner`), errors: [{ messageId: 'externalGrantee', pointer: '/granteePrincipal' }] },
      {
        name: 'retiring principal in another account, given as a bare account id',
        target: grant('arn:aws:iam::111122223333:role/Worker', OTHER_ACCOUNT),
        settings: { allowedAccounts: ['111122223333'] },
        errors: [{ messageId: 'externalRetiring', pointer: '/retiringPrincipal' }],
      },
    ],
  },
});
