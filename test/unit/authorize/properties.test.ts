// Laws of the evaluation logic, checked with fast-check over random key policies, identity
// policies, boundaries and requests (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// a Deny can only take access away, an Allow can only add it, statement order never matters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../../src/authorize/index.js';
import type { AuthzRequest } from '../../../src/model/decision.js';
import { compileWorld } from '../../../src/world/compile.js';
import type { World } from '../../../src/world/types.js';

const A = '111122223333';
const B = '444455556666';
const KEY = `arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const CALLERS = [`arn:aws:iam::${A}:user/Alice`, `arn:aws:iam::${A}:user/Carol`, `arn:aws:sts::${B}:assumed-role/Eng/bob`, `arn:aws:iam::${A}:root`, `arn:aws:sts::${A}:assumed-role/Ops/night`];
const PRINCIPALS = [{ AWS: `arn:aws:iam::${A}:root` }, { AWS: `arn:aws:iam::${A}:user/Alice` }, '*', { AWS: B }, { AWS: `arn:aws:iam::${A}:role/Ops` }, { AWS: `arn:aws:sts::${B}:assumed-role/Eng/bob` }];
const ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:*', 'kms:Describe*', 'kms:ScheduleKeyDeletion', ['kms:Decrypt', 'kms:Encrypt']];
const RESOURCES = ['*', KEY, `arn:aws:kms:us-west-2:${A}:key/*`, `arn:aws:kms:us-east-1:${A}:key/*`];
const CONDITIONS = [undefined, { StringEquals: { 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' } }, { StringEquals: { 'aws:PrincipalTag/team': 'red' } }, { Bool: { 'aws:SecureTransport': 'true' } }, { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': 'Dept' } }];

type Stmt = Record<string, unknown>;
const statement = (effect: 'Allow' | 'Deny', withPrincipal: boolean): fc.Arbitrary<Stmt> =>
  fc.record({
    principal: fc.constantFrom(...PRINCIPALS),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    condition: fc.constantFrom(...CONDITIONS),
  }).map(({ principal, action, resource, condition }) => ({
    Effect: effect,
    ...(withPrincipal ? { Principal: principal } : {}),
    Action: action,
    Resource: withPrincipal ? '*' : resource,
    ...(condition === undefined ? {} : { Condition: condition }),
  }));

const anyStatement = (withPrincipal: boolean): fc.Arbitrary<Stmt> => fc.oneof({ weight: 3, arbitrary: statement('Allow', withPrincipal) }, { weight: 1, arbitrary: statement('Deny', withPrincipal) });

interface Policies { key: Stmt[]; alice: Stmt[]; carol: Stmt[]; eng: Stmt[]; ops: Stmt[]; boundary: Stmt[] | null }

const policies: fc.Arbitrary<Policies> = fc.record({
  key: fc.array(anyStatement(true), { minLength: 1, maxLength: 5 }),
  alice: fc.array(anyStatement(false), { maxLength: 3 }),
  carol: fc.array(anyStatement(false), { maxLength: 3 }),
  eng: fc.array(anyStatement(false), { maxLength: 3 }),
  ops: fc.array(anyStatement(false), { maxLength: 3 }),
  boundary: fc.option(fc.array(anyStatement(false), { minLength: 1, maxLength: 2 }), { nil: null }),
});

const request: fc.Arbitrary<AuthzRequest> = fc.record({
  principal: fc.constantFrom(...CALLERS),
  action: fc.constantFrom('kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey', 'kms:ScheduleKeyDeletion'),
  via: fc.boolean(),
  ec: fc.boolean(),
}).map(({ principal, action, via, ec }) => ({
  principal, action, resource: KEY,
  ...(via ? { context: { 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' } } : {}),
  ...(ec ? { encryptionContext: { Dept: 'IT' } } : {}),
}));

const doc = (s: Stmt[]): object => ({ Version: '2012-10-17', Statement: s });

function worldOf(p: Policies): World {
  return {
    accounts: [{ id: A }, { id: B }],
    principals: [
      { arn: `arn:aws:iam::${A}:user/Alice`, type: 'user', policies: [doc(p.alice)], ...(p.boundary === null ? {} : { boundary: doc(p.boundary) }) },
      { arn: `arn:aws:iam::${A}:user/Carol`, type: 'user', policies: [doc(p.carol)], tags: { team: 'red' } },
      { arn: `arn:aws:iam::${B}:role/Eng`, type: 'role', policies: [doc(p.eng)] },
      { arn: `arn:aws:iam::${A}:role/Ops`, type: 'role', policies: [doc(p.ops)], ...(p.boundary === null ? {} : { boundary: doc(p.boundary) }) },
    ],
    keys: [{ arn: KEY, policy: doc(p.key) }],
    vpcEndpoints: [],
  };
}

const decide = (p: Policies, r: AuthzRequest): string => authorize(compileWorld(worldOf(p)), r).decision;
type Slot = 'key' | 'alice' | 'carol' | 'eng' | 'ops';
const SLOTS: Slot[] = ['key', 'alice', 'carol', 'eng', 'ops'];

function add(p: Policies, slot: Slot, s: Stmt): Policies {
  return { ...p, [slot]: [...p[slot], s] };
}

describe('evaluation laws', () => {
  it('adding a Deny never turns a deny into an Allow', () => {
    fc.assert(fc.property(policies, request, fc.constantFrom(...SLOTS), statement('Deny', true), statement('Deny', false), (p, r, slot, kd, id) => {
      if (decide(p, r) === 'Allow') return;
      expect(decide(add(p, slot, slot === 'key' ? kd : id), r)).not.toBe('Allow');
    }), { numRuns: 150 });
  });

  it('adding a Deny never turns an explicit deny into anything else', () => {
    fc.assert(fc.property(policies, request, fc.constantFrom(...SLOTS), statement('Deny', true), statement('Deny', false), (p, r, slot, kd, id) => {
      if (decide(p, r) !== 'ExplicitDeny') return;
      expect(decide(add(p, slot, slot === 'key' ? kd : id), r)).toBe('ExplicitDeny');
    }), { numRuns: 100 });
  });

  it('adding an Allow never turns an Allow into a deny', () => {
    fc.assert(fc.property(policies, request, fc.constantFrom(...SLOTS), statement('Allow', true), statement('Allow', false), (p, r, slot, ka, ia) => {
      if (decide(p, r) !== 'Allow') return;
      expect(decide(add(p, slot, slot === 'key' ? ka : ia), r)).toBe('Allow');
    }), { numRuns: 150 });
  });

  it('statement order never changes a decision', () => {
    fc.assert(fc.property(policies, request, fc.nat(), (p, r, seed) => {
      const shuffle = (xs: Stmt[]): Stmt[] => xs.map((x, i) => [x, (seed * 7919 + i * 104729) % 1009] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);
      const q: Policies = { key: shuffle(p.key), alice: shuffle(p.alice), carol: shuffle(p.carol), eng: shuffle(p.eng), ops: shuffle(p.ops), boundary: p.boundary === null ? null : shuffle(p.boundary) };
      expect(decide(q, r)).toBe(decide(p, r));
    }), { numRuns: 150 });
  });

  it('the generators reach every decision', () => {
    const seen = new Set(fc.sample(fc.tuple(policies, request), { numRuns: 300, seed: 42 }).map(([p, r]) => decide(p, r)));
    expect([...seen].sort()).toEqual(['Allow', 'ExplicitDeny', 'ImplicitDeny']);
  });
});
