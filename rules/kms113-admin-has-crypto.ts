/**
 * KMS113 admin-has-crypto: one principal gets both key-administration permissions (PutKeyPolicy,
 * CreateGrant, ScheduleKeyDeletion, Disable*, Delete*, …) and cryptographic use (Decrypt, Encrypt,
 * ReEncrypt*, GenerateDataKey*, Sign, GenerateMac, DeriveSharedSecret) across the key policy's
 * Allow statements; `kms:*` to any principal but the account root is the usual case. AWS
 * recommends separating administrators from users. The account root is exempt (it only delegates
 * to IAM), and so are wildcard principals (KMS101's business).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators
 * https://docs.aws.amazon.com/kms/latest/developerguide/least-privilege.html
 */
import { ADMIN_ACTIONS, CRYPTO_ACTIONS, expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clausesOn, isAccountRoot, isEveryonePrincipal, principalEntries } from '../src/lint/helpers.js';
import { ACCOUNT, rootedKeyPolicy } from './support/cases.js';

const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
const GRANT_ACTIONS = new Set(['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant']);
const USER = `arn:aws:iam::${ACCOUNT}:role/App`;

interface FirstOfEach {
  readonly firstAdmin: string | undefined;
  readonly firstCrypto: string | undefined;
}

/** Per expanded Action set (shared between statements with the same list), worked out once. */
const firstMemo = [new WeakMap<ReadonlySet<string>, FirstOfEach>(), new WeakMap<ReadonlySet<string>, FirstOfEach>()];

/** The first admin and first crypto permission (by name) of an expanded Action element. */
function firstOfEach(actions: ReadonlySet<string>, forAwsResource: boolean): FirstOfEach {
  const memo = firstMemo[forAwsResource ? 1 : 0];
  let hit = memo.get(actions);
  if (hit === undefined) {
    let firstAdmin: string | undefined;
    let firstCrypto: string | undefined;
    for (const a of actions) {
      if (forAwsResource && GRANT_ACTIONS.has(a)) continue;
      if (ADMIN_ACTIONS.has(a)) firstAdmin = firstAdmin === undefined || a < firstAdmin ? a : firstAdmin;
      else if (CRYPTO_ACTIONS.has(a)) firstCrypto = firstCrypto === undefined || a < firstCrypto ? a : firstCrypto;
    }
    hit = { firstAdmin, firstCrypto };
    memo.set(actions, hit);
  }
  return hit;
}

export default defineRule({
  id: 'KMS113',
  name: 'admin-has-crypto',
  meta: {
    type: 'hardening',
    severity: 'warning',
    securitySeverity: 5.5,
    scope: ['key'],
    docs: {
      description: 'A principal gets both key-administration and cryptographic permissions from the key policy.',
      rationale: 'Key administrators should manage the key, not read the data it protects. A principal with both can decrypt everything and also remove the evidence (disable logging through policy, schedule deletion). Give administrators and users separate statements and principals.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-administrators',
    },
    existingTools: { kics: '(part.) only kms:* + * principal' },
    messages: { adminAndCrypto: '`{{principal}}` can administer the key (`{{admin}}`) and also use it (`{{crypto}}`)' },
  },
  check(ctx) {
    // Per principal, the first admin and first crypto permission (by name) it is given: the
    // message names one of each, so the full sets are never needed.
    const admin = new Map<string, string>();
    const crypto = new Map<string, string>();
    const firstPointer = new Map<string, string>();
    const keep = (bucket: Map<string, string>, key: string, action: string | undefined): void => {
      if (action === undefined) return;
      const had = bucket.get(key);
      if (had === undefined || action < had) bucket.set(key, action);
    };
    for (const s of ctx.statements()) {
      if (s.effect !== 'Allow') continue;
      // The documented key-user pattern: grants only for AWS resources (EBS, RDS…) are not administration.
      const forAwsResource = clausesOn(s, 'kms:GrantIsForAWSResource').some((c) => c.operator === 'Bool' && c.values.every((v) => v.raw.toLowerCase() === 'true'));
      const { firstAdmin, firstCrypto } = firstOfEach(expandActions(s.actions), forAwsResource);
      for (const e of principalEntries(s)) {
        if (e.type !== 'AWS' || isAccountRoot(e) || isEveryonePrincipal(e)) continue;
        const key = e.value.replace(/\s+/g, '');
        if (!firstPointer.has(key)) firstPointer.set(key, e.pointer);
        keep(admin, key, firstAdmin);
        keep(crypto, key, firstCrypto);
      }
    }
    for (const [principal, adm] of admin) {
      const cr = crypto.get(principal);
      if (cr === undefined) continue;
      ctx.report({ messageId: 'adminAndCrypto', pointer: firstPointer.get(principal) ?? '', data: { principal, admin: adm, crypto: cr } });
    }
  },
  cases: {
    valid: [
      {
        name: 'separate admin and user principals',
        policy: rootedKeyPolicy(
          { Sid: 'Admins', Effect: 'Allow', Principal: { AWS: ADMIN_ROLE }, Action: ['kms:Describe*', 'kms:Put*', 'kms:ScheduleKeyDeletion'], Resource: '*' },
          { Sid: 'Users', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/App` }, Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' },
        ),
      },
      { name: 'kms:* to the account root', policy: rootedKeyPolicy() },
      {
        name: 'the default key-user statements: use, plus grants for AWS resources',
        policy: rootedKeyPolicy(
          { Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: USER }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' },
          { Sid: 'Allow attachment of persistent resources', Effect: 'Allow', Principal: { AWS: USER }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
        ),
      },
    ],
    invalid: [
      {
        name: 'kms:* to a role',
        policy: rootedKeyPolicy({ Sid: 'All', Effect: 'Allow', Principal: { AWS: ADMIN_ROLE }, Action: 'kms:*', Resource: '*' }),
        errors: [{ messageId: 'adminAndCrypto', pointer: '/Statement/1/Principal/AWS' }],
      },
      {
        name: 'admin in one statement, decrypt in another',
        policy: rootedKeyPolicy(
          { Sid: 'Admins', Effect: 'Allow', Principal: { AWS: [ADMIN_ROLE] }, Action: ['kms:Put*', 'kms:Disable*'], Resource: '*' },
          { Sid: 'Users', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/App`, ADMIN_ROLE] }, Action: 'kms:Decrypt', Resource: '*' },
        ),
        errors: [{ messageId: 'adminAndCrypto', pointer: '/Statement/1/Principal/AWS/0' }],
      },
    ],
  },
});
