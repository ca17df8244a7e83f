/**
 * KMS111 bypass-lockout-safety-check: a key created or updated with the lockout safety check
 * bypassed (`BypassPolicyLockoutSafetyCheck: true`, `bypass_policy_lockout_safety_check = true`),
 * or an identity policy allowing `kms:CreateKey`/`kms:PutKeyPolicy` with no Deny on the
 * `kms:BypassPolicyLockoutSafetyCheck` condition key. AWS: "do not set this to true
 * indiscriminately"; the bypass is how keys get locked (KMS110).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html#KMS-PutKeyPolicy-request-BypassPolicyLockoutSafetyCheck
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-bypass-policy-lockout-safety-check
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clausesOn } from '../src/lint/helpers.js';
import type { Statement } from '../src/model/policy.js';
import { identityPolicy } from './support/cases.js';

const GUARDED = ['kms:CreateKey', 'kms:PutKeyPolicy'];

function blocksBypass(s: Statement): boolean {
  const bypass = clausesOn(s, 'kms:BypassPolicyLockoutSafetyCheck');
  if (s.effect === 'Deny') return bypass.some((c) => c.operator === 'Bool' && c.values.some((v) => v.raw.toLowerCase() === 'true'));
  return bypass.some((c) => c.operator === 'Bool' && !c.ifExists && c.values.every((v) => v.raw.toLowerCase() === 'false'));
}

export default defineRule({
  id: 'KMS111',
  name: 'bypass-lockout-safety-check',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 8.0,
    scope: ['key-config', 'identity'],
    docs: {
      description: 'The key policy lockout safety check is bypassed, or an identity policy allows `kms:CreateKey`/`kms:PutKeyPolicy` without denying the bypass.',
      rationale: 'The safety check stops a key policy that would lock out its own caller. Bypassing it is the usual way keys become unmanageable. Leave it off, and deny `kms:BypassPolicyLockoutSafetyCheck: true` to everyone who can create keys or change key policies.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html#KMS-PutKeyPolicy-request-BypassPolicyLockoutSafetyCheck',
    },
    existingTools: {},
    messages: {
      bypassSet: 'the key policy lockout safety check is bypassed',
      bypassNotDenied: 'statement `{{sid}}` allows `{{actions}}` but nothing denies `kms:BypassPolicyLockoutSafetyCheck`',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type === 'key-config') {
      if (t.bypassPolicyLockoutSafetyCheck === true) ctx.report({ messageId: 'bypassSet', pointer: t.pointers.bypassPolicyLockoutSafetyCheck ?? t.pointer });
      return;
    }
    const statements = ctx.statements();
    const denied = statements.some((s) => s.effect === 'Deny' && blocksBypass(s));
    if (denied) return;
    for (const s of statements) {
      if (s.effect !== 'Allow' || blocksBypass(s)) continue;
      const covered = expandActions(s.actions);
      const hit = GUARDED.filter((a) => covered.has(a));
      if (hit.length > 0 && s.actions !== undefined) ctx.report({ messageId: 'bypassNotDenied', pointer: s.actions.pointer, data: { sid: s.ref.sid, actions: hit.join('`, `') } });
    }
  },
  cases: {
    valid: [
      { name: 'key config without bypass', target: { type: 'key-config', bypassPolicyLockoutSafetyCheck: false, keySpec: 'SYMMETRIC_DEFAULT' } },
      {
        name: 'CreateKey allowed, bypass denied',
        policy: identityPolicy(
          { Sid: 'Create', Effect: 'Allow', Action: ['kms:CreateKey', 'kms:PutKeyPolicy'], Resource: '*' },
          { Sid: 'NoBypass', Effect: 'Deny', Action: ['kms:CreateKey', 'kms:PutKeyPolicy'], Resource: '*', Condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } } },
        ),
      },
    ],
    invalid: [
      { name: 'CloudFormation BypassPolicyLockoutSafetyCheck: true', target: { type: 'key-config', bypassPolicyLockoutSafetyCheck: true }, errors: [{ messageId: 'bypassSet', pointer: '/bypassPolicyLockoutSafetyCheck' }] },
      {
        name: 'kms:* without a bypass deny',
        policy: identityPolicy({ Sid: 'KmsAdmin', Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
        errors: [{ messageId: 'bypassNotDenied', pointer: '/Statement/0/Action' }],
      },
    ],
  },
});
