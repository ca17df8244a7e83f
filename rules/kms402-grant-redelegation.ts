/**
 * KMS402 grant-redelegation: grants that can beget grants. In a policy: `kms:CreateGrant` allowed
 * without `ForAllValues:StringEquals kms:GrantOperations` whose values exclude `CreateGrant`, so the
 * principal can create a grant that itself includes CreateGrant and the grantee can pass key use
 * on again. In a grant: `Operations` includes `CreateGrant`. Grants created by an AWS service for
 * a resource (`Bool kms:GrantIsForAWSResource: true`, or only through a `kms:ViaService`), administrators (`kms:PutKeyPolicy`) and the
 * account-root delegation are left to KMS401/KMS113. RetireGrant in a child grant only lets the
 * grantee give up access, so only CreateGrant must be excluded. A `Null` guard for
 * `kms:GrantOperations` is not required here: CreateGrant always carries Operations (KMS302 still
 * reports the missing guard as hardening).
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-operations
 */
import { expandActions, valuesCovering } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, grantOperationPointer, isAccountRoot, principalEntries, wildcardMatches } from '../src/lint/helpers.js';
import type { Statement, ValueSet } from '../src/model/policy.js';
import { KEY_ARN, identityPolicy, rootedKeyPolicy } from './support/cases.js';

/** True when the Action/NotAction element covers `name` (expanded once per distinct Action list). */
function covers(set: ValueSet | undefined, name: string): boolean {
  return expandActions(set).has(name);
}

/** True when a condition confines the grant operations to a list without CreateGrant. */
function excludesCreateGrant(s: Statement): boolean {
  return s.conditions.some(
    (c) => clauseKey(c) === 'kms:grantoperations' && c.set === 'ForAllValues' && !c.ifExists && (c.operator === 'StringEquals' || c.operator === 'StringLike') && c.values.length > 0 && c.values.every((v) => !wildcardMatches(v.raw, 'CreateGrant') && !wildcardMatches(v.raw, 'kms:CreateGrant')),
  );
}

/** Grants created by an AWS service for its resource: `GrantIsForAWSResource: true`, or only through a named service. */
function forAwsResource(s: Statement): boolean {
  return s.conditions.some((c) => {
    if (c.ifExists || c.values.length === 0) return false;
    if (clauseKey(c) === 'kms:viaservice') return c.set === null && (c.operator === 'StringEquals' || c.operator === 'StringLike');
    return clauseKey(c) === 'kms:grantisforawsresource' && c.operator === 'Bool' && c.values.every((v) => v.raw.toLowerCase() === 'true');
  });
}


const grant = (operations: string[]) => ({
  type: 'grant' as const,
  grant: { ref: { kind: 'grant' as const, id: 'grant:g1' }, grantId: 'g1', keyArn: KEY_ARN, granteePrincipal: 'arn:aws:iam::111122223333:role/Worker', operations, issuingAccount: 'arn:aws:iam::111122223333:root' },
});
const ROLE = { AWS: 'arn:aws:iam::111122223333:role/App' };

export default defineRule({
  id: 'KMS402',
  name: 'grant-redelegation',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity', 'grant'],
    docs: {
      description: '`kms:CreateGrant` is allowed without `ForAllValues:StringEquals kms:GrantOperations` excluding `CreateGrant`, or a grant\'s operations include `CreateGrant`.',
      rationale:
        'A grant that includes CreateGrant lets its grantee create further grants, so access spreads past anyone who reads the key policy, and grants never expire. Confine the operations a principal may grant with `ForAllValues:StringEquals` on `kms:GrantOperations`, and leave `CreateGrant` out of grants.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations',
    },
    existingTools: {},
    messages: {
      policyRedelegation: 'statement `{{sid}}` allows `kms:CreateGrant` without confining `kms:GrantOperations`: grants it creates may include CreateGrant',
      grantRedelegation: 'grant `{{grantId}}` includes `CreateGrant`: its grantee can create further grants',
    },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type === 'grant') {
      if (t.grant.operations.includes('kms:CreateGrant')) ctx.report({ messageId: 'grantRedelegation', pointer: grantOperationPointer(t, 'CreateGrant'), data: { grantId: t.grant.grantId } });
      return;
    }
    const keyPolicy = t.type === 'policy' && t.kind === 'key';
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || s.actions === undefined) continue;
      if (!covers(s.actions, 'kms:CreateGrant') || covers(s.actions, 'kms:PutKeyPolicy') || forAwsResource(s) || excludesCreateGrant(s)) continue;
      if (keyPolicy && principalEntries(s).every(isAccountRoot)) continue;
      ctx.report({ messageId: 'policyRedelegation', pointer: valuesCovering(s.actions, 'kms:CreateGrant')[0]?.pointer ?? s.actions.pointer, data: { sid: s.ref.sid } });
    }
  },
  cases: {
    valid: [
      {
        name: 'grant operations confined to Decrypt and Encrypt',
        policy: identityPolicy({ Sid: 'Grant', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'Encrypt'] }, Null: { 'kms:GrantOperations': 'false' } } }),
      },
      { name: 'grants for AWS resources only', policy: rootedKeyPolicy({ Sid: 'Attach', Effect: 'Allow', Principal: ROLE, Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } }) },
      { name: 'a grant for Decrypt only', target: grant(['kms:Decrypt']) },
    ],
    invalid: [
      {
        name: 'CreateGrant with GrantOperations matching CreateGrant by wildcard',
        policy: rootedKeyPolicy({ Sid: 'Grant', Effect: 'Allow', Principal: ROLE, Action: 'kms:CreateGrant', Resource: '*', Condition: { 'ForAllValues:StringLike': { 'kms:GrantOperations': ['Decrypt', 'Create*'] } } }),
        errors: [{ messageId: 'policyRedelegation', pointer: '/Statement/1/Action' }],
      },
      {
        name: 'CreateGrant with no GrantOperations condition',
        policy: identityPolicy({ Sid: 'Grant', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:CreateGrant'], Resource: '*' }),
        errors: [{ messageId: 'policyRedelegation', pointer: '/Statement/0/Action/1' }],
      },
      { name: 'a grant that includes CreateGrant', target: grant(['kms:Decrypt', 'kms:CreateGrant']), errors: [{ messageId: 'grantRedelegation', pointer: '/operations/1', line: 11, column: 5 }] },
    ],
  },
});
