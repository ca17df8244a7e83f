/**
 * KMS114 admin-wildcard-creategrant: an Allow uses a wildcard such as `kms:Create*` (the console's
 * default administrator statement) that also matches `kms:CreateGrant`, so "administrators" can
 * grant themselves or anyone Decrypt. The suggestion lists the intended actions without
 * CreateGrant; it changes who can do what, so it is never applied automatically.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 */
import { actionsMatching } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer } from '../src/lint/helpers.js';
import type { PatchOp } from '../src/model/diagnostic.js';
import type { PolicyValue, ValueSet } from '../src/model/policy.js';
import { ACCOUNT, rootedKeyPolicy } from './support/cases.js';

/** Replaces one Action value by a list of values (the element becomes a list if it was a string). */
function replaceWith(set: ValueSet, v: PolicyValue, names: readonly string[]): PatchOp[] {
  if (v.pointer === set.pointer) return [{ op: 'replace', path: set.pointer, value: [...names] }];
  const index = Number(v.pointer.slice(v.pointer.lastIndexOf('/') + 1));
  return [{ op: 'remove', path: v.pointer }, ...names.map((n, i): PatchOp => ({ op: 'add', path: appendPointer(set.pointer, index + i), value: n }))];
}

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;

export default defineRule({
  id: 'KMS114',
  name: 'admin-wildcard-creategrant',
  meta: {
    type: 'hardening',
    severity: 'warning',
    securitySeverity: 5.5,
    scope: ['key'],
    docs: {
      description: 'An action wildcard other than `kms:*` (typically `kms:Create*`) silently includes `kms:CreateGrant`.',
      rationale: 'The console\'s default administrator statement uses `kms:Create*`, which includes `kms:CreateGrant`: an administrator can grant any principal, including themselves, permission to decrypt. List the create actions administrators need.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators',
    },
    existingTools: { parliament: 'c:PERMISSIONS_MANAGEMENT_ACTIONS (IAM only, part.)' },
    messages: {
      wildcardCreateGrant: '`{{action}}` includes `kms:CreateGrant`: administrators can grant themselves key use',
      listWithoutCreateGrant: 'replace `{{action}}` with the same actions minus `kms:CreateGrant`',
    },
    hasSuggestions: true,
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      const set = s.actions;
      if (s.effect !== 'Allow' || set === undefined || set.not) continue;
      for (const v of set.values) {
        const raw = v.raw.replace(/\s+/g, '');
        if (!/[*?]/.test(raw) || raw === '*' || raw.toLowerCase() === 'kms:*') continue;
        const names = actionsMatching(raw).map((a) => a.name);
        if (!names.includes('kms:CreateGrant')) continue;
        const rest = names.filter((n) => n !== 'kms:CreateGrant');
        ctx.report({ messageId: 'wildcardCreateGrant', pointer: v.pointer, data: { action: v.raw }, suggestions: [{ messageId: 'listWithoutCreateGrant', data: { action: v.raw }, fix: replaceWith(set, v, rest) }] });
      }
    }
  },
  cases: {
    valid: [
      { name: 'explicit create actions', policy: rootedKeyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: ['kms:CreateAlias', 'kms:Describe*'], Resource: '*' }) },
      { name: 'kms:* is KMS113\'s business', policy: rootedKeyPolicy() },
    ],
    invalid: [
      {
        name: 'console default kms:Create*',
        policy: rootedKeyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: ['kms:Create*', 'kms:Describe*'], Resource: '*' }),
        errors: [{
          messageId: 'wildcardCreateGrant',
          pointer: '/Statement/1/Action/0',
          suggestions: [{ messageId: 'listWithoutCreateGrant', output: rootedKeyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: ['kms:CreateAlias', 'kms:CreateCustomKeyStore', 'kms:CreateKey', 'kms:Describe*'], Resource: '*' }) }],
        }],
      },
      {
        name: 'kms:Cr* as a single string',
        policy: rootedKeyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: 'kms:Cr*', Resource: '*' }),
        errors: [{
          messageId: 'wildcardCreateGrant',
          pointer: '/Statement/1/Action',
          suggestions: [{ messageId: 'listWithoutCreateGrant', output: rootedKeyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: ADMIN }, Action: ['kms:CreateAlias', 'kms:CreateCustomKeyStore', 'kms:CreateKey'], Resource: '*' }) }],
        }],
      },
    ],
  },
});
