/**
 * KMS110 key-policy-lockout: no durable principal may change the key policy. KMS requires the key
 * policy itself to allow `kms:PutKeyPolicy` (directly, or to the account root so IAM policies can);
 * if nobody can, the key becomes unmanageable and only AWS Support can help. Answered by the
 * evaluator (src/lint/probe.ts, the real authorization flow), not by matching statements: for the
 * key's account root (delegation to IAM) and each role or user ARN the policy names, does the key
 * policy alone allow PutKeyPolicy, with no Deny taking it away? Durable: the account root or a
 * role/user ARN, not an assumed-role session (it expires), a wildcard, nor a unique id (its
 * principal was deleted). The probes carry no request context, so only Allows whose conditions
 * hold for a plain call count.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { arnAccount, isEveryonePrincipal, isWholePolicy, ownerAccountOf, principalEntries } from '../src/lint/helpers.js';
import { proberFor, type ProbeDecision, type Prober } from '../src/lint/probe.js';
import type { PrincipalEntry, Statement } from '../src/model/policy.js';
import { ACCOUNT, ROOT_STATEMENT, keyPolicy, rootedKeyPolicy } from './support/cases.js';

const PUT = 'kms:PutKeyPolicy';
const DURABLE = /^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role\/[^*?]+|user\/[^*?]+)$/;
const ACCOUNT_ID = /^[0-9]{12}$/;

/** The durable principal an entry names (an account id stands for its root), or undefined. */
function durable(e: PrincipalEntry): string | undefined {
  if (e.type !== 'AWS') return undefined;
  const v = e.value.replace(/\s+/g, '');
  if (ACCOUNT_ID.test(v)) return `arn:aws:iam::${v}:root`;
  return DURABLE.test(v) ? v : undefined;
}

function coversPut(s: Statement): boolean {
  return expandActions(s.actions).has(PUT);
}

/** `Resource: "*"`: the statement applies to the key whatever its ARN. */
function onEveryKey(s: Statement): boolean {
  return s.resources?.not === false && s.resources.values.some((v) => v.raw === '*');
}

/**
 * A case the evaluator need not be asked (most key policies, so lint stays fast): no Deny
 * covers PutKeyPolicy, and an unconditional Allow of it on `"*"` names a durable principal of the
 * key's account (any account when the input does not say). The probe would then be an Allow for
 * that principal; every other policy is evaluated.
 */
function certainlyManageable(statements: readonly Statement[], named: ReadonlySet<string>, owner: string | undefined): boolean {
  if (statements.some((s) => s.effect === 'Deny' && coversPut(s))) return false;
  return statements.some((s) =>
    s.effect === 'Allow' && s.conditions.length === 0 && s.principals?.not !== true && onEveryKey(s) && coversPut(s) &&
    principalEntries(s).some((e) => {
      const arn = durable(e);
      return arn !== undefined && named.has(arn) && (owner === undefined || arnAccount(arn) === owner);
    }));
}

export default defineRule({
  id: 'KMS110',
  name: 'key-policy-lockout',
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 9.0,
    scope: ['key'],
    docs: {
      description: 'The key policy lets no durable principal (the account root, an IAM role or user) call `kms:PutKeyPolicy`, or a Deny takes it from every principal it allows.',
      rationale: 'If nobody may change the key policy, nobody can repair it: the key, and all data encrypted under it, becomes unmanageable and recovery needs AWS Support. Keep the default "Enable IAM User Permissions" statement or an admin role with `kms:PutKeyPolicy`.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key',
    },
    existingTools: {},
    messages: {
      noAdmin: 'no statement lets the account root or a durable IAM principal call `kms:PutKeyPolicy`: the key would become unmanageable',
      denyAll: 'statement `{{sid}}` denies `kms:PutKeyPolicy` to every durable principal the policy allows it to: the key would become unmanageable',
    },
  },
  check(ctx) {
    const t = ctx.target;
    const statements = ctx.statements();
    // A lone statement (KMS003) is not a whole key policy: what it lacks says nothing.
    if (t.type !== 'policy' || statements.length === 0 || !isWholePolicy(t)) return;
    // Candidates: every durable principal an Allow of PutKeyPolicy names, and the key account's root.
    const named = new Set<string>();
    for (const s of statements) {
      if (s.effect !== 'Allow' || !coversPut(s)) continue;
      for (const e of principalEntries(s)) {
        const arn = durable(e);
        if (arn !== undefined) named.add(arn);
      }
    }
    if (certainlyManageable(statements, named, ownerAccountOf(t))) return;
    // The other certain case: an unconditional Deny of PutKeyPolicy to everyone on `"*"` denies every probe.
    const blanket = statements.find((s) => s.effect === 'Deny' && s.conditions.length === 0 && s.principals?.not !== true && principalEntries(s).some(isEveryonePrincipal) && onEveryKey(s) && coversPut(s));
    if (blanket !== undefined) {
      ctx.report({ messageId: 'denyAll', pointer: blanket.ref.pointer, data: { sid: blanket.ref.sid } });
      return;
    }
    // PutKeyPolicy never works across accounts, so the key's account matters. When the input does
    // not say it, each account the policy names is tried as the key's (the default key policy names its own).
    const owner = ownerAccountOf(t);
    const accounts = owner !== undefined ? [] : [...new Set([...named].map((a) => arnAccount(a) ?? ''))].filter((a) => a !== '');
    const probers: Prober[] = accounts.length > 0 ? accounts.map((a) => proberFor(t, a)) : [ctx.keyProber()].filter((p): p is Prober => p !== undefined);
    const denials: ProbeDecision[] = [];
    for (const prober of probers) {
      for (const principal of new Set([`arn:aws:iam::${prober.account}:root`, ...named])) {
        // A role or user whose own IAM allows it (the prober's default): the key policy decides.
        const d = prober.probe({ principal, action: PUT });
        if (d.decision === 'Allow') return;
        if (d.decision === 'ExplicitDeny') denials.push(d);
      }
    }
    // Locked. When a Deny took PutKeyPolicy from a principal, name that Deny.
    const deny = denials.flatMap((d) => d.statements)[0];
    const statement = deny === undefined ? undefined : statements.find((s) => s.ref.pointer === deny);
    if (statement !== undefined) ctx.report({ messageId: 'denyAll', pointer: statement.ref.pointer, data: { sid: statement.ref.sid } });
    else ctx.report({ messageId: 'noAdmin', pointer: '' });
  },
  cases: {
    valid: [
      {
        name: 'a Deny that excepts the admin role the policy allows',
        policy: keyPolicy(
          { Sid: 'Admins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*' },
          { Sid: 'OnlyKeyAdmin', Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` } } },
        ),
      },
      { name: 'the account root given as an account id', policy: keyPolicy({ Sid: 'Root', Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'kms:*', Resource: '*' }) },
      { name: 'default key policy', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'a lone statement is not a whole policy', policy: { Sid: 'Use', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/App` }, Action: 'kms:Decrypt', Resource: '*' } },
      { name: 'admin role with kms:Put*', policy: keyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: ['kms:Describe*', 'kms:Put*'], Resource: '*' }) },
    ],
    invalid: [
      {
        name: 'a Deny of PutKeyPolicy to the account root, the only admin',
        policy: rootedKeyPolicy({ Sid: 'NoRootChanges', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:Put*', Resource: '*' }),
        errors: [{ messageId: 'denyAll', pointer: '/Statement/1' }],
      },
      {
        name: 'a Deny excepting an admin role that the policy never allows',
        policy: rootedKeyPolicy({ Sid: 'OnlyKeyAdmin', Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` } } }),
        errors: [{ messageId: 'denyAll', pointer: '/Statement/1' }],
      },
      {
        name: 'admin only under a condition a plain call does not meet',
        policy: keyPolicy({ Sid: 'Admins', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
        errors: [{ messageId: 'noAdmin', pointer: '' }],
      },
      {
        name: 'only users of the key',
        policy: keyPolicy({ Sid: 'Use', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/App` }, Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: '*' }),
        errors: [{ messageId: 'noAdmin', pointer: '' }],
      },
      {
        name: 'admin is only an assumed-role session',
        policy: keyPolicy({ Sid: 'Ci', Effect: 'Allow', Principal: { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Deploy/ci-run-42` }, Action: 'kms:*', Resource: '*' }),
        errors: [{ messageId: 'noAdmin', pointer: '' }],
      },
      {
        name: 'a Deny of PutKeyPolicy to everyone',
        policy: rootedKeyPolicy({ Sid: 'Freeze', Effect: 'Deny', Principal: '*', Action: 'kms:PutKeyPolicy', Resource: '*' }),
        errors: [{ messageId: 'denyAll', pointer: '/Statement/1' }],
      },
    ],
  },
});
