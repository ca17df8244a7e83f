/**
 * KMS701 effective-exposure: asks the evaluator whether a principal outside the trusted accounts
 * could reach the key, per action class: admin (`kms:PutKeyPolicy`), crypto (`kms:Decrypt`),
 * grant (`kms:CreateGrant`). Probes: a role in an unrelated account (public reachability), and the
 * root of every other account the policy names that is not the key's own or allowlisted. Each
 * probe's own IAM allows everything (the other account controls it), and it tries the request
 * context an outsider can arrange: TLS, and the exact values a statement asks for of keys the
 * caller chooses (kms:ViaService — calling through that service —, encryption context,
 * kms:RequestAlias, kms:GrantIsForAWSResource). Unlike the static rules, this sees the combined
 * effect of every statement, Deny included.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-kms-key
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, isEveryonePrincipal, isExactClause, ownerAccountOf, pinningClauses, principalAccount, principalEntries } from '../src/lint/helpers.js';
import type { Statement } from '../src/model/policy.js';
import { ACCOUNT, OTHER_ACCOUNT, rootedKeyPolicy } from './support/cases.js';

const CLASSES = [
  { name: 'admin', action: 'kms:PutKeyPolicy' },
  { name: 'crypto', action: 'kms:Decrypt' },
  { name: 'grant', action: 'kms:CreateGrant' },
] as const;
/** An account no policy names, standing for "anyone". */
const STRANGER = '999988887777';
/** Keys whose value the caller chooses (lower case, as the model folds them). */
const CALLER_CHOSEN = /^(kms:viaservice|kms:encryptioncontext:.+|kms:requestalias|kms:grantisforawsresource|aws:securetransport)$/;

/** The contexts an outsider can arrange: TLS alone, and per statement the values it asks for. */
function contexts(statements: readonly Statement[]): Record<string, string>[] {
  const out: Record<string, string>[] = [{ 'aws:SecureTransport': 'true' }];
  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    const ctx: Record<string, string> = { 'aws:SecureTransport': 'true' };
    for (const c of s.conditions) {
      const key = clauseKey(c);
      const first = c.values[0];
      if (CALLER_CHOSEN.test(key) && (isExactClause(c) || c.operator === 'Bool') && first !== undefined) ctx[key] = first.raw;
    }
    if (Object.keys(ctx).length > 1) out.push(ctx);
  }
  return out;
}

export default defineRule({
  id: 'KMS701',
  name: 'effective-exposure',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key'],
    docs: {
      description: 'The evaluator finds that a principal outside the key\'s account and the allowlist could administer, use or grant the key.',
      rationale: 'Static rules judge one statement at a time. The evaluator replays AWS\'s authorization flow over the whole policy, Deny statements included, with the request context an outsider can arrange, and reports what actually gets through, per action class, with the statement that allows it.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html',
    },
    existingTools: { accessAnalyzer: 'XA, CheckNoPublicAccess', prowler: 'kms_key_not_publicly_accessible (runtime)' },
    messages: {
      publicAccess: 'any AWS account can {{what}} this key (`{{action}}`)',
      externalAccess: 'account `{{account}}`, outside the trusted accounts, can {{what}} this key (`{{action}}`)',
    },
  },
  check(ctx) {
    const statements = ctx.statements();
    if (ctx.target.type !== 'policy') return;
    const owner = ownerAccountOf(ctx.target);
    const trusted = new Set([owner ?? '', ...ctx.settings.allowedAccounts]);
    const named = new Set(statements.flatMap((s) => (s.principals?.entries ?? []).map(principalAccount)).filter((a): a is string => a !== undefined && !trusted.has(a)));
    // Only an Allow for everyone (or NotPrincipal) can let a stranger in, and only an Allow naming an
    // account (or everyone) can let that account in: probe those, with the actions and contexts they offer.
    // A statement pinned to named accounts/orgs (exact StringEquals on kms:CallerAccount, …) cannot
    // match a stranger, whose account and org appear nowhere: leaving it out is exact, and cheap.
    const open = statements.filter((s) => s.effect === 'Allow' && (s.principals?.not === true || principalEntries(s).some(isEveryonePrincipal)) && pinningClauses(s).length === 0);
    const probes: { principal: string; account?: string; via: readonly Statement[] }[] = open.length === 0 ? [] : [{ principal: `arn:aws:iam::${STRANGER}:role/kms-authz-probe`, via: open }];
    // Other accounts are "external" only when the key's account is known (or an allowlist is set).
    if (owner !== undefined || ctx.settings.allowedAccounts.length > 0) {
      for (const a of [...named].sort()) {
        const naming = statements.filter((s) => s.effect === 'Allow' && principalEntries(s).some((e) => principalAccount(e) === a));
        probes.push({ principal: `arn:aws:iam::${a}:root`, account: a, via: [...open, ...naming] });
      }
    }
    const prober = probes.length === 0 ? undefined : ctx.keyProber();
    if (prober === undefined) return;
    for (const p of probes) {
      const offered = new Set(p.via.flatMap((s) => [...expandActions(s.actions)]));
      const variants = contexts(p.via);
      for (const c of CLASSES) {
        if (!offered.has(c.action)) continue;
        const hit = variants.map((context) => prober.probe({ principal: p.principal, action: c.action, context })).find((d) => d.decision === 'Allow');
        if (hit === undefined) continue;
        const pointer = hit.statements[0] ?? '';
        const what = c.name === 'admin' ? 'change the policy of' : c.name === 'crypto' ? 'decrypt with' : 'create grants on';
        if (p.account === undefined) ctx.report({ messageId: 'publicAccess', pointer, data: { what, action: c.action } });
        else ctx.report({ messageId: 'externalAccess', pointer, data: { account: p.account, what, action: c.action } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'own account only', policy: rootedKeyPolicy() },
      {
        name: 'everyone, pinned to the account, through EBS (the AWS managed key pattern)',
        policy: rootedKeyPolicy({ Sid: 'Ebs', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:CreateGrant'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
      },
      {
        name: 'a partner account on the allowlist',
        keyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        settings: { allowedAccounts: [OTHER_ACCOUNT] },
        policy: rootedKeyPolicy({ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' }),
      },
    ],
    invalid: [
      {
        name: 'ViaService alone: anyone can decrypt and grant through EC2',
        policy: rootedKeyPolicy({ Sid: 'Via', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:CreateGrant'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
        errors: [
          { messageId: 'publicAccess', pointer: '/Statement/1' },
          { messageId: 'publicAccess', pointer: '/Statement/1' },
        ],
      },
      {
        name: 'a partner account that is not trusted, with a Deny that does not cover Decrypt',
        keyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
        policy: rootedKeyPolicy(
          { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: ['kms:Decrypt', 'kms:PutKeyPolicy'], Resource: '*' },
          { Sid: 'NoPolicyChanges', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:PutKeyPolicy', Resource: '*' },
        ),
        errors: [{ messageId: 'externalAccess', pointer: '/Statement/1' }],
      },
    ],
  },
});
