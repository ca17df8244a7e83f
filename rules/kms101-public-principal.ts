/**
 * KMS101 public-principal: a key policy Allow for everyone, not pinned to an account or org.
 * Unlike Checkov and cfn_nag (which ignore conditions) and Prowler (which accepts any
 * kms:CallerAccount or kms:ViaService value), only an exact-value condition on a key naming the
 * caller's account or organization counts as a restriction (lint-catalogue.md §6.2, §7 item 1).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-kms-key
 */
import { defineRule } from '../src/lint/define-rule.js';
import { isEveryonePrincipal, pinningClauses, principalEntries } from '../src/lint/helpers.js';

const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };

export default defineRule({
  id: 'KMS101',
  name: 'public-principal',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 9.5,
    scope: ['key'],
    docs: {
      description: 'Key policy allows everyone (`"*"`, `{"AWS":"*"}`, `arn:aws:iam::*:root`) without a condition that pins the caller to an account or organization.',
      rationale:
        'A key policy statement with a wildcard principal lets any AWS account use the key unless a condition limits the caller. Only an exact-value `StringEquals`/`ArnEquals` (no wildcard, no `IfExists`, no set qualifier) on `aws:PrincipalAccount`, `kms:CallerAccount`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalArn` with an explicit account, or `aws:SourceAccount`/`aws:SourceArn`/`aws:SourceOwner` limits it. `kms:ViaService`, encryption context, `aws:SecureTransport` or tags do not.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
    },
    existingTools: {
      accessAnalyzer: 'isPublic; CheckNoPublicAccess',
      checkov: 'CKV_AWS_33, CKV_AWS_283',
      kics: '7ebc9038, da905474',
      prowler: 'kms_key_not_publicly_accessible',
      cfnNag: 'F76',
    },
    messages: {
      publicPrincipal: 'statement `{{sid}}` allows `{{principal}}` with no condition pinning the caller to an account or organization',
    },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || pinningClauses(s).length > 0) continue;
      for (const e of principalEntries(s)) {
        if (isEveryonePrincipal(e)) ctx.report({ messageId: 'publicPrincipal', pointer: e.pointer, data: { sid: s.ref.sid, principal: e.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'account root only', policy: { Version: '2012-10-17', Statement: [ROOT] } },
      {
        name: 'everyone, pinned to the caller account by exact StringEquals',
        policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'Use', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }] },
      },
      {
        name: 'everyone, pinned to the organization',
        policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } } }] },
      },
      {
        name: 'a Deny for everyone is not an exposure',
        policy: { Version: '2012-10-17', Statement: [ROOT, { Sid: 'DenyHttp', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    ],
    invalid: [
      {
        name: 'bare "*" principal',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal' }],
      },
      {
        name: 'kms:ViaService alone does not pin the caller',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'Via', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }] },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal/AWS' }],
      },
      {
        name: 'CallerAccount with StringLike and a wildcard does not pin',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'Like', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::*:root'] }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'kms:CallerAccount': '1111*' } } }] },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal/AWS/0' }],
      },
      {
        name: 'IfExists passes when the key is absent',
        policy: { Version: '2012-10-17', Statement: [{ Sid: 'IfExists', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' } } }] },
        errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal/AWS' }],
      },
    ],
  },
});
