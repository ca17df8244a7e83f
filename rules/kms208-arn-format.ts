/**
 * KMS208 arn-format: a `Resource` value that AWS will not accept or that can never match:
 * whitespace inside it (fixed: AWS rejects the value as written, so removing it is mechanical), a
 * value that is neither `*` nor an ARN, a wildcard in the service segment (both found by the
 * parser); and for a KMS key or alias ARN, a wrong number of parts, an unknown partition, a malformed region or account, or a
 * key id that is neither a UUID nor `mrk-` + 32 hex digits.
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { SYMBOLIC_PREFIX } from '../src/model/lint.js';
import { identityPolicy } from './support/cases.js';

const WHITESPACE = /\s/;
const KMS_ARN = /^arn:[^:]*:kms:/;
const WILDCARD = /[*?]/;
const PARTITION = /^aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?$/;
const REGION = /^([a-z]{2,}(-[a-z]+)*-[0-9]+|[a-z0-9*?-]*[*?][a-z0-9*?-]*)$/;
const ACCOUNT = /^([0-9]{12}|[0-9*?]*[*?][0-9*?]*)$/;
const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS = /^alias\/[A-Za-z0-9/_*?-]+$/;

/** What is wrong with a KMS ARN, or undefined. Wildcards are allowed wherever IAM allows them. */
function kmsArnProblem(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6) return 'it must have six parts `arn:partition:kms:region:account:resource`';
  const [, partition = '', , region = '', account = '', resource = ''] = parts;
  if (!PARTITION.test(partition) && !/[*?]/.test(partition)) return `unknown partition \`${partition}\``;
  if (!REGION.test(region)) return `malformed region \`${region}\``;
  if (!ACCOUNT.test(account)) return `account \`${account}\` is not 12 digits`;
  if (resource.startsWith('key/')) {
    const id = resource.slice(4);
    return KEY_ID.test(id) || /[*?]/.test(id) ? undefined : `key id \`${id}\` is neither a UUID nor \`mrk-\` followed by 32 hex digits`;
  }
  if (resource.startsWith('alias/')) return ALIAS.test(resource) ? undefined : `malformed alias name \`${resource}\``;
  return /^[*?]/.test(resource) ? undefined : `resource \`${resource}\` is neither \`key/…\` nor \`alias/…\``;
}

export default defineRule({
  id: 'KMS208',
  name: 'arn-format',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'A `Resource` value is not an ARN, has a wildcard in its service segment or whitespace, or is a malformed KMS key or alias ARN.',
      rationale: 'AWS rejects some malformed ARNs and silently never matches others, so the statement grants (or denies) nothing. Text copied from documentation often carries stray spaces (`arn:aws: kms:…`).',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN',
    },
    existingTools: { accessAnalyzer: 'INVALID_ARN_*, MISSING_ARN_*, INVALID_PARTITION', parliament: 'INVALID_ARN', cfnLint: 'E3514, E1157, E1162, E1164' },
    messages: {
      notArn: 'resource `{{arn}}` is neither `*` nor an ARN',
      wildcardInService: 'resource `{{arn}}` has a wildcard in its service segment, which AWS does not allow',
      whitespace: 'resource `{{arn}}` contains whitespace: write `{{fixed}}`',
      malformedArn: 'KMS ARN `{{arn}}` is malformed: {{problem}}',
    },
    fixable: true,
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const v of s.resources?.values ?? []) {
        // Symbolic template values ({{Ref.X}}) are exact but unknown: nothing to judge.
        if (v.raw.includes(SYMBOLIC_PREFIX)) continue;
        const fixed = WHITESPACE.test(v.raw) ? v.raw.replace(/\s+/g, '') : v.raw;
        // The parser's checks of any resource (src/parse/values.ts), judged here on the model so
        // that template values are skipped and whitespace gets its fix.
        if (fixed !== v.raw) ctx.report({ messageId: 'whitespace', pointer: v.pointer, data: { arn: v.raw, fixed }, fix: [{ op: 'replace', path: v.pointer, value: fixed }] });
        if (fixed === '*') continue;
        const parts = fixed.split(':', 6);
        if (parts[0] !== 'arn' || parts.length < 6) {
          ctx.report({ messageId: 'notArn', pointer: v.pointer, data: { arn: fixed } });
          continue;
        }
        if (WILDCARD.test(parts[2])) ctx.report({ messageId: 'wildcardInService', pointer: v.pointer, data: { arn: fixed } });
        if (!KMS_ARN.test(fixed)) continue;
        // Judge the ARN the fix would produce, so one defect is not reported twice.
        const problem = v.template === undefined ? kmsArnProblem(fixed) : undefined;
        if (problem !== undefined) ctx.report({ messageId: 'malformedArn', pointer: v.pointer, data: { arn: fixed, problem } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'key and mrk ARNs', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab'] }) },
      { name: 'wildcards and an alias', policy: identityPolicy({ Effect: 'Allow', Action: 'kms:CreateAlias', Resource: ['arn:aws:kms:*:111122223333:key/*', 'arn:aws-cn:kms:cn-north-1:111122223333:alias/app-*'] }) },
    ],
    invalid: [
      {
        name: 'not an ARN, and a wildcard in the service segment',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['my-key', 'arn:aws:k*s:us-east-1:111122223333:key/*'] }),
        errors: [
          { messageId: 'notArn', pointer: '/Statement/0/Resource/0' },
          { messageId: 'wildcardInService', pointer: '/Statement/0/Resource/1' },
        ],
      },
      {
        name: 'whitespace in a resource of another service (fixed)',
        policy: identityPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/ reports/*' }),
        errors: [{ messageId: 'whitespace', pointer: '/Statement/0/Resource', output: identityPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/reports/*' }) }],
      },
      {
        name: 'spaces from copied documentation (fixed)',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws: kms:us-west-2:111122223333: key/1234abcd-12ab-34cd-56ef-1234567890ab' }),
        errors: [{ messageId: 'whitespace', pointer: '/Statement/0/Resource', output: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }) }],
      },
      {
        name: 'a key id that is not a UUID',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:222222222222:key/4567dcba-23ab-34cd-56ef-0987654321yz' }),
        errors: [{ messageId: 'malformedArn', pointer: '/Statement/0/Resource' }],
      },
      {
        name: 'short account and missing region',
        policy: identityPolicy({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms::111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'] }),
        errors: [
          { messageId: 'malformedArn', pointer: '/Statement/0/Resource/0' },
          { messageId: 'malformedArn', pointer: '/Statement/0/Resource/1' },
        ],
      },
    ],
  },
});
