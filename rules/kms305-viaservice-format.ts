/**
 * KMS305 viaservice-format: a `kms:ViaService` value that can never equal what KMS puts in the
 * request. AWS documents the value as `<service>.<region>.amazonaws.com`, lowercase, and says to
 * use the `.amazonaws.com` suffix in every partition. A service missing from the guide's table of
 * services that support the key is a warning, not an error: the table (below, as of the 2023
 * developer-guide snapshot) grows as services are integrated. Values holding a policy variable or
 * a deploy-time token (`{{…}}`) are not judged.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey } from '../src/lint/helpers.js';
import { SYMBOLIC_PREFIX } from '../src/model/lint.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const HOST = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.[a-z]{2,}(-[a-z]+)+-[0-9]+\.amazonaws\.com$/;
const NO_REGION = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;
const LIKE = new Set(['StringLike', 'StringNotLike']);

/** Service names of the guide's "Services that support the kms:ViaService condition key" table. */
const VIA_SERVICES = new Set([
  'airflow', 'appflow', 'apprunner', 'athena', 'auditmanager', 'backup', 'backup-gateway', 'cassandra', 'codeartifact', 'codeguru-reviewer',
  'comprehend', 'connect', 'dax', 'directoryservice', 'dms', 'dynamodb', 'ec2', 'ecr', 'eks', 'elasticache', 'elasticfilesystem', 'es',
  'finspace', 'firehose', 'forecast', 'fsx', 'geo', 'glue', 'healthlake', 'importexport', 'iotsitewise', 'kafka', 'kendra', 'kinesis',
  'kinesisvideo', 'lambda', 'lex', 'license-manager', 'lookoutequipment', 'lookoutmetrics', 'lookoutvision', 'managedblockchain',
  'mediatailor', 'memorydb', 'mgn', 'monitron', 'mq', 'nimble', 'profile', 'proton', 'qldb', 'rds', 'redshift', 'rekognition', 's3',
  'secretsmanager', 'ses', 'sns', 'sqlworkbench', 'sqs', 'ssm', 'ssm-contacts', 'ssm-incidents', 'storagegateway', 'timestream',
  'wisdom', 'workmail', 'workspaces', 'xray',
]);

type Problem = 'wrongCase' | 'chinaSuffix' | 'wildcardWithEquals' | 'missingRegion' | 'notServiceName' | 'unknownService';

/** What is wrong with one value, or undefined. */
function problemOf(value: string, operator: string): Problem | undefined {
  if (value !== value.toLowerCase()) return 'wrongCase';
  if (value.endsWith('.amazonaws.com.cn')) return 'chinaSuffix';
  if (/[*?]/.test(value)) return LIKE.has(operator) ? undefined : 'wildcardWithEquals';
  if (HOST.test(value)) return VIA_SERVICES.has(value.slice(0, value.indexOf('.'))) ? undefined : 'unknownService';
  return NO_REGION.test(value) ? 'missingRegion' : 'notServiceName';
}

const ROLE = { AWS: 'arn:aws:iam::111122223333:role/App' };
const via = (op: string, value: unknown): object => ({ Sid: 'Via', Effect: 'Allow', Principal: ROLE, Action: 'kms:Decrypt', Resource: '*', Condition: { [op]: { 'kms:ViaService': value } } });

export default defineRule({
  id: 'KMS305',
  name: 'viaservice-format',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity'],
    docs: {
      description: 'A `kms:ViaService` value is not of the form `<service>.<region>.amazonaws.com` (missing region, `.amazonaws.com.cn`, an ARN, upper case, or a wildcard with `StringEquals`).',
      rationale:
        'KMS compares `kms:ViaService` with the service endpoint name `<service>.<region>.amazonaws.com`, in lower case and with that suffix in every partition. Any other spelling never matches, so an Allow silently grants nothing and a Deny silently denies everything or nothing. Wildcards need `StringLike`.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service',
    },
    existingTools: {},
    messages: {
      wrongCase: '`kms:ViaService` value `{{value}}` has upper-case letters: KMS uses lower case, so it never matches',
      chinaSuffix: '`kms:ViaService` value `{{value}}` ends in `.amazonaws.com.cn`: the value is `<service>.<region>.amazonaws.com` in every partition',
      wildcardWithEquals: '`kms:ViaService` value `{{value}}` has a wildcard but `{{operator}}` compares it literally: use `StringLike`',
      missingRegion: '`kms:ViaService` value `{{value}}` has no region: write `<service>.<region>.amazonaws.com`',
      notServiceName: '`kms:ViaService` value `{{value}}` is not a service endpoint name `<service>.<region>.amazonaws.com`',
      respell: 'write `{{fixed}}`',
      unknownService: '`kms:ViaService` value `{{value}}` names a service that is not in the KMS guide\'s list of services supporting `kms:ViaService`',
    },
    messageSeverity: { unknownService: 'warning' },
    // The corrected spelling makes the condition match requests it never matched: a suggestion only.
    hasSuggestions: true,
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const c of s.conditions) {
        if (clauseKey(c) !== 'kms:viaservice' || !c.operator.startsWith('String')) continue;
        for (const v of c.values) {
          if (v.template !== undefined || v.raw.includes(SYMBOLIC_PREFIX)) continue;
          const problem = problemOf(v.raw, c.operator);
          if (problem === undefined) continue;
          const fixed = problem === 'wrongCase' ? v.raw.toLowerCase() : problem === 'chinaSuffix' ? v.raw.slice(0, -'.cn'.length) : undefined;
          ctx.report({
            messageId: problem, pointer: v.pointer, data: { value: v.raw, operator: c.operator },
            ...(fixed === undefined ? {} : { suggestions: [{ messageId: 'respell', data: { fixed }, fix: [{ op: 'replace', path: v.pointer, value: fixed }] }] }),
          });
        }
      }
    }
  },
  cases: {
    valid: [
      { name: 'service and region', policy: rootedKeyPolicy(via('StringEquals', ['ec2.us-east-1.amazonaws.com', 'rds.eu-west-1.amazonaws.com'])) },
      { name: 'wildcard region with StringLike', policy: identityPolicy({ Sid: 'S3', Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: '*', Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } }) },
      { name: 'GovCloud region', policy: rootedKeyPolicy(via('StringEquals', 'secretsmanager.us-gov-west-1.amazonaws.com')) },
    ],
    invalid: [
      {
        name: 'no region, and a China suffix',
        policy: rootedKeyPolicy(via('StringEquals', ['ec2.amazonaws.com', 'ec2.cn-north-1.amazonaws.com.cn'])),
        errors: [
          { messageId: 'missingRegion', pointer: '/Statement/1/Condition/StringEquals/kms:ViaService/0' },
          {
            messageId: 'chinaSuffix',
            pointer: '/Statement/1/Condition/StringEquals/kms:ViaService/1',
            suggestions: [{ messageId: 'respell', output: rootedKeyPolicy(via('StringEquals', ['ec2.amazonaws.com', 'ec2.cn-north-1.amazonaws.com'])) }],
          },
        ],
      },
      {
        name: 'wildcard with StringEquals',
        policy: rootedKeyPolicy(via('StringEquals', 's3.*.amazonaws.com')),
        errors: [{ messageId: 'wildcardWithEquals', pointer: '/Statement/1/Condition/StringEquals/kms:ViaService' }],
      },
      {
        name: 'a service that does not relay KMS requests with kms:ViaService',
        policy: rootedKeyPolicy(via('StringEquals', 'iam.us-east-1.amazonaws.com')),
        errors: [{ messageId: 'unknownService', pointer: '/Statement/1/Condition/StringEquals/kms:ViaService' }],
      },
      {
        name: 'an ARN and upper case',
        policy: identityPolicy({ Sid: 'Bad', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': ['arn:aws:ec2:us-east-1:111122223333:instance/i-1', 'EC2.us-east-1.amazonaws.com'] } } }),
        errors: [
          { messageId: 'notServiceName', pointer: '/Statement/0/Condition/StringEquals/kms:ViaService/0', line: 12, column: 13 },
          {
            messageId: 'wrongCase',
            pointer: '/Statement/0/Condition/StringEquals/kms:ViaService/1',
            suggestions: [
              {
                messageId: 'respell',
                output: identityPolicy({ Sid: 'Bad', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': ['arn:aws:ec2:us-east-1:111122223333:instance/i-1', 'ec2.us-east-1.amazonaws.com'] } } }),
              },
            ],
          },
        ],
      },
    ],
  },
});
