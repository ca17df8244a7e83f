/**
 * KMS110 key-policy-lockout: no statement lets a durable principal change the key policy. KMS
 * requires the key policy itself to allow `kms:PutKeyPolicy` (directly, or to the account root so
 * IAM policies can); if nobody can, the key becomes unmanageable and only AWS Support can help.
 * Durable: the account root, or an IAM role or user ARN — not an assumed-role session (it expires)
 * nor a unique id (its principal was deleted). Only unconditional Allows count, and a Deny of
 * PutKeyPolicy to everyone without a condition locks the key whatever else is allowed.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { isWholePolicy, isEveryonePrincipal, principalEntries } from '../src/lint/helpers.js';
import type { PrincipalEntry, Statement } from '../src/model/policy.js';
import { ACCOUNT, ROOT_STATEMENT, keyPolicy, rootedKeyPolicy } from './support/cases.js';

const PUT = 'kms:PutKeyPolicy';

function durable(e: PrincipalEntry): boolean {
  if (e.type !== 'AWS') return false;
  const v = e.value.replace(/\s+/g, '');
  return /^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role\/.+|user\/.+)$/.test(v) && !/[*?]/.test(v);
}

function coversPut(s: Statement): boolean {
  return expandActions(s.actions).has(PUT);
}

export default defineRule({
  id: 'KMS110',
  name: 'key-policy-lockout',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 9.0,
    scope: ['key'],
    docs: {
      description: 'No statement lets a durable principal (the account root, an IAM role or user) call `kms:PutKeyPolicy` unconditionally, or a Deny takes it from everyone.',
      rationale: 'If nobody may change the key policy, nobody can repair it: the key, and all data encrypted under it, becomes unmanageable and recovery needs AWS Support. Keep the default "Enable IAM User Permissions" statement or an admin role with `kms:PutKeyPolicy`.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key',
    },
    existingTools: {},
    messages: {
      noAdmin: 'no statement lets the account root or a durable IAM principal call `kms:PutKeyPolicy`: the key would become unmanageable',
      denyAll: 'statement `{{sid}}` denies `kms:PutKeyPolicy` to everyone: the key would become unmanageable',
    },
  },
  check(ctx) {
    const statements = ctx.statements();
    // A lone statement (KMS003) is not a whole key policy: what it lacks says nothing.
    if (statements.length === 0 || !isWholePolicy(ctx.target)) return;
    let denied = false;
    for (const s of statements) {
      if (s.effect !== 'Deny' || s.conditions.length > 0 || !coversPut(s)) continue;
      if (principalEntries(s).some(isEveryonePrincipal)) {
        ctx.report({ messageId: 'denyAll', pointer: s.ref.pointer, data: { sid: s.ref.sid } });
        denied = true;
      }
    }
    if (denied) return;
    const admin = statements.some((s) => s.effect === 'Allow' && s.conditions.length === 0 && coversPut(s) && principalEntries(s).some(durable));
    if (!admin) ctx.report({ messageId: 'noAdmin', pointer: '' });
  },
  cases: {
    valid: [
      { name: 'default key policy', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'a lone statement is not a whole policy', policy: { Sid: 'Use', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/App` }, Action: 'kms:Decrypt', Resource: '*' } },
      { name: 'admin role with kms:Put*', policy: keyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: ['kms:Describe*', 'kms:Put*'], Resource: '*' }) },
    ],
    invalid: [
      {
        name: 'only users of the key',
        policy: keyPolicy({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/App` }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' }),
        errors: [{ messageId: 'noAdmin', pointer: '' }],
      },
      {
        name: 'admin is only an assumed-role session',
        policy: keyPolicy({ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/ci-run-42` }, Action: 'kms:*', Resource: '*' }),
        errors: [{ messageId: 'noAdmin', pointer: '' }],
      },
      {
        name: 'a Deny of PutKeyPolicy to everyone',
        policy: rootedKeyPolicy({ Sid: 'Freeze', Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*' }),
        errors: [{ messageId: 'denyAll', pointer: '/Statement/1' }],
      },
    ],
  },
});
