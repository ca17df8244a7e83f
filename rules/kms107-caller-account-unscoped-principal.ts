/**
 * KMS107 caller-account-unscoped-principal: `Principal: "*"` limited only by `kms:CallerAccount`.
 * That lets every identity in the account use the key with no IAM policy allowing it, bypassing
 * IAM least privilege. AWS managed keys use this pattern only together with `kms:ViaService`, so
 * that is accepted. Also flags `kms:CallerAccount` in a form that does not pin (StringLike, a
 * wildcard, IfExists, a set qualifier), which Prowler counts as restrictive.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, clausesOn, isEveryonePrincipal, isExactClause, pinningClauses, principalEntries } from '../src/lint/helpers.js';
import { ACCOUNT, rootedKeyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS107',
  name: 'caller-account-unscoped-principal',
  meta: {
    type: 'problem',
    severity: 'warning',
    securitySeverity: 5.5,
    scope: ['key'],
    docs: {
      description: '`Principal: "*"` is limited only by `kms:CallerAccount` (without `kms:ViaService`), or `kms:CallerAccount` is used in a form that does not pin the account.',
      rationale: 'A key policy statement for everyone in an account grants every user and role there, whatever their IAM policies say. AWS managed keys pair it with `kms:ViaService` so the key is only usable through one service. Name the principals, or add `kms:ViaService`.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account',
    },
    existingTools: { prowler: '✗ counts any CallerAccount value as restrictive' },
    messages: {
      accountWide: 'statement `{{sid}}` lets every identity in the caller account use the key with no IAM allow: add `kms:ViaService` or name the principals',
      weakCallerAccount: '`kms:CallerAccount` with `{{operator}}` does not pin the caller account',
    },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || !principalEntries(s).some(isEveryonePrincipal)) continue;
      const callers = clausesOn(s, 'kms:CallerAccount');
      for (const c of callers) {
        if (!isExactClause(c)) ctx.report({ messageId: 'weakCallerAccount', pointer: c.pointer, data: { operator: `${c.set === null ? '' : `${c.set}:`}${c.operator}${c.ifExists ? 'IfExists' : ''}` } });
      }
      const pins = pinningClauses(s);
      const onlyCaller = pins.length > 0 && pins.every((c) => clauseKey(c) === 'kms:calleraccount');
      if (onlyCaller && clausesOn(s, 'kms:ViaService').length === 0) ctx.report({ messageId: 'accountWide', pointer: s.ref.pointer, data: { sid: s.ref.sid } });
    }
  },
  cases: {
    valid: [
      { name: 'AWS managed key pattern: CallerAccount + ViaService', policy: rootedKeyPolicy({ Sid: 'Ebs', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }) },
      { name: 'named principal with CallerAccount', policy: rootedKeyPolicy({ Sid: 'Role', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/App` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } }) },
    ],
    invalid: [
      {
        name: 'everyone in the account',
        policy: rootedKeyPolicy({ Sid: 'Everyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } }),
        errors: [{ messageId: 'accountWide', pointer: '/Statement/1' }],
      },
      {
        name: 'CallerAccount with StringLike',
        policy: rootedKeyPolicy({ Sid: 'Like', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'kms:CallerAccount': '1111*' }, StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
        errors: [{ messageId: 'weakCallerAccount', pointer: '/Statement/1/Condition/StringLike/kms:CallerAccount' }],
      },
    ],
  },
});
