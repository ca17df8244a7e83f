/**
 * KMS102 cross-account-principal: a key policy principal, an exact `kms:CallerAccount` value, or a
 * grantee in an account that is neither the key's own nor in `allowedAccounts`. A warning by
 * default; once the config names trusted accounts or organizations, anything else is an error
 * (the cfn-policy-validator `--allow-external-principals` model). A statement pinned by
 * `aws:PrincipalOrgID` to an allowed organization is trusted. The key's account comes from the
 * input (ownerAccount, key ARN); without it and without an allowlist nothing can be judged.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
import { defineRule, type LintSettings } from '../src/lint/define-rule.js';
import { arnAccount, clausesOn, isExactClause, ownerAccountOf, principalAccount, principalEntries } from '../src/lint/helpers.js';
import type { Statement } from '../src/model/policy.js';
import { OTHER_ACCOUNT, rootedKeyPolicy } from './support/cases.js';

function orgTrusted(s: Statement, settings: LintSettings): boolean {
  return clausesOn(s, 'aws:PrincipalOrgID').some((c) => isExactClause(c) && c.values.every((v) => settings.allowedOrgIds.includes(v.raw)));
}

const GRANT_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const grant = (grantee: string) => ({
  type: 'grant' as const,
  grant: { ref: { kind: 'grant' as const, id: 'grant:g1' }, grantId: 'g1', keyArn: GRANT_KEY, granteePrincipal: grantee, operations: ['kms:Decrypt'], issuingAccount: 'arn:aws:iam::111122223333:root' },
});

export default defineRule({
  id: 'KMS102',
  name: 'cross-account-principal',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'grant'],
    docs: {
      description: 'A key policy principal, `kms:CallerAccount` value or grantee is in another account that the config does not trust.',
      rationale: 'Access from another account is the usual path for data to leave an organization. Name the accounts you trust in `allowedAccounts` (or organizations in `allowedOrgIds`) so every other account stands out, as an error.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
    },
    existingTools: { accessAnalyzer: 'EXTERNAL_PRINCIPAL (access preview)', prowler: '(part.) is_policy_public trusted_account_ids' },
    messages: {
      crossAccount: '`{{principal}}` is in account `{{account}}`, not the key\'s account',
      notAllowlisted: '`{{principal}}` is in account `{{account}}`, which is not in `allowedAccounts`',
    },
    messageSeverity: { notAllowlisted: 'error' },
  },
  check(ctx) {
    const { settings, target } = ctx;
    const allowlist = settings.allowedAccounts.length > 0 || settings.allowedOrgIds.length > 0;
    const owner = target.type === 'grant' ? arnAccount(target.grant.keyArn) : ownerAccountOf(target);
    if (owner === undefined && !allowlist) return;
    const trusted = (acct: string): boolean => acct === owner || settings.allowedAccounts.includes(acct);
    const report = (pointer: string, principal: string, account: string): void => {
      ctx.report({ messageId: allowlist ? 'notAllowlisted' : 'crossAccount', pointer, data: { principal, account } });
    };
    if (target.type === 'grant') {
      const acct = arnAccount(target.grant.granteePrincipal);
      if (acct !== undefined && !trusted(acct)) report(target.pointer, target.grant.granteePrincipal, acct);
      return;
    }
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || orgTrusted(s, settings)) continue;
      for (const e of principalEntries(s)) {
        const acct = principalAccount(e);
        if (acct !== undefined && !trusted(acct)) report(e.pointer, e.raw, acct);
      }
      for (const c of clausesOn(s, 'kms:CallerAccount')) {
        if (!isExactClause(c)) continue;
        for (const v of c.values) if (!trusted(v.raw)) report(v.pointer, `kms:CallerAccount ${v.raw}`, v.raw);
      }
    }
  },
  cases: {
    valid: [
      { name: 'own account only (from the allowlist)', policy: rootedKeyPolicy(), settings: { allowedAccounts: ['111122223333'] } },
      { name: 'other account allowlisted', policy: rootedKeyPolicy({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' }), settings: { allowedAccounts: ['111122223333', OTHER_ACCOUNT] } },
      { name: 'other account pinned to a trusted organization', policy: rootedKeyPolicy({ Sid: 'Org', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), settings: { allowedAccounts: ['111122223333'], allowedOrgIds: ['o-a1b2c3d4e5'] } },
      { name: 'grant to a role in the key\'s account', target: grant('arn:aws:iam::111122223333:role/App') },
    ],
    invalid: [
      {
        name: 'another account, not allowlisted',
        policy: rootedKeyPolicy({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' }),
        settings: { allowedAccounts: ['111122223333'] },
        errors: [{ messageId: 'notAllowlisted', pointer: '/Statement/1/Principal/AWS' }],
      },
      {
        name: 'CallerAccount naming an untrusted account',
        policy: rootedKeyPolicy({ Sid: 'Via', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': OTHER_ACCOUNT, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
        settings: { allowedAccounts: ['111122223333'] },
        errors: [{ messageId: 'notAllowlisted', pointer: '/Statement/1/Condition/StringEquals/kms:CallerAccount' }],
      },
      {
        name: 'grant to another account, no allowlist',
        target: grant(`arn:aws:iam::${OTHER_ACCOUNT}:role/Partner`),
        errors: [{ messageId: 'crossAccount', pointer: '' }],
      },
    ],
  },
});
