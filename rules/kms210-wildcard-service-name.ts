/**
 * KMS210 wildcard-service-name: a wildcard in the service prefix of an action (`k*:*`, `*ms:*`)
 * matches every service whose prefix fits, today and in future.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { identityPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS210',
  name: 'wildcard-service-name',
  meta: {
    type: 'hardening',
    severity: 'info',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'An action has a wildcard in its service prefix.',
      rationale: '`k*:*` matches `kms`, `kinesis`, `kafka` and any service AWS adds with a matching prefix. Name the service: `kms:*`.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    },
    existingTools: { accessAnalyzer: 'WILDCARD_IN_SERVICE_NAME' },
    messages: { wildcardService: 'service prefix of `{{action}}` has a wildcard: it matches more services than `kms`' },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const v of s.actions?.values ?? []) {
        const i = v.raw.indexOf(':');
        if (i > 0 && /[*?]/.test(v.raw.slice(0, i))) ctx.report({ messageId: 'wildcardService', pointer: v.pointer, data: { action: v.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'kms:*', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) },
      { name: 'bare "*" is KMS205\'s business', policy: identityPolicy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    ],
    invalid: [
      { name: 'k*:*', policy: identityPolicy({ Effect: 'Allow', Action: 'k*:*', Resource: '*' }), errors: [{ messageId: 'wildcardService', pointer: '/Statement/0/Action' }] },
      { name: '*ms:Decrypt', policy: identityPolicy({ Effect: 'Allow', Action: ['kms:Encrypt', '*ms:Decrypt'], Resource: '*' }), errors: [{ messageId: 'wildcardService', pointer: '/Statement/0/Action/1' }] },
    ],
  },
});
