// AssumeRole decisions, with AWS's rules as the oracle:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-resource-based.html
import { describe, expect, it } from 'vitest';
import type { Identity, WorldPrincipal } from '../../../src/server/credentials.js';
import { createTrustEvaluator, foundationCompiler } from '../../../src/server/trust.js';

const trust = createTrustEvaluator(foundationCompiler());
const ROLE = 'arn:aws:iam::444455556666:role/Engineering';
const allowAssume = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE }] };
const user = (arn: string, policies: unknown[] = []): WorldPrincipal => ({ arn, type: 'user', policies });
const id = (arn: string): Identity => ({ principal: arn, account: arn.split(':')[4] ?? '', userId: 'AIDAEXAMPLE' });
const role = (principal: unknown, extra: object[] = []): WorldPrincipal => ({
  arn: ROLE,
  type: 'role',
  trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }, ...extra] },
});
const BOB = 'arn:aws:iam::444455556666:user/Bob';
const ALICE = 'arn:aws:iam::111122223333:user/Alice';

describe('AssumeRole trust evaluation', () => {
  it('same account: a trust policy naming the user suffices without an identity policy', () => {
    expect(trust.canAssume(id(BOB), user(BOB), role(BOB), 'bob')).toBe(true);
  });

  it('same account: account-root delegation needs an identity policy allowing sts:AssumeRole', () => {
    const r = role('arn:aws:iam::444455556666:root');
    expect(trust.canAssume(id(BOB), user(BOB), r, 'bob')).toBe(false);
    expect(trust.canAssume(id(BOB), user(BOB, [allowAssume]), r, 'bob')).toBe(true);
  });

  it('cross account: the trust policy and the caller identity policy must both allow', () => {
    expect(trust.canAssume(id(ALICE), user(ALICE), role(ALICE), 'alice')).toBe(false);
    expect(trust.canAssume(id(ALICE), user(ALICE, [allowAssume]), role(ALICE), 'alice')).toBe(true);
    expect(trust.canAssume(id(ALICE), user(ALICE, [allowAssume]), role(BOB), 'alice')).toBe(false);
  });

  it('an explicit deny in the trust or identity policy wins; conditions are evaluated', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: BOB }, Action: 'sts:AssumeRole' };
    expect(trust.canAssume(id(BOB), user(BOB), role(BOB, [deny]), 'bob')).toBe(false);
    const identityDeny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] };
    expect(trust.canAssume(id(BOB), user(BOB, [identityDeny]), role(BOB), 'bob')).toBe(false);
    const conditioned: WorldPrincipal = {
      arn: ROLE,
      type: 'role',
      trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: BOB }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:RoleSessionName': 'bob' } } }] },
    };
    expect(trust.canAssume(id(BOB), user(BOB), conditioned, 'bob')).toBe(true);
    expect(trust.canAssume(id(BOB), user(BOB), conditioned, 'mallory')).toBe(false);
  });

  it('evaluates sts:ExternalId from the AssumeRole request', () => {
    const guarded: WorldPrincipal = {
      arn: ROLE,
      type: 'role',
      trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'Unique-42' } } }] },
    };
    const alice = user(ALICE, [allowAssume]);
    expect(trust.canAssume(id(ALICE), alice, guarded, 'alice', 'Unique-42')).toBe(true);
    expect(trust.canAssume(id(ALICE), alice, guarded, 'alice', 'other')).toBe(false);
    expect(trust.canAssume(id(ALICE), alice, guarded, 'alice')).toBe(false);
  });

  it('role chaining: a session of a role the trust policy names may assume it; its session policy must allow', () => {
    const OPS = 'arn:aws:iam::444455556666:role/Ops';
    const session: Identity = { principal: 'arn:aws:sts::444455556666:assumed-role/Ops/s', account: '444455556666', userId: 'AROAEXAMPLE:s', roleArn: OPS };
    const ops: WorldPrincipal = { arn: OPS, type: 'role', policies: [] };
    expect(trust.canAssume(session, ops, role(OPS), 's2')).toBe(true);
    const limited: Identity = { ...session, sessionPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] } };
    expect(trust.canAssume(limited, ops, role(OPS), 's2')).toBe(false);
  });

  it('a role without a trust policy cannot be assumed', () => {
    expect(trust.canAssume(id(BOB), user(BOB, [allowAssume]), { arn: ROLE, type: 'role' }, 'bob')).toBe(false);
  });

  it('a permissions boundary must also allow', () => {
    const bounded: WorldPrincipal = { ...user(BOB, [allowAssume]), boundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] } };
    expect(trust.canAssume(id(BOB), bounded, role('444455556666'), 'bob')).toBe(false);
  });
});
