/**
 * KMS002 version: `Version` missing (warning: AWS then reads the policy as 2008-10-17, where
 * policy variables are plain text), not a known value (error, reported by the parser), or
 * 2008-10-17 with `${…}` variables that will be matched literally (error).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import type { PolicyValue, Statement } from '../src/model/policy.js';
import { ACCOUNT, ROOT_STATEMENT } from './support/cases.js';

function variableValues(s: Statement): PolicyValue[] {
  const out = [...(s.resources?.values ?? [])];
  for (const c of s.conditions) out.push(...c.values);
  return out.filter((v) => v.raw.includes('${'));
}

export default defineRule({
  id: 'KMS002',
  name: 'version',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'The policy has no `Version`, an unknown one, or `2008-10-17` together with policy variables.',
      rationale:
        'Without `Version`, AWS uses `2008-10-17`, in which `${aws:username}` and other policy variables are literal text, so a statement meant to scope access per principal silently matches nothing (or the wrong thing). Always write `"Version": "2012-10-17"`.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
    },
    existingTools: { accessAnalyzer: 'MISSING_VERSION, INVALID_VERSION, VARIABLE_UNSUPPORTED_IN_VERSION', parliament: 'NO_VERSION, INVALID_VERSION, OLD_VERSION', cfnLint: 'E3512/E3510' },
    messages: {
      readProblem: '{{message}}',
      missingVersion: 'policy has no `Version`: write `"Version": "2012-10-17"`',
      variableInOldVersion: 'policy variable in `{{value}}` is literal text under Version `{{version}}`: use `2012-10-17`',
    },
    messageSeverity: { readProblem: 'error', variableInOldVersion: 'error' },
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS002', 'readProblem');
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    const raw = t.raw;
    // A bare statement is KMS003's finding; a Version complaint on it would be noise.
    if (typeof raw !== 'object' || raw === null || !('Statement' in raw)) return;
    if (!('Version' in raw)) {
      ctx.report({ messageId: 'missingVersion', pointer: '' });
    }
    if (t.policy.version === '2012-10-17') return;
    for (const s of t.policy.statements) {
      for (const v of variableValues(s)) ctx.report({ messageId: 'variableInOldVersion', pointer: v.pointer, data: { value: v.raw, version: t.policy.version ?? '2008-10-17' } });
    }
  },
  cases: {
    valid: [
      { name: 'Version 2012-10-17', policy: { Version: '2012-10-17', Statement: [ROOT_STATEMENT] } },
      {
        name: 'variables under 2012-10-17',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:user': '${aws:username}' } } }] },
      },
    ],
    invalid: [
      {
        name: 'no Version',
        policy: { Statement: [ROOT_STATEMENT] },
        errors: [{ messageId: 'missingVersion', pointer: '' }],
      },
      {
        name: 'unknown Version',
        policy: { Version: '2012-10-18', Statement: [ROOT_STATEMENT] },
        errors: [{ messageId: 'readProblem', pointer: '/Version', line: 2, column: 14 }],
      },
      {
        name: 'variable under 2008-10-17',
        policy: { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/\${aws:username}` }] },
        errors: [{ messageId: 'variableInOldVersion', pointer: '/Statement/0/Resource' }],
      },
    ],
  },
});
