/**
 * KMS401 create-grant-unscoped: `kms:CreateGrant` (named, or through `kms:*`, `kms:Create*`, `*`)
 * allowed without a condition that limits the grants: `Bool kms:GrantIsForAWSResource: true`
 * (only integrated AWS services may create them, as in AWS's default key-user statement), an exact
 * `kms:ViaService` (the request must come through that service, as in AWS managed key policies), a
 * `kms:GranteePrincipal` value, or `ForAllValues:StringEquals kms:GrantOperations`. Otherwise the
 * principal can give key use to anyone, in any account, and grants never expire. Statements that
 * also allow `kms:PutKeyPolicy` (administrators, KMS113/KMS114) and the account-root delegation are
 * not reported here: those principals can grant themselves anything anyway.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
 */
import { expandActions, valuesCovering } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, isAccountRoot, principalEntries } from '../src/lint/helpers.js';
import type { ConditionClause, Statement, ValueSet } from '../src/model/policy.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const CREATE = 'kms:CreateGrant';

function limits(c: ConditionClause): boolean {
  if (c.ifExists || c.operator.includes('Not') || c.values.length === 0) return false;
  // Through a named service only: the service creates the grant for the resource it manages.
  if (clauseKey(c) === 'kms:viaservice') return c.set === null && c.operator.startsWith('String');
  if (clauseKey(c) === 'kms:grantisforawsresource') return c.operator === 'Bool' && c.values.every((v) => v.raw.toLowerCase() === 'true');
  if (clauseKey(c) === 'kms:granteeprincipal') return c.set === null;
  return clauseKey(c) === 'kms:grantoperations' && c.set === 'ForAllValues';
}

/** True when the Action/NotAction element covers `name` (expanded once per distinct Action list). */
function covers(set: ValueSet | undefined, name: string): boolean {
  return expandActions(set).has(name);
}

/** An Allow of CreateGrant to someone who is not already a key administrator. */
function unscopedCreateGrant(s: Statement, keyPolicy: boolean): boolean {
  if (s.effect !== 'Allow') return false;
  if (!covers(s.actions, CREATE) || covers(s.actions, 'kms:PutKeyPolicy')) return false;
  if (keyPolicy && principalEntries(s).every(isAccountRoot)) return false;
  return !s.conditions.some(limits);
}

const ROLE = { AWS: 'arn:aws:iam::111122223333:role/App' };

export default defineRule({
  id: 'KMS401',
  name: 'create-grant-unscoped',
  meta: {
    type: 'problem',
    severity: 'warning',
    securitySeverity: 7.0,
    scope: ['key', 'identity'],
    docs: {
      description: '`kms:CreateGrant` is allowed to a non-administrator without `Bool kms:GrantIsForAWSResource: true`, a `kms:ViaService`, a `kms:GranteePrincipal` limit or a `kms:GrantOperations` limit.',
      rationale:
        'A principal that may create grants can give any principal, in any account, any grant operation on the key, including Decrypt, and grants do not expire. Key users normally need grants only for AWS services acting on their resources: add `"Bool": {"kms:GrantIsForAWSResource": "true"}`, or limit the grantee and the operations.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html',
    },
    existingTools: { parliament: 'c:PERMISSIONS_MANAGEMENT_ACTIONS (IAM, part.)', checkov: 'CKV_AWS_109 (IAM, gen.)' },
    messages: { unscopedCreateGrant: 'statement `{{sid}}` allows `kms:CreateGrant` with no limit on grantee, operations or AWS-resource use: its principals can give key use to anyone' },
  },
  check(ctx) {
    const keyPolicy = ctx.target.type === 'policy' && ctx.target.kind === 'key';
    for (const s of ctx.statements()) {
      if (!unscopedCreateGrant(s, keyPolicy) || s.actions === undefined) continue;
      const at = valuesCovering(s.actions, CREATE)[0]?.pointer ?? s.actions.pointer;
      ctx.report({ messageId: 'unscopedCreateGrant', pointer: at, data: { sid: s.ref.sid } });
    }
  },
  cases: {
    valid: [
      { name: 'the default key-user grant statement', policy: rootedKeyPolicy({ Sid: 'Attach', Effect: 'Allow', Principal: ROLE, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }) },
      { name: 'grantee and operations limited', policy: identityPolicy({ Sid: 'Grant', Effect: 'Allow', Action: 'kms:CreateGrant', Resource: '*', Condition: { StringEquals: { 'kms:GranteePrincipal': 'arn:aws:iam::111122223333:role/Worker' } } }) },
      { name: 'the account root delegation', policy: rootedKeyPolicy() },
      {
        name: 'the AWS managed key pattern: only through EBS, callers of this account',
        policy: rootedKeyPolicy({ Sid: 'Ebs', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:CreateGrant'], Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
      },
    ],
    invalid: [
      {
        name: 'CreateGrant to a role with no condition',
        policy: rootedKeyPolicy({ Sid: 'Users', Effect: 'Allow', Principal: ROLE, Action: ['kms:Decrypt', 'kms:CreateGrant'], Resource: '*' }),
        errors: [{ messageId: 'unscopedCreateGrant', pointer: '/Statement/1/Action/1' }],
      },
      {
        name: 'kms:Create* in an identity policy, GrantIsForAWSResource only IfExists',
        policy: identityPolicy({ Sid: 'Create', Effect: 'Allow', Action: 'kms:Create*', Resource: '*', Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'true' } } }),
        errors: [{ messageId: 'unscopedCreateGrant', pointer: '/Statement/0/Action' }],
      },
    ],
  },
});
