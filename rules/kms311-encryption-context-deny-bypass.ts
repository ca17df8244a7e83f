/**
 * KMS311 encryption-context-deny-bypass: a Deny conditioned with `ForAnyValue:` on
 * `kms:EncryptionContextKeys` (or on a `kms:EncryptionContext:<k>` key). AWS: ForAnyValue "returns
 * false if there are no keys in the request", so a request that carries no encryption context is
 * not denied: the control meant to require a context is bypassed by leaving it out. A separate
 * Deny with `Null: {"kms:EncryptionContextKeys": "true"}` over the same actions (and principals)
 * closes it. Only negated operators ("deny unless the context is …") are affected: a
 * `ForAnyValue:StringEquals` Deny ("deny if the context has …") rightly ignores requests without a
 * context. A plain `StringNotEquals kms:EncryptionContext:<k>` Deny is NOT a bypass: a negated
 * operator on a missing key is true, so such a Deny applies; `…IfExists` likewise denies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer, clauseKey, isEveryonePrincipal, principalEntries, valueAt } from '../src/lint/helpers.js';
import type { PatchOp } from '../src/model/diagnostic.js';
import type { ConditionClause, Statement } from '../src/model/policy.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

const EC_KEYS = 'kms:encryptioncontextkeys';

const isNullTrue = (c: ConditionClause): boolean =>
  clauseKey(c) === EC_KEYS && c.operator === 'Null' && c.set === null && c.values.length > 0 && c.values.every((v) => v.raw.toLowerCase() === 'true');
const clauseId = (c: ConditionClause): string => `${c.set ?? ''}|${c.operator}|${String(c.ifExists)}|${clauseKey(c)}|${c.values.map((v) => v.raw).sort().join(',')}`;

/** True when the statement is a Deny that applies to requests without an encryption context. */
function isNullGuard(s: Statement): boolean {
  return s.effect === 'Deny' && s.conditions.some(isNullTrue);
}

/**
 * True when `guard` applies wherever `s` would for a request without a context: it covers every
 * KMS action and principal of `s`, and its other conditions are all conditions of `s` too.
 */
function covers(guard: Statement, s: Statement): boolean {
  const own = new Set(s.conditions.map(clauseId));
  if (!guard.conditions.every((c) => isNullTrue(c) || own.has(clauseId(c)))) return false;
  const mine = expandActions(s.actions);
  const theirs = expandActions(guard.actions);
  if ([...mine].some((a) => !theirs.has(a))) return false;
  const gp = principalEntries(guard);
  if (gp.length === 0 && principalEntries(s).length === 0) return true;
  if (gp.some(isEveryonePrincipal)) return true;
  const names = new Set(gp.map((e) => `${e.type}|${e.value}`));
  return principalEntries(s).every((e) => names.has(`${e.type}|${e.value}`));
}

/**
 * The patch appending the Null guard: a Deny with the statement's own Principal, Action and
 * Resource, for requests without an encryption context. None when `Statement` is not an array.
 */
function guardPatch(raw: unknown, s: Statement): PatchOp[] {
  const list = valueAt(raw, '/Statement');
  const stmt = valueAt(raw, s.ref.pointer);
  if (!Array.isArray(list) || typeof stmt !== 'object' || stmt === null) return [];
  const taken = new Set(list.map((x: unknown) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>).Sid : undefined)));
  let sid = 'RequireEncryptionContext';
  for (let i = 2; taken.has(sid); i++) sid = `RequireEncryptionContext${String(i)}`;
  const src = stmt as Record<string, unknown>;
  const copy = (k: string): Record<string, unknown> => (src[k] === undefined ? {} : { [k]: src[k] });
  const guard = { Sid: sid, Effect: 'Deny', ...copy('Principal'), ...copy('Action'), ...copy('Resource'), Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } };
  return [{ op: 'add', path: appendPointer('/Statement', '-'), value: guard }];
}

const DENY_OTHER = { 'ForAnyValue:StringNotEquals': { 'kms:EncryptionContextKeys': ['app'] } };

export default defineRule({
  id: 'KMS311',
  name: 'encryption-context-deny-bypass',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity'],
    docs: {
      description: 'A Deny meant to enforce an encryption context uses a `ForAnyValue:` operator on `kms:EncryptionContextKeys`, which is false when the request has no encryption context, and no `Null` guard closes that gap.',
      rationale:
        'A caller who sends no encryption context at all is not denied, which defeats the control. Add a second Deny over the same actions with `"Null": {"kms:EncryptionContextKeys": "true"}`. A plain `StringNotEquals` on `kms:EncryptionContext:<k>` is not affected: a negated operator is true when the key is missing, so that Deny applies.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
    },
    existingTools: {},
    messages: {
      denyBypass: 'statement `{{sid}}` does not deny requests without an encryption context: `ForAnyValue:{{operator}}` on `{{key}}` is false when it is absent; add a Deny with `Null: {"kms:EncryptionContextKeys": "true"}`',
      addNullGuard: 'add a Deny `{{guard}}` for the same principals, actions and resources when `kms:EncryptionContextKeys` is null',
    },
    // Adding a Deny changes who has access, so it is a suggestion, never applied by --fix.
    hasSuggestions: true,
  },
  check(ctx) {
    const statements = ctx.statements();
    const guards = statements.filter(isNullGuard);
    for (const s of statements) {
      if (s.effect !== 'Deny') continue;
      const c = s.conditions.find((x) => x.set === 'ForAnyValue' && !x.ifExists && x.operator.includes('Not') && clauseKey(x).startsWith('kms:encryptioncontext'));
      if (c === undefined || guards.some((g) => g !== s && covers(g, s))) continue;
      const fix = ctx.target.type === 'policy' ? guardPatch(ctx.target.raw, s) : [];
      const guard = (fix[0]?.value as { Sid?: string } | undefined)?.Sid ?? '';
      ctx.report({
        messageId: 'denyBypass', pointer: c.pointer, data: { sid: s.ref.sid, operator: c.operator, key: c.keyAsWritten },
        ...(fix.length === 0 ? {} : { suggestions: [{ messageId: 'addNullGuard', data: { guard }, fix }] }),
      });
    }
  },
  cases: {
    valid: [
      {
        name: 'a plain StringNotEquals on kms:EncryptionContext:<k> is not a bypass',
        policy: rootedKeyPolicy({ Sid: 'RequireApp', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'kms:EncryptionContext:app': 'billing' } } }),
      },
      {
        name: 'ForAnyValue Deny with a Null guard over the same actions',
        policy: rootedKeyPolicy(
          { Sid: 'OnlyApp', Effect: 'Deny', Principal: '*', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: DENY_OTHER },
          { Sid: 'RequireContext', Effect: 'Deny', Principal: '*', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } },
        ),
      },
      {
        name: 'the guard shares the Deny\'s break-glass exception',
        policy: rootedKeyPolicy(
          { Sid: 'OnlyApp', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { ...DENY_OTHER, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/BreakGlass' } } },
          { Sid: 'Guard', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/BreakGlass' } } },
        ),
      },
      {
        name: 'a ForAnyValue:StringEquals Deny forbids a key; no context means nothing forbidden',
        policy: identityPolicy({ Sid: 'NoSecret', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['secret'] } } }),
      },
      {
        name: 'IfExists makes the Deny apply when the key is absent',
        policy: identityPolicy({ Sid: 'D', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { 'ForAnyValue:StringNotEqualsIfExists': { 'kms:EncryptionContextKeys': ['app'] } } }),
      },
    ],
    invalid: [
      {
        name: 'ForAnyValue:StringNotEquals Deny without a guard',
        policy: rootedKeyPolicy({ Sid: 'OnlyApp', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: DENY_OTHER }),
        errors: [
          {
            messageId: 'denyBypass',
            pointer: '/Statement/1/Condition/ForAnyValue:StringNotEquals/kms:EncryptionContextKeys',
            line: 21,
            column: 40,
            suggestions: [
              {
                messageId: 'addNullGuard',
                output: rootedKeyPolicy(
                  { Sid: 'OnlyApp', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: DENY_OTHER },
                  { Sid: 'RequireEncryptionContext', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } },
                ),
              },
            ],
          },
        ],
      },
      {
        name: 'the guard is narrowed by a condition the Deny does not have',
        policy: rootedKeyPolicy(
          { Sid: 'OnlyApp', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: DENY_OTHER },
          { Sid: 'Guard', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' }, StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
        ),
        errors: [
          {
            messageId: 'denyBypass',
            pointer: '/Statement/1/Condition/ForAnyValue:StringNotEquals/kms:EncryptionContextKeys',
            suggestions: [
              {
                messageId: 'addNullGuard',
                output: rootedKeyPolicy(
                  { Sid: 'OnlyApp', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: DENY_OTHER },
                  { Sid: 'Guard', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' }, StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
                  { Sid: 'RequireEncryptionContext', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } },
                ),
              },
            ],
          },
        ],
      },
      {
        name: 'the guard covers fewer actions than the Deny',
        policy: identityPolicy(
          { Sid: 'OnlyApp', Effect: 'Deny', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: DENY_OTHER },
          { Sid: 'Guard', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } },
        ),
        errors: [
          {
            messageId: 'denyBypass',
            pointer: '/Statement/0/Condition/ForAnyValue:StringNotEquals/kms:EncryptionContextKeys',
            suggestions: [
              {
                messageId: 'addNullGuard',
                output: identityPolicy(
                  { Sid: 'OnlyApp', Effect: 'Deny', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: DENY_OTHER },
                  { Sid: 'Guard', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } },
                  { Sid: 'RequireEncryptionContext', Effect: 'Deny', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*', Condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } },
                ),
              },
            ],
          },
        ],
      },
    ],
  },
});
