/**
 * KMS003 statement-shape: the policy grammar is broken (missing Statement/Effect/Action/Resource,
 * a key-policy statement without Principal, Action with NotAction, an unknown element, a wrong
 * JSON type, a bare statement where a policy belongs, a condition key with whitespace). The parser
 * finds most of these; the whitespace in condition keys is checked here so it can be fixed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer, valueAt } from '../src/lint/helpers.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import { ROOT_STATEMENT, keyPolicy } from './support/cases.js';

export default defineRule({
  id: 'KMS003',
  name: 'statement-shape',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'The policy or a statement does not follow the IAM policy grammar.',
      rationale:
        'AWS rejects a malformed policy (`MalformedPolicyDocumentException`), or, for elements it tolerates, ignores what the author meant. A statement pasted where a policy belongs, `Action` nested inside `Principal`, or a condition key with a stray space are common when copying examples from documentation.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
    },
    existingTools: {
      accessAnalyzer: 'MISSING_*, UNSUPPORTED_ELEMENT_COMBINATION, INVALID_EFFECT, INVALID_POLICY_ELEMENT, DATA_TYPE_MISMATCH',
      parliament: 'MALFORMED',
      cfnLint: 'E3512/E3510',
    },
    messages: {
      readProblem: '{{message}}',
      conditionKeyWhitespace: 'condition key `{{key}}` contains whitespace: write `{{fixed}}`',
    },
    // Removing whitespace from a condition key is mechanical: AWS rejects the key as written.
    fixable: true,
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS003', 'readProblem');
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    for (const s of t.policy.statements) {
      for (const c of s.conditions) {
        if (!/\s/.test(c.keyAsWritten)) continue;
        const fixed = c.keyAsWritten.replace(/\s+/g, '');
        const parent = c.pointer.slice(0, c.pointer.lastIndexOf('/'));
        const block = valueAt(t.raw, parent);
        const clash = typeof block === 'object' && block !== null && fixed in block;
        const fix = clash || fixed === '' ? undefined : [{ op: 'remove' as const, path: c.pointer }, { op: 'add' as const, path: appendPointer(parent, fixed), value: valueAt(t.raw, c.pointer) }];
        ctx.report({ messageId: 'conditionKeyWhitespace', pointer: c.pointer, data: { key: c.keyAsWritten, fixed }, ...(fix === undefined ? {} : { fix }) });
      }
    }
  },
  cases: {
    valid: [
      { name: 'a well-formed key policy', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'a well-formed identity policy', policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' } } },
    ],
    invalid: [
      {
        name: 'a bare statement where a policy belongs',
        policy: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        errors: [{ messageId: 'readProblem', pointer: '', line: 1, column: 1 }],
      },
      {
        name: 'Action nested inside Principal',
        policy: keyPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root', Action: 'kms:*' }, Resource: '*' }),
        errors: [{ messageId: 'readProblem', pointer: '/Statement/0' }],
      },
      {
        name: 'Action and NotAction together',
        kind: 'identity',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', NotAction: 'kms:Encrypt', Resource: '*' }] },
        errors: [{ messageId: 'readProblem', pointer: '/Statement/0' }],
      },
      {
        name: 'whitespace in a condition key (fixed)',
        policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms: ViaService': 'ec2.us-east-1.amazonaws.com' } } }] },
        errors: [
          {
            messageId: 'conditionKeyWhitespace',
            pointer: '/Statement/0/Condition/StringEquals/kms: ViaService',
            output: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }] },
          },
        ],
      },
    ],
  },
});
