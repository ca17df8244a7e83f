/**
 * KMS307 unknown-condition-key: a `kms:` key KMS does not have (with "did you mean"), an `aws:` key
 * one typo away from a global key, a deprecated key (`kms:CustomerMasterKeySpec` →
 * `kms:KeySpec`), `aws:ARN` (not supported), a KMS key that none of the statement's KMS actions
 * supports (the condition can never be true for them), an IAM-only key in a key policy
 * (`aws:ResourceTag/*`, `kms:ResourceAliases`), and one key written twice with different case in
 * the same operator block. Unknown `aws:` keys far from every catalogued one are left alone: the
 * catalogue lists the global keys that matter for KMS, not all of them.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/tag-authorization.html
 */
import { CONDITION_KEYS, conditionKeyInfo, editDistance } from '../src/catalogue/index.js';
import { actionsMatching } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { reportReadDiagnostics } from '../src/lint/read-diagnostics.js';
import { appendPointer, clauseKey, valueAt } from '../src/lint/helpers.js';
import type { PatchOp } from '../src/model/diagnostic.js';
import type { ConditionClause, Statement } from '../src/model/policy.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const DEPRECATED: Readonly<Record<string, string>> = { 'kms:customermasterkeyspec': 'kms:KeySpec', 'kms:customermasterkeyusage': 'kms:KeyUsage' };
/** Exact key names to suggest from (patterns such as `kms:EncryptionContext:${…}` are suggested by their prefix). */
const NAMES = CONDITION_KEYS.map((k) => (k.name.includes('${') ? k.name.slice(0, k.name.indexOf('${')) : k.name));

function closest(key: string): string | undefined {
  let best: string | undefined;
  let dist = 3;
  for (const n of NAMES) {
    const d = editDistance(key.toLowerCase(), n.toLowerCase(), dist);
    if (d < dist) [best, dist] = [n, d];
  }
  return best;
}

/** True when at least one KMS action of the statement supports the key, or it has none to judge. */
function supportedByActions(s: Statement, name: string): boolean {
  if (s.actions === undefined || s.actions.not) return true;
  const matched = s.actions.values.map((v) => actionsMatching(v.raw));
  return matched.every((m) => m.length === 0) || matched.some((m) => m.some((a) => a.conditionKeys.includes(name)));
}

const parentOf = (c: ConditionClause): string => c.pointer.slice(0, c.pointer.lastIndexOf('/'));

/**
 * Renames a deprecated key to its replacement. Safe: AWS says the two "work the same way. Only the
 * names differ", so the policy grants exactly what it did. None when the block already has it.
 */
function renameKey(raw: unknown, c: ConditionClause, replacement: string): PatchOp[] {
  const block = valueAt(raw, parentOf(c));
  const value = valueAt(raw, c.pointer);
  if (typeof block !== 'object' || block === null || value === undefined) return [];
  if (Object.keys(block).some((k) => k.toLowerCase() === replacement.toLowerCase())) return [];
  return [{ op: 'remove', path: c.pointer }, { op: 'add', path: appendPointer(parentOf(c), replacement), value }];
}

export default defineRule({
  id: 'KMS307',
  name: 'unknown-condition-key',
  meta: {
    type: 'problem',
    severity: 'error',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'Unknown or deprecated condition key, a key the statement\'s KMS actions do not support (e.g. `kms:EncryptionContext:*` on `kms:DescribeKey`), an IAM-only key in a key policy, or the same key twice with different case.',
      rationale:
        'A key that is not in the request context makes a condition false (or, negated, true) for every request: an Allow grants nothing, a Deny denies everything or nothing. KMS documents which keys each operation supplies, and that `aws:ResourceTag` and `kms:ResourceAliases` are not honoured in key policies.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html',
    },
    existingTools: {
      accessAnalyzer: 'INVALID_GLOBAL_CONDITION_KEY, INVALID_SERVICE_CONDITION_KEY, UNSUPPORTED_ACTION_FOR_CONDITION_KEY, DEPRECATED_GLOBAL_CONDITION_KEY, DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
      parliament: 'UNKNOWN_CONDITION_FOR_ACTION, UNKNOWN_OPERATOR',
    },
    messages: {
      readProblem: '{{message}}',
      unknownKey: 'condition key `{{key}}` does not exist',
      unknownKeyDidYouMean: 'condition key `{{key}}` does not exist: did you mean `{{suggestion}}`',
      deprecatedKey: 'condition key `{{key}}` is deprecated: use `{{replacement}}`',
      unsupportedKey: 'condition key `aws:ARN` is not supported: use `aws:PrincipalArn` or `aws:SourceArn`',
      notForActions: 'none of the statement\'s actions supports `{{key}}`: the condition is never met for them',
      iamOnly: '`{{key}}` is not honoured in key policies: use it in IAM policies only',
      duplicateCase: '`{{key}}` appears twice in this operator block with different case',
    },
    fixable: true,
  },
  checkFile(ctx) {
    reportReadDiagnostics(ctx, 'KMS307', 'readProblem');
  },
  check(ctx) {
    const isKeyPolicy = ctx.target.type === 'policy' && ctx.target.kind === 'key';
    for (const s of ctx.statements()) {
      const seen = new Map<string, ConditionClause>();
      for (const c of s.conditions) {
        const data = { key: c.keyAsWritten };
        const at = `${parentOf(c)}|${clauseKey(c)}`;
        const first = seen.get(at);
        if (first !== undefined && first.keyAsWritten !== c.keyAsWritten) ctx.report({ messageId: 'duplicateCase', pointer: c.pointer, data });
        seen.set(at, c);
        if (clauseKey(c) === 'aws:arn') {
          ctx.report({ messageId: 'unsupportedKey', pointer: c.pointer });
          continue;
        }
        const replacement = DEPRECATED[clauseKey(c)];
        if (replacement !== undefined) {
          const fix = ctx.target.type === 'policy' ? renameKey(ctx.target.raw, c, replacement) : [];
          ctx.report({ messageId: 'deprecatedKey', pointer: c.pointer, data: { ...data, replacement }, ...(fix.length === 0 ? {} : { fix }) });
          continue;
        }
        const info = conditionKeyInfo(clauseKey(c));
        if (info === undefined) {
          const suggestion = closest(clauseKey(c));
          if (clauseKey(c).startsWith('kms:')) ctx.report(suggestion === undefined ? { messageId: 'unknownKey', pointer: c.pointer, data } : { messageId: 'unknownKeyDidYouMean', pointer: c.pointer, data: { ...data, suggestion } });
          else if (clauseKey(c).startsWith('aws:') && suggestion !== undefined) ctx.report({ messageId: 'unknownKeyDidYouMean', pointer: c.pointer, data: { ...data, suggestion } });
          continue;
        }
        if (isKeyPolicy && info.policyPlaces !== undefined && !info.policyPlaces.includes('key-policy')) ctx.report({ messageId: 'iamOnly', pointer: c.pointer, data });
        else if (info.name.startsWith('kms:') && !supportedByActions(s, info.name)) ctx.report({ messageId: 'notForActions', pointer: c.pointer, data });
      }
    }
  },
  cases: {
    valid: [
      {
        name: 'a key written with a space is judged as meant (KMS003 reports the space, once)',
        policy: rootedKeyPolicy({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms: CallerAccount': '111122223333' } } }),
      },
      { name: 'encryption context on Decrypt', policy: identityPolicy({ Sid: 'Ec', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:app': 'billing' } } }) },
      { name: 'GrantIsForAWSResource on the grant actions', policy: rootedKeyPolicy({ Sid: 'Attach', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }) },
      { name: 'another service\'s key and an uncatalogued global key', policy: identityPolicy({ Sid: 'S3', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:prefix': 'home/', 'aws:UserAgent': 'x' } } }) },
    ],
    invalid: [
      {
        name: 'one condition key twice in a block: only the last counts (found by the reader)',
        text: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",\n  "Condition": {"StringEquals": {"kms:ViaService": "ec2.us-east-1.amazonaws.com", "kms:ViaService": "rds.us-east-1.amazonaws.com"}}}]}\n',
        errors: [{ messageId: 'readProblem', pointer: '/Statement/0/Condition/StringEquals/kms:ViaService' }],
      },
      {
        name: 'a typo in a kms key, and a deprecated key',
        policy: identityPolicy({ Sid: 'Typo', Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*', Condition: { StringEquals: { 'kms:CallerAcount': '111122223333', 'kms:CustomerMasterKeySpec': 'SYMMETRIC_DEFAULT' } } }),
        errors: [
          { messageId: 'unknownKeyDidYouMean', pointer: '/Statement/0/Condition/StringEquals/kms:CallerAcount' },
          {
            messageId: 'deprecatedKey',
            pointer: '/Statement/0/Condition/StringEquals/kms:CustomerMasterKeySpec',
            output: identityPolicy({ Sid: 'Typo', Effect: 'Allow', Action: 'kms:CreateKey', Resource: '*', Condition: { StringEquals: { 'kms:CallerAcount': '111122223333', 'kms:KeySpec': 'SYMMETRIC_DEFAULT' } } }),
          },
        ],
      },
      {
        name: 'encryption context on DescribeKey only, and aws:ARN',
        policy: identityPolicy({ Sid: 'Describe', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:app': 'billing' }, ArnEquals: { 'aws:ARN': 'arn:aws:iam::111122223333:role/App' } } }),
        errors: [
          { messageId: 'notForActions', pointer: '/Statement/0/Condition/StringEquals/kms:EncryptionContext:app' },
          { messageId: 'unsupportedKey', pointer: '/Statement/0/Condition/ArnEquals/aws:ARN' },
        ],
      },
      {
        name: 'aws:ResourceTag in a key policy, and one key twice with different case',
        policy: rootedKeyPolicy({ Sid: 'Tag', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'a', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'KMS:ViaService': 'rds.us-east-1.amazonaws.com' } } }),
        errors: [
          { messageId: 'iamOnly', pointer: '/Statement/1/Condition/StringEquals/aws:ResourceTag~1team' },
          { messageId: 'duplicateCase', pointer: '/Statement/1/Condition/StringEquals/KMS:ViaService' },
        ],
      },
      {
        name: 'an unknown kms key with nothing close, and a near-miss aws key',
        policy: identityPolicy({ Sid: 'Unknown', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:Whatever': 'x', 'aws:PrincipleArn': 'arn:aws:iam::111122223333:role/App' } } }),
        errors: [
          { messageId: 'unknownKey', pointer: '/Statement/0/Condition/StringEquals/kms:Whatever' },
          { messageId: 'unknownKeyDidYouMean', pointer: '/Statement/0/Condition/StringEquals/aws:PrincipleArn' },
        ],
      },
    ],
  },
});
