/**
 * KMS703 no-new-access: compares a key or identity policy with a reference policy from the config
 * (Access Analyzer's CheckNoNewAccess, done statically) and reports the KMS access the new policy
 * adds: a principal the reference does not let in, actions it does not give that principal, or a
 * reference Deny that no Deny of the new policy still covers. A reference Allow covers a new one
 * when it names the principal (or everyone), covers the action and resources, and its conditions
 * are all present in the new statement (more conditions = narrower). Without a reference for the
 * target the rule does nothing. Options: `baseline` (one reference policy for every target) and
 * `baselines` (by key ARN, resource name or file).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { valueAt } from '../src/lint/helpers.js';
import type { PolicyTarget } from '../src/model/lint.js';
import type { Statement } from '../src/model/policy.js';
import { ACCOUNT, OTHER_ACCOUNT, ROOT_STATEMENT, identityPolicy, keyPolicy, rootedKeyPolicy } from './support/cases.js';

/** A statement reduced to what decides access, with principals as `TYPE|value` (`''` = implicit). */
interface Grant {
  readonly effect: string;
  readonly sid: string;
  readonly principals: ReadonlySet<string>;
  readonly actions: ReadonlySet<string>;
  readonly resources: readonly string[];
  readonly conditions: ReadonlySet<string>;
}

type Json = Readonly<Record<string, unknown>>;
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const EVERYONE = 'AWS|*';

function principalKey(type: string, value: string): string {
  const v = value.replace(/\s+/g, '');
  if (type === 'AWS' && /^[0-9]{12}$/.test(v)) return `AWS|arn:aws:iam::${v}:root`;
  return type === 'AWS' && /^arn:aws[a-z-]*:iam::\*:root$/.test(v) ? EVERYONE : `${type}|${v}`;
}

function actionSet(values: unknown, not: boolean): ReadonlySet<string> {
  const raws = list(values).filter((x): x is string => typeof x === 'string');
  return expandActions({ not, pointer: '', values: raws.map((raw) => ({ raw, pointer: '' })) });
}

/** Conditions as `Operator|key|values` strings (keys case-folded, values sorted). */
function conditionSet(cond: unknown): ReadonlySet<string> {
  const out = new Set<string>();
  if (!isObj(cond)) return out;
  for (const [op, block] of Object.entries(cond)) {
    if (!isObj(block)) continue;
    for (const [key, v] of Object.entries(block)) out.add(`${op}|${key.toLowerCase()}|${list(v).map(String).sort().join(',')}`);
  }
  return out;
}

/** Reads the reference policy (raw JSON from the config). */
function referenceGrants(doc: Json): Grant[] {
  return list(doc.Statement).filter(isObj).map((s, i) => {
    const p = s.Principal;
    const principals = p === '*' ? [EVERYONE] : isObj(p) ? Object.entries(p).flatMap(([t, v]) => list(v).map((x) => principalKey(t, String(x)))) : [''];
    return {
      effect: String(s.Effect),
      sid: typeof s.Sid === 'string' ? s.Sid : `#${String(i)}`,
      principals: new Set(principals),
      actions: s.NotAction === undefined ? actionSet(s.Action, false) : actionSet(s.NotAction, true),
      resources: list(s.Resource ?? '*').map(String),
      conditions: conditionSet(s.Condition),
    };
  });
}

function fromStatement(s: Statement, raw: unknown): Grant {
  const principals = s.principals === undefined || s.principals.not ? [''] : s.principals.entries.map((e) => principalKey(e.type, e.value));
  return {
    effect: s.effect, sid: s.ref.sid, principals: new Set(principals), actions: expandActions(s.actions),
    resources: s.resources === undefined || s.resources.not ? ['*'] : s.resources.values.map((v) => v.raw), conditions: conditionSet(isObj(raw) ? raw.Condition : undefined),
  };
}

const subset = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean => [...a].every((x) => b.has(x));
/** `wide` applies wherever `narrow` does (principal `p`, action `a`). */
function covers(wide: Grant, narrow: Grant, p: string, a: string): boolean {
  return (wide.principals.has(p) || wide.principals.has(EVERYONE)) && wide.actions.has(a) && subset(wide.conditions, narrow.conditions) && (wide.resources.includes('*') || narrow.resources.every((r) => wide.resources.includes(r)));
}

/** Options: the reference policy, for every target or by key ARN / resource name / file. */
interface Options {
  readonly baseline?: Json;
  readonly baselines?: Readonly<Record<string, Json>>;
}
const DEFAULTS: Options = {};
const POLICY_SCHEMA = { type: 'object', required: ['Statement'] };

function referenceFor(t: PolicyTarget, o: Options): Json | undefined {
  const named = [t.keyId, t.resourceName, t.file].flatMap((k) => (k === undefined || o.baselines?.[k] === undefined ? [] : [o.baselines[k]]));
  return named[0] ?? o.baseline;
}

const APP = { AWS: `arn:aws:iam::${ACCOUNT}:role/App` };
const USE = { Sid: 'Use', Effect: 'Allow', Principal: APP, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' };
const DENY_HTTP = { Sid: 'Tls', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

export default defineRule({
  id: 'KMS703',
  name: 'no-new-access',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity'],
    docs: {
      description: 'Compared with the configured reference policy (`baseline`/`baselines`), the policy lets in a new principal, gives a principal new KMS actions, or drops a Deny.',
      rationale:
        'A change that widens access to a key deserves a deliberate review. Keeping an approved reference policy and failing on anything beyond it (as Access Analyzer\'s CheckNoNewAccess does) makes every widening visible in the pull request that introduces it.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-custom-policy-checks.html',
    },
    existingTools: { accessAnalyzer: 'CheckNoNewAccess' },
    messages: {
      newPrincipal: '`{{principal}}` is not let in by the reference policy: statement `{{sid}}` gives it `{{actions}}`',
      newActions: 'statement `{{sid}}` gives `{{principal}}` `{{actions}}`, which the reference policy does not',
      removedDeny: 'the reference policy\'s Deny `{{sid}}` is not kept: nothing in this policy denies `{{actions}}` as it did',
    },
    options: { type: 'object', properties: { baseline: POLICY_SCHEMA, baselines: { type: 'object', additionalProperties: POLICY_SCHEMA } }, additionalProperties: false },
    defaultOptions: DEFAULTS,
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    const doc = referenceFor(t, ctx.options);
    if (doc === undefined) return;
    const ref = referenceGrants(doc);
    const allows = ref.filter((g) => g.effect === 'Allow');
    const mine = ctx.statements().map((s) => [s, fromStatement(s, valueAt(t.raw, s.ref.pointer))] as const);
    for (const [s, g] of mine) {
      if (s.effect !== 'Allow') continue;
      const entries = s.principals === undefined || s.principals.not ? [undefined] : s.principals.entries;
      for (const e of entries) {
        const p = e === undefined ? '' : principalKey(e.type, e.value);
        const missing = [...g.actions].filter((a) => !allows.some((r) => covers(r, g, p, a)));
        if (missing.length === 0) continue;
        const data = { sid: s.ref.sid, principal: e?.raw ?? 'this identity', actions: missing.join('`, `') };
        const known = allows.some((r) => r.principals.has(p) || r.principals.has(EVERYONE));
        if (!known && e !== undefined) ctx.report({ messageId: 'newPrincipal', pointer: e.pointer, data });
        else ctx.report({ messageId: 'newActions', pointer: s.actions?.pointer ?? s.ref.pointer, data });
      }
    }
    for (const d of ref.filter((r) => r.effect === 'Deny')) {
      const kept = [...d.principals].every((p) => [...d.actions].every((a) => mine.some(([, m]) => m.effect === 'Deny' && covers(m, d, p, a))));
      if (!kept) ctx.report({ messageId: 'removedDeny', pointer: '', data: { sid: d.sid, actions: [...d.actions].slice(0, 3).join('`, `') + (d.actions.size > 3 ? '`, …' : '') } });
    }
  },
  cases: {
    valid: [
      { name: 'no reference configured', policy: rootedKeyPolicy(USE) },
      { name: 'the same policy as the reference', policy: rootedKeyPolicy(USE, DENY_HTTP), options: { baseline: rootedKeyPolicy(USE, DENY_HTTP) } },
      { name: 'narrower than the reference: fewer actions, an extra condition', policy: rootedKeyPolicy({ ...USE, Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }), options: { baseline: rootedKeyPolicy(USE) } },
      { name: 'an identity policy within its reference', policy: identityPolicy({ Sid: 'D', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }), options: { baseline: identityPolicy({ Sid: 'R', Effect: 'Allow', Action: 'kms:*', Resource: '*' }) } },
    ],
    invalid: [
      {
        name: 'a new principal from another account',
        policy: rootedKeyPolicy(USE, { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: 'kms:Decrypt', Resource: '*' }),
        options: { baseline: rootedKeyPolicy(USE) },
        errors: [{ messageId: 'newPrincipal', pointer: '/Statement/2/Principal/AWS' }],
      },
      {
        name: 'new actions for a known principal, and a dropped Deny',
        policy: keyPolicy(ROOT_STATEMENT, { ...USE, Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt'] }),
        options: { baselines: { 'kms703-invalid-1.json': keyPolicy(ROOT_STATEMENT, USE, DENY_HTTP) } },
        errors: [
          { messageId: 'removedDeny', pointer: '' },
          { messageId: 'newActions', pointer: '/Statement/1/Action' },
        ],
      },
    ],
  },
});

