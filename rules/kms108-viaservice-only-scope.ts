/**
 * KMS108 viaservice-only-scope: `Principal: "*"` limited by conditions that do not name the
 * caller: `kms:ViaService`, encryption context, `aws:SecureTransport`, tags. Any account can then
 * use the key through that service. Prowler treats ViaService as restrictive; it is not.
 * Reported at the first non-pinning condition, with KMS101 reporting the exposure itself.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
import { defineRule } from '../src/lint/define-rule.js';
import { isEveryonePrincipal, pinningClauses, principalEntries } from '../src/lint/helpers.js';
import { ACCOUNT, rootedKeyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS108',
  name: 'viaservice-only-scope',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 8.0,
    scope: ['key'],
    docs: {
      description: '`Principal: "*"` is limited only by conditions that do not name the caller (`kms:ViaService`, encryption context, `aws:SecureTransport`, tags).',
      rationale: '`kms:ViaService` says which service relays the request, not whose request it is: any account that uses EC2 in that region can use the key through EC2. Add an exact `kms:CallerAccount`, `aws:PrincipalAccount` or `aws:PrincipalOrgID` condition.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service',
    },
    existingTools: { accessAnalyzer: 'XA (semantic)', prowler: '✗ treats ViaService as restrictive' },
    messages: { notPinning: 'condition on `{{key}}` does not limit who the caller is: any account can use the key through it' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || s.conditions.length === 0 || !principalEntries(s).some(isEveryonePrincipal)) continue;
      if (pinningClauses(s).length > 0) continue;
      const first = s.conditions[0];
      if (first === undefined) continue;
      ctx.report({ messageId: 'notPinning', pointer: first.pointer, data: { key: first.keyAsWritten } });
    }
  },
  cases: {
    valid: [
      { name: 'ViaService with CallerAccount', policy: rootedKeyPolicy({ Sid: 'Ebs', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:CallerAccount': ACCOUNT } } }) },
      { name: 'ViaService on a named principal', policy: rootedKeyPolicy({ Sid: 'Role', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/App` }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }) },
    ],
    invalid: [
      {
        name: 'ViaService only',
        policy: rootedKeyPolicy({ Sid: 'Via', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }),
        errors: [{ messageId: 'notPinning', pointer: '/Statement/1/Condition/StringEquals/kms:ViaService' }],
      },
      {
        name: 'SecureTransport and encryption context only',
        policy: rootedKeyPolicy({ Sid: 'Tls', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'kms:EncryptionContext:app': 'billing' } } }),
        errors: [{ messageId: 'notPinning', pointer: '/Statement/1/Condition/Bool/aws:SecureTransport' }],
      },
    ],
  },
});
