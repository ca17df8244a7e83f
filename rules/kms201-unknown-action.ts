/**
 * KMS201 unknown-action: an action that names no KMS permission: whitespace inside it
 * (`"kms: Encrypt"`, common in text copied from documentation), a wrong-case service prefix, a
 * name the catalogue does not know (with a "did you mean"), or a wildcard that matches nothing.
 * Fixes: removing whitespace and lower-casing the service prefix are safe (AWS rejects the value as
 * written, and action names are case-insensitive, so the fix restores the only meaning the value
 * can have). A "did you mean" names a different permission, so it is a suggestion only. Also a
 * grant operation that CreateGrant does not accept (found by the parser, reported here).
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { suggestAction } from '../src/catalogue/index.js';
import { actionsMatching } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import { identityPolicy } from './support/cases.js';

const FORMAT = /^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]*$/;

export default defineRule({
  id: 'KMS201',
  name: 'unknown-action',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'An action is not a KMS permission: whitespace inside it, wrong case in `kms`, an unknown name, or a wildcard that matches nothing; or a grant lists an operation that CreateGrant does not accept.',
      rationale: 'AWS rejects a policy with a malformed action, and an unknown-but-well-formed one silently matches nothing, so the access the author meant is never granted (or never denied).',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html',
    },
    existingTools: { accessAnalyzer: 'INVALID_ACTION, INVALID_SERVICE(_IN_ACTION)', parliament: 'UNKNOWN_ACTION, UNKNOWN_PREFIX', cfnLint: 'W3037' },
    messages: {
      readProblem: '{{message}}',
      whitespace: 'action `{{action}}` contains whitespace: write `{{fixed}}`',
      prefixCase: 'service prefix of `{{action}}` must be lowercase: write `{{fixed}}`',
      malformed: 'action `{{action}}` is not of the form `service:action`',
      unknownAction: 'unknown KMS action `{{action}}`',
      unknownActionDidYouMean: 'unknown KMS action `{{action}}`: did you mean `{{suggestion}}`?',
      matchesNothing: 'wildcard `{{action}}` matches no KMS action',
      useSuggestion: 'replace with `{{suggestion}}`',
    },
    fixable: true,
    hasSuggestions: true,
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS201', 'readProblem');
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const v of s.actions?.values ?? []) {
        const raw = v.raw;
        if (raw === '*') continue;
        const fixed = raw.replace(/\s+/g, '');
        if (fixed !== raw) {
          ctx.report({ messageId: 'whitespace', pointer: v.pointer, data: { action: raw, fixed }, fix: [{ op: 'replace', path: v.pointer, value: fixed }] });
          continue;
        }
        if (!FORMAT.test(raw)) {
          ctx.report({ messageId: 'malformed', pointer: v.pointer, data: { action: raw } });
          continue;
        }
        const [prefix = '', name = ''] = raw.split(':');
        if (prefix.toLowerCase() !== 'kms') continue;
        if (prefix !== 'kms') {
          const lower = `kms:${name}`;
          ctx.report({ messageId: 'prefixCase', pointer: v.pointer, data: { action: raw, fixed: lower }, fix: [{ op: 'replace', path: v.pointer, value: lower }] });
          continue;
        }
        if (actionsMatching(raw).length > 0) continue;
        if (/[*?]/.test(name)) {
          ctx.report({ messageId: 'matchesNothing', pointer: v.pointer, data: { action: raw } });
          continue;
        }
        const suggestion = suggestAction(raw);
        if (suggestion === undefined) ctx.report({ messageId: 'unknownAction', pointer: v.pointer, data: { action: raw } });
        else ctx.report({ messageId: 'unknownActionDidYouMean', pointer: v.pointer, data: { action: raw, suggestion }, suggestions: [{ messageId: 'useSuggestion', data: { suggestion }, fix: [{ op: 'replace', path: v.pointer, value: suggestion }] }] });
      }
    }
  },
  cases: {
    valid: [
      { name: 'known actions and wildcards', policy: identityPolicy({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:List*'], Resource: '*' }) },
      { name: 'other services are not judged', policy: identityPolicy({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: '*' }) },
    ],
    invalid: [
      {
        name: 'a grant operation CreateGrant does not accept (found by the parser)',
        text: `${JSON.stringify({ Grants: [{ KeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', GrantId: 'g1', GranteePrincipal: 'arn:aws:iam::111122223333:role/App', IssuingAccount: 'arn:aws:iam::111122223333:root', Operations: ['Decrypt', 'PutKeyPolicy'] }] }, null, 2)}\n`,
        errors: [{ messageId: 'readProblem', pointer: '/Grants/0/Operations/1' }],
      },
      {
        name: 'whitespace after the colon (fixed)',
        policy: identityPolicy({ Effect: 'Allow', Action: ['kms: Encrypt', 'kms:Decrypt'], Resource: '*' }),
        errors: [{ messageId: 'whitespace', pointer: '/Statement/0/Action/0', line: 7, column: 9, output: identityPolicy({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' }) }],
      },
      {
        name: 'a typo, with a suggestion',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrpyt', Resource: '*' }),
        errors: [{ messageId: 'unknownActionDidYouMean', pointer: '/Statement/0/Action', suggestions: [{ messageId: 'useSuggestion', output: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }) }] }],
      },
      {
        name: 'wrong-case prefix (fixed) and a wildcard matching nothing',
        policy: identityPolicy({ Effect: 'Allow', Action: ['KMS:Decrypt', 'kms:Frobnicate*'], Resource: '*' }),
        errors: [
          { messageId: 'prefixCase', pointer: '/Statement/0/Action/0', output: identityPolicy({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Frobnicate*'], Resource: '*' }) },
          { messageId: 'matchesNothing', pointer: '/Statement/0/Action/1' },
        ],
      },
      {
        name: 'an unknown name with no close match',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Zq', Resource: '*' }),
        errors: [{ messageId: 'unknownAction', pointer: '/Statement/0/Action' }],
      },
      {
        name: 'not service:action',
        policy: identityPolicy({ Effect: 'Allow', Action: 'Decrypt', Resource: '*' }),
        errors: [{ messageId: 'malformed', pointer: '/Statement/0/Action' }],
      },
    ],
  },
});
