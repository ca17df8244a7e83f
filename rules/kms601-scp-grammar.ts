/**
 * KMS601 scp-grammar: what AWS Organizations refuses, or ignores, in SCPs and RCPs and the IAM
 * grammar alone does not catch. Both need `"Version": "2012-10-17"`. In an RCP, `Allow` is
 * supported only for the AWS-managed `RCPFullAWSAccess` statement, `Principal` must be `"*"`
 * (conditions narrow it), and `NotPrincipal` and `NotAction` are not among its elements. Since
 * September 2025 SCPs accept the full IAM language (Condition, NotAction and NotResource with
 * Allow, resource ARNs, wildcards anywhere in actions), so none of those is an error any more.
 * `Principal` in an SCP is reported by the policy reader (KMS003) and the 5,120-character quota by
 * KMS007, so neither is repeated here.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer, isEveryonePrincipal } from '../src/lint/helpers.js';
import type { Statement } from '../src/model/policy.js';

const KIND_NAME = { scp: 'SCP', rcp: 'RCP' } as const;

/** `{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}` with nothing else: RCPFullAWSAccess. */
function isFullAccess(s: Statement): boolean {
  const only = (set: Statement['actions']): boolean => set !== undefined && !set.not && set.values.length === 1 && set.values[0]?.raw === '*';
  return s.effect === 'Allow' && s.conditions.length === 0 && only(s.actions) && only(s.resources) && s.principals?.not === false && s.principals.entries.every(isEveryonePrincipal);
}

const FULL_ACCESS = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
const RCP_DENY = { Sid: 'OrgOnly', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-exampleorgid' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } };

export default defineRule({
  id: 'KMS601',
  name: 'scp-grammar',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['scp', 'rcp'],
    docs: {
      description: 'SCP/RCP grammar: `Version` must be `2012-10-17`; an RCP statement other than `RCPFullAWSAccess` must be a `Deny` with `Principal: "*"` and no `NotPrincipal` or `NotAction`. (Since September 2025 SCPs accept the full IAM language.)',
      rationale:
        'AWS Organizations rejects these policies, or (for an RCP `Principal` other than `"*"`) they do not mean what they say: an RCP applies to every principal and is narrowed with conditions such as `aws:PrincipalOrgID`. Conditions, `NotAction`, `NotResource` and resource ARNs are valid in SCPs since September 2025 and are not reported.',
      awsDocUrl: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html',
    },
    existingTools: { accessAnalyzer: 'SCP_SYNTAX_ERROR_*, POLICY_SIZE_EXCEEDS_SCP_QUOTA' },
    messages: {
      orgVersion: 'an {{kind}} must have `"Version": "2012-10-17"`',
      rcpAllow: 'RCP statement `{{sid}}` is an `Allow`: RCPs support `Allow` only in `RCPFullAWSAccess`; write a `Deny`',
      rcpPrincipal: 'RCP statement `{{sid}}` names `{{principal}}`: an RCP\'s `Principal` must be `"*"`, narrowed with conditions',
      rcpNotPrincipal: 'RCP statement `{{sid}}` uses `NotPrincipal`, which RCPs do not support: use `Principal: "*"` with an `aws:PrincipalArn` condition',
      rcpNotAction: 'RCP statement `{{sid}}` uses `NotAction`, which RCPs do not support',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy' || (t.kind !== 'scp' && t.kind !== 'rcp')) return;
    if (t.policy.version !== '2012-10-17') ctx.report({ messageId: 'orgVersion', pointer: t.policy.version === undefined ? '' : '/Version', data: { kind: KIND_NAME[t.kind] } });
    if (t.kind !== 'rcp') return;
    for (const s of ctx.statements()) {
      const sid = s.ref.sid;
      if (s.effect === 'Allow' && !isFullAccess(s)) ctx.report({ messageId: 'rcpAllow', pointer: appendPointer(s.ref.pointer, 'Effect'), data: { sid } });
      if (s.principals?.not === true) ctx.report({ messageId: 'rcpNotPrincipal', pointer: s.principals.pointer, data: { sid } });
      else for (const e of s.principals?.entries ?? []) if (!isEveryonePrincipal(e)) ctx.report({ messageId: 'rcpPrincipal', pointer: e.pointer, data: { sid, principal: e.raw } });
      if (s.actions?.not === true) ctx.report({ messageId: 'rcpNotAction', pointer: s.actions.pointer, data: { sid } });
    }
  },
  cases: {
    valid: [
      { name: 'RCPFullAWSAccess', kind: 'rcp', policy: { Version: '2012-10-17', Statement: [FULL_ACCESS] } },
      { name: 'an RCP confining KMS to the organization', kind: 'rcp', policy: { Version: '2012-10-17', Statement: [RCP_DENY] } },
      {
        name: 'an SCP using the full IAM language (NotAction with Allow, conditions)',
        kind: 'scp',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'AllowMostKms', Effect: 'Allow', NotAction: ['kms:ScheduleKeyDeletion'], Resource: 'arn:aws:kms:*:111122223333:key/*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }] },
      },
    ],
    invalid: [
      {
        name: 'an RCP Allow naming an account, and NotAction',
        kind: 'rcp',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, NotAction: 's3:*', Resource: '*' }] },
        errors: [
          { messageId: 'rcpAllow', pointer: '/Statement/0/Effect' },
          { messageId: 'rcpPrincipal', pointer: '/Statement/0/Principal/AWS' },
          { messageId: 'rcpNotAction', pointer: '/Statement/0/NotAction' },
        ],
      },
      {
        name: 'an RCP with NotPrincipal',
        kind: 'rcp',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'AllBut', Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/Admin' }, Action: 'kms:*', Resource: '*' }] },
        errors: [{ messageId: 'rcpNotPrincipal', pointer: '/Statement/0/NotPrincipal' }],
      },
      {
        name: 'an SCP with the 2008 version',
        kind: 'scp',
        policy: { Version: '2008-10-17', Statement: [{ Sid: 'NoDelete', Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }] },
        errors: [{ messageId: 'orgVersion', pointer: '/Version', line: 2, column: 14 }],
      },
    ],
  },
});
