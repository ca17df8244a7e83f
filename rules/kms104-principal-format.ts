/**
 * KMS104 principal-format: a principal KMS will reject or never match: whitespace in an ARN
 * (fixed: AWS rejects the value as written), an unknown principal type or nested element such as
 * `Action` inside `Principal`, an ARN that is not IAM/STS, a wildcard inside an ARN (`role/*`;
 * `arn:aws:iam::*:root` is KMS101's), an IAM group (groups cannot be principals), a malformed
 * service principal, or a federated principal in a key policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { isEveryonePrincipal } from '../src/lint/helpers.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import type { PrincipalEntry } from '../src/model/policy.js';
import { rootedKeyPolicy } from './support/cases.js';

const SERVICE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$|^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazon\.com$/;
const IAM_ARN = /^arn:aws[a-z-]*:(iam|sts)::([0-9]{12}|[^:]*):.+$/;

type Problem = 'notIamArn' | 'partialWildcard' | 'groupPrincipal' | 'badServicePrincipal' | 'federatedInKeyPolicy';

function problemOf(e: PrincipalEntry, kind: string): Problem | undefined {
  if (e.type === 'Service') return SERVICE.test(e.raw) ? undefined : 'badServicePrincipal';
  if (e.type === 'Federated') return kind === 'key' ? 'federatedInKeyPolicy' : undefined;
  if (e.type !== 'AWS' || isEveryonePrincipal(e) || e.raw.includes('{{')) return undefined;
  if (!e.raw.startsWith('arn:')) return undefined; // account ids and unique ids: KMS105's business
  if (!IAM_ARN.test(e.raw)) return 'notIamArn';
  if (/:group\//.test(e.raw)) return 'groupPrincipal';
  if (/[*?]/.test(e.raw)) return 'partialWildcard';
  return undefined;
}

export default defineRule({
  id: 'KMS104',
  name: 'principal-format',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'rcp', 'vpce', 'trust'],
    docs: {
      description: 'A principal is malformed or of a kind a key policy cannot name.',
      rationale: 'KMS rejects a key policy with an invalid principal (`MalformedPolicyDocumentException`), and some forms it accepts never match: a wildcard inside an ARN is literal, an IAM group is not a principal. Text copied from documentation often has stray spaces (`arn:aws: iam:: 123…`).',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    },
    existingTools: { accessAnalyzer: 'INVALID_PRINCIPAL_FORMAT/KEY, UNSUPPORTED_WILDCARD_IN_PRINCIPAL, INVALID_SERVICE_PRINCIPAL_FORMAT, FEDERATED_PRINCIPAL_NOT_SUPPORTED', parliament: 'UNKNOWN_PRINCIPAL, UNKNOWN_FEDERATION_SOURCE' },
    messages: {
      readProblem: '{{message}}',
      whitespace: 'principal `{{principal}}` contains whitespace: write `{{fixed}}`',
      notIamArn: 'principal `{{principal}}` is not an IAM or STS ARN',
      partialWildcard: 'wildcard inside principal `{{principal}}` is not supported: it is matched literally',
      groupPrincipal: 'IAM group `{{principal}}` cannot be a principal: name its users or a role',
      badServicePrincipal: 'service principal `{{principal}}` is not of the form `service.amazonaws.com`',
      federatedInKeyPolicy: 'federated principal `{{principal}}` is not supported in a key policy',
    },
    fixable: true,
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS104', 'readProblem');
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    for (const s of t.policy.statements) {
      for (const e of s.principals?.entries ?? []) {
        const fixed = e.raw.replace(/\s+/g, '');
        if (fixed !== e.raw) {
          ctx.report({ messageId: 'whitespace', pointer: e.pointer, data: { principal: e.raw, fixed }, fix: [{ op: 'replace', path: e.pointer, value: fixed }] });
          continue;
        }
        const p = problemOf(e, t.kind);
        if (p !== undefined) ctx.report({ messageId: p, pointer: e.pointer, data: { principal: e.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'role, user, account and service principals', policy: rootedKeyPolicy({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:role/App', 'arn:aws:iam::111122223333:user/Bob', '444455556666'], Service: 'logs.us-east-1.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' }) },
      { name: 'assumed-role session', policy: rootedKeyPolicy({ Sid: 'Session', Effect: 'Allow', Principal: { AWS: 'arn:aws:sts::111122223333:assumed-role/App/session' }, Action: 'kms:Decrypt', Resource: '*' }) },
    ],
    invalid: [
      {
        name: 'spaces in a principal ARN (fixed)',
        policy: rootedKeyPolicy({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws: iam:: 111122223333:user/ExampleUser' }, Action: 'kms:Decrypt', Resource: '*' }),
        errors: [{ messageId: 'whitespace', pointer: '/Statement/1/Principal/AWS', output: rootedKeyPolicy({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/ExampleUser' }, Action: 'kms:Decrypt', Resource: '*' }) }],
      },
      {
        name: 'Action nested inside Principal',
        policy: rootedKeyPolicy({ Sid: 'Nested', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App', Action: 'kms:Decrypt' }, Resource: '*' }),
        errors: [{ messageId: 'readProblem', pointer: '/Statement/1/Principal/Action' }],
      },
      {
        name: 'group, wildcard role and bad service principal',
        policy: rootedKeyPolicy({ Sid: 'Bad', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:group/Admins', 'arn:aws:iam::111122223333:role/app-*'], Service: 'logs' }, Action: 'kms:Decrypt', Resource: '*' }),
        errors: [
          { messageId: 'groupPrincipal', pointer: '/Statement/1/Principal/AWS/0' },
          { messageId: 'partialWildcard', pointer: '/Statement/1/Principal/AWS/1' },
          { messageId: 'badServicePrincipal', pointer: '/Statement/1/Principal/Service' },
        ],
      },
      {
        name: 'an ARN of another service',
        policy: rootedKeyPolicy({ Sid: 'S3', Effect: 'Allow', Principal: { AWS: 'arn:aws:s3:::my-bucket' }, Action: 'kms:Decrypt', Resource: '*' }),
        errors: [{ messageId: 'notIamArn', pointer: '/Statement/1/Principal/AWS' }],
      },
      {
        name: 'federated principal in a key policy',
        policy: rootedKeyPolicy({ Sid: 'Fed', Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' }),
        errors: [{ messageId: 'federatedInKeyPolicy', pointer: '/Statement/1/Principal/Federated' }],
      },
    ],
  },
});
