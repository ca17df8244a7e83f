/**
 * KMS106 service-principal-unscoped: a key policy allows an AWS service principal without
 * `aws:SourceArn` or `aws:SourceAccount`, so the service can be asked to use the key on behalf of
 * any account that uses the service (the confused-deputy problem).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-services.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey, principalEntries } from '../src/lint/helpers.js';
import { rootedKeyPolicy } from './support/cases.js';

const SCOPING_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths'];

export default defineRule({
  id: 'KMS106',
  name: 'service-principal-unscoped',
  meta: {
    type: 'hardening',
    severity: 'warning',
    securitySeverity: 5.5,
    scope: ['key'],
    docs: {
      description: 'A key policy allows a service principal without an `aws:SourceArn`/`aws:SourceAccount` condition.',
      rationale: 'A service principal such as `logs.us-east-1.amazonaws.com` acts for every customer of that service. Without a source condition, another account can make the service use your key for its resources. Scope the statement to your account or resource.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    },
    existingTools: { accessAnalyzer: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL, RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL', prowler: '(part.) confused-deputy helper' },
    messages: { unscopedService: 'service principal `{{service}}` is allowed without `aws:SourceArn` or `aws:SourceAccount`' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow' || s.conditions.some((c) => SCOPING_KEYS.includes(clauseKey(c)))) continue;
      for (const e of principalEntries(s)) {
        if (e.type === 'Service') ctx.report({ messageId: 'unscopedService', pointer: e.pointer, data: { service: e.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'CloudWatch Logs scoped by SourceArn', policy: rootedKeyPolicy({ Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.us-east-1.amazonaws.com' }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:111122223333:log-group:*' }, StringEquals: { 'aws:SourceAccount': '111122223333' } } }) },
      { name: 'no service principal', policy: rootedKeyPolicy() },
    ],
    invalid: [
      {
        name: 'CloudTrail without a source condition',
        policy: rootedKeyPolicy({ Sid: 'Trail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*' }),
        errors: [{ messageId: 'unscopedService', pointer: '/Statement/1/Principal/Service' }],
      },
      {
        name: 'two services, a non-source condition only',
        policy: rootedKeyPolicy({ Sid: 'Svc', Effect: 'Allow', Principal: { Service: ['logs.us-east-1.amazonaws.com', 'sns.amazonaws.com'] }, Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
        errors: [
          { messageId: 'unscopedService', pointer: '/Statement/1/Principal/Service/0' },
          { messageId: 'unscopedService', pointer: '/Statement/1/Principal/Service/1' },
        ],
      },
    ],
  },
});
