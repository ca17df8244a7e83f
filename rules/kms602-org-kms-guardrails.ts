/**
 * KMS602 org-kms-guardrails: organization guardrails for KMS that AWS's own examples recommend. An
 * SCP that deals with KMS (names a `kms:` action) should deny `kms:ScheduleKeyDeletion`,
 * `kms:DisableKey`, `kms:PutKeyPolicy` and `kms:CreateGrant` outside break-glass principals; a Deny
 * of those with no principal exception also locks out the break-glass role. An RCP that deals with
 * KMS should confine keys to the organization with `aws:PrincipalOrgID`/`aws:PrincipalOrgPaths`.
 * Policies that do not mention KMS are not judged: the guardrail may live in another policy, and a
 * file-by-file lint cannot see the organization.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey } from '../src/lint/helpers.js';
import type { Statement } from '../src/model/policy.js';

const GUARDED = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:CreateGrant'];

const mentionsKms = (s: Statement): boolean => (s.actions?.values ?? []).some((v) => /^\s*kms\s*:/i.test(v.raw));
const orgConfined = (s: Statement): boolean => s.conditions.some((c) => (clauseKey(c) === 'aws:principalorgid' || clauseKey(c) === 'aws:principalorgpaths') && (c.operator.includes('Not') || c.operator === 'Null'));

const scp = (...statements: object[]): object => ({ Version: '2012-10-17', Statement: statements });
const GUARD = { Sid: 'ProtectKeys', Effect: 'Deny', Action: GUARDED, Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } } };

export default defineRule({
  id: 'KMS602',
  name: 'org-kms-guardrails',
  meta: {
    type: 'hardening',
    severity: 'info',
    scope: ['scp', 'rcp'],
    docs: {
      description: 'An SCP about KMS does not deny `kms:ScheduleKeyDeletion`, `kms:DisableKey`, `kms:PutKeyPolicy` and `kms:CreateGrant` outside break-glass principals, or an RCP about KMS does not confine keys to the organization.',
      rationale:
        'Deleting or disabling a key, rewriting its policy or granting it away are the moves that destroy or leak data. An SCP denying them to everyone but a break-glass role, and an RCP denying key use to principals outside the organization, hold even when an account\'s own policies are wrong.',
      awsDocUrl: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html',
    },
    existingTools: {},
    messages: {
      scpMissing: 'this SCP deals with KMS but does not deny `{{actions}}` outside break-glass principals',
      noBreakGlass: 'statement `{{sid}}` denies key administration to everyone, break-glass principals included: add an `aws:PrincipalArn` exception',
      rcpNoOrgConfinement: 'this RCP deals with KMS but no Deny confines keys to the organization with `aws:PrincipalOrgID`',
    },
  },
  check(ctx) {
    const t = ctx.target;
    const statements = ctx.statements();
    if (t.type !== 'policy' || !statements.some(mentionsKms)) return;
    const denies = statements.filter((s) => s.effect === 'Deny');
    if (t.kind === 'rcp') {
      if (!denies.some((s) => expandActions(s.actions).size > 0 && orgConfined(s))) ctx.report({ messageId: 'rcpNoOrgConfinement', pointer: '' });
      return;
    }
    const missing = GUARDED.filter((a) => !denies.some((s) => expandActions(s.actions).has(a)));
    if (missing.length > 0) ctx.report({ messageId: 'scpMissing', pointer: '', data: { actions: missing.join('`, `') } });
    // A conditional Deny (a principal exception, a minimum waiting period) leaves a way through.
    for (const s of denies) {
      if (s.conditions.length === 0 && GUARDED.some((a) => expandActions(s.actions).has(a))) ctx.report({ messageId: 'noBreakGlass', pointer: s.ref.pointer, data: { sid: s.ref.sid } });
    }
  },
  cases: {
    valid: [
      { name: 'guardrail SCP with a break-glass exception', kind: 'scp', policy: scp(GUARD) },
      { name: 'an SCP that does not deal with KMS', kind: 'scp', policy: scp({ Sid: 'NoS3Delete', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }) },
      { name: 'RCP confining KMS to the organization', kind: 'rcp', policy: scp({ Sid: 'Org', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-exampleorgid' } } }) },
    ],
    invalid: [
      {
        name: 'an SCP that protects only key deletion, for everyone',
        kind: 'scp',
        policy: scp({ Sid: 'NoDelete', Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }),
        errors: [
          { messageId: 'scpMissing', pointer: '' },
          { messageId: 'noBreakGlass', pointer: '/Statement/0' },
        ],
      },
      {
        name: 'an RCP about KMS without an organization condition',
        kind: 'rcp',
        policy: scp({ Sid: 'Tls', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        errors: [{ messageId: 'rcpNoOrgConfinement', pointer: '' }],
      },
    ],
  },
});
