/**
 * KMS306 condition-type-mismatch: an operator of the wrong family for the key's type (`StringEquals`
 * on the Boolean `kms:GrantIsForAWSResource`, `Numeric*` on a string key), or a value the operator
 * cannot read (a non-number for `Numeric*`, a non-ISO-8601 date, a CIDR that is not one, several
 * Booleans). Key types come from the catalogue; ARN operators on String keys and String operators
 * on ARN keys are allowed (AWS's own examples compare ARNs with StringEquals).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 */
import { conditionKeyInfo, type ConditionKeyType } from '../src/catalogue/index.js';
import { defineRule } from '../src/lint/define-rule.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import { clauseKey } from '../src/lint/helpers.js';
import { SYMBOLIC_PREFIX } from '../src/model/lint.js';
import type { ConditionClause } from '../src/model/policy.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

type Family = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IPAddress' | 'ARN' | 'Null';

function familyOf(operator: string): Family | undefined {
  if (operator === 'Null') return 'Null';
  if (operator === 'Bool') return 'Bool';
  if (operator === 'IpAddress' || operator === 'NotIpAddress') return 'IPAddress';
  for (const f of ['String', 'Numeric', 'Date', 'Binary'] as const) if (operator.startsWith(f)) return f;
  return operator.startsWith('Arn') ? 'ARN' : undefined;
}

/** The operator families that read a key of each type. */
const FITS: Readonly<Record<ConditionKeyType, readonly Family[]>> = {
  String: ['String', 'ARN'],
  ARN: ['ARN', 'String'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  IPAddress: ['IPAddress'],
  Binary: ['Binary'],
};

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const DATE = /^([0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?|[0-9]+)$/;
const IPV4 = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})(\/([0-9]{1,2}))?$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(\/[0-9]{1,3})?$/;

function ipOk(v: string): boolean {
  const m = IPV4.exec(v);
  if (m !== null) return m.slice(1, 5).every((o) => Number(o) <= 255) && (m[6] === undefined || Number(m[6]) <= 32);
  return IPV6.test(v) && !v.includes(':::');
}

/** True when the value can be read by the operator family. */
function valueFits(family: Family, v: string): boolean {
  switch (family) {
    case 'Numeric':
      return NUMBER.test(v);
    case 'Date':
      return DATE.test(v);
    case 'Bool':
      return /^(true|false)$/i.test(v);
    case 'IPAddress':
      return ipOk(v);
    default:
      return true;
  }
}

function judged(c: ConditionClause): ConditionClause['values'] {
  return c.values.filter((v) => v.template === undefined && !v.raw.includes(SYMBOLIC_PREFIX));
}

export default defineRule({
  id: 'KMS306',
  name: 'condition-type-mismatch',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'A condition operator does not fit the key\'s type (e.g. `StringEquals` on the Boolean `kms:GrantIsForAWSResource`, `Numeric*` on a string key), or a value is not of the operator\'s type (dates, numbers, CIDRs, Booleans).',
      rationale:
        'An operator compares values as its own type. `StringEquals` with `"True"` never equals the Boolean `true` KMS sends; a date that is not ISO 8601 or a number that is not a number never matches. Such a condition makes an Allow grant nothing, or a Deny deny everything.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    },
    existingTools: {
      accessAnalyzer: 'TYPE_MISMATCH*, INVALID_CONDITION_DATA_TYPE, INVALID_CONDITION_MULTIPLE_BOOLEAN, INVALID_DATE_VALUE',
      parliament: 'MISMATCHED_TYPE, MISMATCHED_TYPE_BUT_USABLE',
      cfnLint: '(schema, part.)',
    },
    messages: {
      readProblem: '{{message}}',
      operatorMismatch: '`{{operator}}` compares `{{key}}` as {{family}}, but `{{key}}` is a {{type}} key: use a {{type}} operator',
      badValue: '`{{value}}` is not a valid {{family}} value for `{{operator}}`',
      multipleBool: '`{{key}}` is given several Boolean values: give one',
    },
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS306', 'readProblem');
  },
  check(ctx) {
    for (const s of ctx.statements()) {
      for (const c of s.conditions) {
        const family = familyOf(c.operator);
        if (family === undefined || family === 'Null') continue;
        const info = conditionKeyInfo(clauseKey(c));
        const fits = info === undefined ? true : FITS[info.type].includes(family) || (info.type === 'Date' && family === 'Numeric' && clauseKey(c) === 'aws:epochtime');
        if (!fits && info !== undefined) {
          ctx.report({ messageId: 'operatorMismatch', pointer: c.pointer, data: { operator: c.operator, key: c.keyAsWritten, family, type: info.type } });
          continue;
        }
        for (const v of judged(c)) {
          if (!valueFits(family, v.raw)) ctx.report({ messageId: 'badValue', pointer: v.pointer, data: { value: v.raw, family, operator: c.operator } });
        }
        if (family === 'Bool' && c.values.length > 1) ctx.report({ messageId: 'multipleBool', pointer: c.pointer, data: { key: c.keyAsWritten } });
      }
    }
  },
  cases: {
    valid: [
      {
        name: 'Bool on GrantIsForAWSResource, JSON true',
        policy: rootedKeyPolicy({ Sid: 'Attach', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } }),
      },
      {
        name: 'numeric, date and IP values of the right type',
        policy: identityPolicy({
          Sid: 'Typed', Effect: 'Allow', Action: 'kms:ScheduleKeyDeletion', Resource: '*',
          Condition: { NumericGreaterThanEquals: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' }, DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' }, IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } },
        }),
      },
      { name: 'StringEquals on the ARN key aws:PrincipalArn', policy: identityPolicy({ Sid: 'Arn', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin' } } }) },
    ],
    invalid: [
      {
        name: 'a Binary operator with a value that is not base 64 (found by the parser)',
        policy: identityPolicy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { BinaryEquals: { 's3:x-amz-content': '***' } } }),
        errors: [{ messageId: 'readProblem', pointer: '/Statement/0/Condition/BinaryEquals/s3:x-amz-content' }],
      },
      {
        name: 'StringEquals "True" on a Boolean key',
        policy: rootedKeyPolicy({ Sid: 'Attach', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { StringEquals: { 'kms:GrantIsForAWSResource': 'True' } } }),
        errors: [{ messageId: 'operatorMismatch', pointer: '/Statement/1/Condition/StringEquals/kms:GrantIsForAWSResource' }],
      },
      {
        name: 'a word for a number and a date in another format',
        policy: identityPolicy({ Sid: 'Bad', Effect: 'Allow', Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { NumericGreaterThanEquals: { 'kms:ScheduleKeyDeletionPendingWindowInDays': 'thirty' }, DateLessThan: { 'aws:CurrentTime': '01/01/2030' } } }),
        errors: [
          { messageId: 'badValue', pointer: '/Statement/0/Condition/NumericGreaterThanEquals/kms:ScheduleKeyDeletionPendingWindowInDays' },
          { messageId: 'badValue', pointer: '/Statement/0/Condition/DateLessThan/aws:CurrentTime' },
        ],
      },
      {
        name: 'two Boolean values and a bad CIDR',
        policy: identityPolicy({ Sid: 'Two', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': ['true', 'false'] }, IpAddress: { 'aws:SourceIp': '203.0.113.300/24' } } }),
        errors: [
          { messageId: 'multipleBool', pointer: '/Statement/0/Condition/Bool/aws:SecureTransport' },
          { messageId: 'badValue', pointer: '/Statement/0/Condition/IpAddress/aws:SourceIp' },
        ],
      },
    ],
  },
});
