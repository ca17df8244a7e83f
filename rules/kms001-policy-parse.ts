/**
 * KMS001 policy-parse: the file or an embedded policy string cannot be read (JSON/YAML syntax,
 * a `Policy`/`Content`/`policy` string that is not JSON, an unreadable file). The readers report
 * these problems; this rule is how they reach the lint output.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';

export default defineRule({
  id: 'KMS001',
  name: 'policy-parse',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'The file, or a policy given as a JSON string inside it, is not valid JSON or YAML.',
      rationale: 'A policy that cannot be parsed cannot be checked, and AWS rejects it on deployment (`MalformedPolicyDocumentException`). Every later rule is blind to it.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html',
    },
    existingTools: { accessAnalyzer: 'JSON_SYNTAX_ERROR', parliament: 'MALFORMED_JSON', cfnLint: 'E0000' },
    messages: { readProblem: '{{message}}' },
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS001', 'readProblem');
  },
  cases: {
    valid: [
      { name: 'a valid JSON policy', text: '{"Version": "2012-10-17", "Statement": []}\n' },
      { name: 'a valid YAML policy', file: 'policy.yaml', text: 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: kms:Decrypt\n    Resource: "*"\n' },
    ],
    invalid: [
      {
        name: 'a missing comma',
        text: '{\n  "Version": "2012-10-17"\n  "Statement": []\n}\n',
        errors: [{ messageId: 'readProblem', pointer: '', line: 3, column: 3 }],
      },
      {
        name: 'unterminated YAML flow mapping',
        file: 'policy.yaml',
        text: 'Version: "2012-10-17"\nStatement: { Effect: Allow\n',
        errors: [{ messageId: 'readProblem', pointer: '' }],
      },
    ],
  },
});
