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
});
