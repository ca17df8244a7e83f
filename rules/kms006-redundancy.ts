/**
 * KMS006 redundancy: a value repeated in the same element, an action or resource already covered
 * by a wildcard beside it, or a condition value repeated. Harmless to access, but it hides what
 * the statement really allows and often marks a copy-paste slip.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { wildcardMatches } from '../src/lint/helpers.js';
import type { PolicyValue } from '../src/model/policy.js';
import { ROOT_STATEMENT, keyPolicy } from './support/cases.js';

/** For each value: the value that makes it redundant (a duplicate, or a wildcard covering it). */
function redundant(values: readonly PolicyValue[], ignoreCase: boolean): { value: PolicyValue; by: PolicyValue }[] {
  const out: { value: PolicyValue; by: PolicyValue }[] = [];
  const norm = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
  values.forEach((v, i) => {
    const by = values.find((o, j) => {
      if (j === i) return false;
      if (norm(o.raw) === norm(v.raw)) return j < i;
      // A wildcard covers a narrower value; two wildcards covering each other are equal (above).
      return /[*?]/.test(o.raw) && wildcardMatches(o.raw, v.raw) && !(/[*?]/.test(v.raw) && wildcardMatches(v.raw, o.raw));
    });
    if (by !== undefined) out.push({ value: v, by });
  });
  return out;
}

export default defineRule({
  id: 'KMS006',
  name: 'redundancy',
  meta: {
    type: 'suggestion',
    severity: 'info',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'An action, resource or condition value is repeated or already covered by a wildcard in the same element.',
      rationale: '`["kms:*", "kms:Decrypt"]` reads as if the statement were about Decrypt, but it allows every KMS action. Removing the covered value shows the real scope.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
    },
    existingTools: { accessAnalyzer: 'REDUNDANT_ACTION/RESOURCE/STATEMENT/CONDITION_VALUE_NUM', parliament: 'RESOURCE_EFFECTIVELY_STAR (part.)' },
    messages: {
      redundantValue: '`{{value}}` is already covered by `{{by}}` in the same element',
      repeatedConditionValue: 'condition value `{{value}}` is repeated',
    },
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const r of redundant(s.actions?.values ?? [], true)) ctx.report({ messageId: 'redundantValue', pointer: r.value.pointer, data: { value: r.value.raw, by: r.by.raw } });
      for (const r of redundant(s.resources?.values ?? [], false)) ctx.report({ messageId: 'redundantValue', pointer: r.value.pointer, data: { value: r.value.raw, by: r.by.raw } });
      for (const c of s.conditions) {
        c.values.forEach((v, i) => {
          if (c.values.findIndex((o) => o.raw === v.raw) < i) ctx.report({ messageId: 'repeatedConditionValue', pointer: v.pointer, data: { value: v.raw } });
        });
      }
    }
  },
  cases: {
    valid: [
      { name: 'distinct actions', policy: keyPolicy(ROOT_STATEMENT, { Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'], Resource: '*' }) },
      { name: 'distinct condition values', policy: keyPolicy({ ...ROOT_STATEMENT, Condition: { StringEquals: { 'kms:ViaService': ['ec2.us-east-1.amazonaws.com', 'rds.us-east-1.amazonaws.com'] } } }) },
    ],
    invalid: [
      {
        name: 'action covered by kms:*',
        policy: keyPolicy({ ...ROOT_STATEMENT, Action: ['kms:*', 'kms:Decrypt'] }),
        errors: [{ messageId: 'redundantValue', pointer: '/Statement/0/Action/1' }],
      },
      {
        name: 'action covered by a prefix wildcard, and a repeated resource',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:GenerateDataKey*', 'kms:GenerateDataKeyWithoutPlaintext'], Resource: ['arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'] }] },
        errors: [
          { messageId: 'redundantValue', pointer: '/Statement/0/Action/1' },
          { messageId: 'redundantValue', pointer: '/Statement/0/Resource/1' },
        ],
      },
      {
        name: 'repeated condition value',
        policy: keyPolicy({ ...ROOT_STATEMENT, Condition: { StringEquals: { 'kms:ViaService': ['ec2.us-east-1.amazonaws.com', 'ec2.us-east-1.amazonaws.com'] } } }),
        errors: [{ messageId: 'repeatedConditionValue', pointer: '/Statement/0/Condition/StringEquals/kms:ViaService/1' }],
      },
    ],
  },
});
