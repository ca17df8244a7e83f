// Compiled statements: Action/NotAction (case-insensitive names), Resource/NotResource with
// variables, principals split for lookup, and the per-action index.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/compile/policy.js';
import { parsePolicy } from '../../../src/parse/policy.js';
import { ctx } from './helpers.js';

const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function compile(statements: unknown[], kind: 'key' | 'identity' = 'identity') {
  return compilePolicy(parsePolicy({ Version: '2012-10-17', Statement: statements }, { kind, id: 'p' }).policy);
}

describe('compilePolicy', () => {
  it('matches actions case-insensitively and applies NotAction', () => {
    const p = compile([
      { Sid: 'Use', Effect: 'Allow', Action: ['KMS:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], Resource: '*' },
      { Sid: 'AllButDelete', Effect: 'Deny', NotAction: 'kms:ScheduleKeyDeletion', Resource: '*' },
    ]);
    const [use, allBut] = p.statements;
    expect(use.matchesAction('kms:encrypt')).toBe(true);
    expect(use.matchesAction('kms:reencryptfrom')).toBe(true);
    expect(use.matchesAction('kms:decrypt')).toBe(false);
    expect(allBut.matchesAction('kms:decrypt')).toBe(true);
    expect(allBut.matchesAction('kms:schedulekeydeletion')).toBe(false);
    expect(p.statementsFor('kms:generatedatakeypair').map((s) => s.ref.sid)).toEqual(['Use', 'AllButDelete']);
    expect(p.statementsFor('kms:schedulekeydeletion').map((s) => s.ref.sid)).toEqual([]);
    expect(p.statementsFor('kms:schedulekeydeletion')).toBe(p.statementsFor('kms:schedulekeydeletion'));
  });

  it('matches resources with wildcards, NotResource, variables; no Resource → true', () => {
    const p = compile([
      { Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:111122223333:key/*' },
      { Effect: 'Allow', Action: 'kms:*', NotResource: 'arn:aws:kms:*:111122223333:key/*' },
      { Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:*:key/${aws:PrincipalTag/key-id}' },
      { Effect: 'Allow', Principal: '*', Action: 'kms:*' },
    ], 'key');
    const [wild, notRes, withVar, none] = p.statements;
    expect(wild.matchesResource(KEY, ctx())).toBe(true);
    expect(wild.matchesResource('arn:aws:kms:us-west-2:444455556666:key/x', ctx())).toBe(false);
    expect(notRes.matchesResource(KEY, ctx())).toBe(false);
    expect(notRes.matchesResource('arn:aws:kms:us-west-2:444455556666:key/x', ctx())).toBe(true);
    expect(withVar.matchesResource(KEY, ctx({ 'aws:PrincipalTag/key-id': '1234abcd-12ab-34cd-56ef-1234567890ab' }))).toBe(true);
    expect(withVar.matchesResource(KEY, ctx({ 'aws:PrincipalTag/key-id': 'other' }))).toBe(false);
    // In Resource an unresolved variable matches nothing (VAR page).
    expect(withVar.matchesResource(KEY, ctx())).toBe(false);
    expect(none.matchesResource(KEY, ctx())).toBe(true);
  });

  it('splits principals into wildcard, accounts, ARNs, services and federated', () => {
    const p = compile([
      { Effect: 'Allow', Principal: { AWS: ['111122223333', 'arn:aws:iam::444455556666:root', 'arn:aws:iam::111122223333:role/Ops', '*'], Service: 'ec2.amazonaws.com', Federated: 'accounts.google.com' }, Action: 'kms:*', Resource: '*' },
    ], 'key');
    const pr = p.statements[0].principal!;
    expect(pr.wildcard).toBe(true);
    expect([...pr.accounts]).toEqual(['111122223333', '444455556666']);
    expect([...pr.arns]).toEqual(['arn:aws:iam::111122223333:role/Ops']);
    expect([...pr.services]).toEqual(['ec2.amazonaws.com']);
    expect([...pr.federated]).toEqual(['accounts.google.com']);
  });

  it('caches per policy object and has no action without an Action element', () => {
    const parsed = parsePolicy({ Statement: { Effect: 'Allow', Resource: '*' } }, { kind: 'identity', id: 'p' }).policy;
    const c = compilePolicy(parsed);
    expect(compilePolicy(parsed)).toBe(c);
    expect(c.statements[0].matchesAction('kms:decrypt')).toBe(false);
  });

  it('builds no RegExp while evaluating (compile once, evaluate many)', () => {
    const p = compile([
      { Effect: 'Allow', Action: ['kms:Gen*', 'kms:?ecrypt'], Resource: ['arn:aws:kms:*:111122223333:key/*', 'arn:aws:kms:*:*:key/${aws:PrincipalTag/k}*'],
        Condition: { StringLike: { 'kms:ViaService': ['ec2.*', '${aws:username}-*'] }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/${aws:username}' },
          'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, DateLessThan: { 'aws:CurrentTime': '2030-01-01' } } },
    ]);
    const ctx = new Map<string, string | string[]>([
      ['aws:principaltag/k', 'ab'], ['kms:viaservice', 'bob-x'], ['aws:username', 'bob'], ['aws:principalarn', 'arn:aws:iam::1:role/bob'],
      ['aws:tagkeys', ['ab']], ['aws:sourceip', '10.1.2.3'], ['aws:currenttime', '2029-01-01T00:00:00Z'],
    ]);
    const Original = globalThis.RegExp;
    let built = 0;
    globalThis.RegExp = new Proxy(Original, { construct(target, args: [string, string?]) { built++; return new target(...args); } });
    try {
      for (let i = 0; i < 3; i++) {
        for (const st of p.statementsFor(`kms:generate${String(i)}`)) {
          st.matchesResource('arn:aws:kms:us-east-1:111122223333:key/abc', ctx);
          for (const c of st.conditions) c.test(ctx);
        }
      }
    } finally {
      globalThis.RegExp = Original;
    }
    expect(built).toBe(0);
    const st = p.statements[0];
    expect(st.matchesResource('arn:aws:kms:us-east-1:444455556666:key/abc', ctx)).toBe(true);
    expect(st.conditions.map((c) => c.test(ctx))).toEqual([true, true, true, true, true]);
  });
});

