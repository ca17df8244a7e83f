// Principal forms of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// and the KMS key-policy examples of https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/parse/policy.js';

function principalOf(principal: unknown) {
  const r = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: principal, Action: 'kms:*', Resource: '*' } }, { kind: 'key', id: 'k' });
  return { set: r.policy.statements[0].principals!, diagnostics: r.diagnostics.map((d) => [d.code, d.messageId, d.pointer]) };
}

describe('Principal', () => {
  it('"*" is {"AWS": "*"} (PR "All principals")', () => {
    expect(principalOf('*').set.entries).toEqual([{ type: 'AWS', value: '*', raw: '*', pointer: '/Statement/Principal' }]);
    expect(principalOf({ AWS: '*' }).set.entries[0]).toMatchObject({ type: 'AWS', value: '*' });
  });

  it('a bare account id is the account principal (PR "AWS account principals")', () => {
    const { set, diagnostics } = principalOf({ AWS: ['111122223333', 'arn:aws:iam::444455556666:root'] });
    expect(diagnostics).toEqual([]);
    expect(set.entries.map((e) => [e.value, e.raw, e.pointer])).toEqual([
      ['arn:aws:iam::111122223333:root', '111122223333', '/Statement/Principal/AWS/0'],
      ['arn:aws:iam::444455556666:root', 'arn:aws:iam::444455556666:root', '/Statement/Principal/AWS/1'],
    ]);
  });

  it('accepts user, role, assumed-role, federated-user ARNs, services, federated and canonical users', () => {
    const { set, diagnostics } = principalOf({
      AWS: ['arn:aws:iam::111122223333:user/Alice', 'arn:aws:iam::111122223333:role/Ops', 'arn:aws:sts::111122223333:assumed-role/Ops/s1',
        'arn:aws:sts::111122223333:federated-user/Bob', 'AIDAJQABLZS4A3QDU576Q'],
      Service: 'ec2.amazonaws.com',
      Federated: 'cognito-identity.amazonaws.com',
      CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
    });
    expect(diagnostics).toEqual([]);
    expect(set.entries.map((e) => e.type)).toEqual(['AWS', 'AWS', 'AWS', 'AWS', 'AWS', 'Service', 'Federated', 'CanonicalUser']);
  });

  it('reports partial wildcards, whitespace, unknown types and wrong shapes', () => {
    expect(principalOf({ AWS: 'arn:aws:iam::111122223333:user/*' }).diagnostics).toEqual([['parse/invalid-principal', 'partialWildcard', '/Statement/Principal/AWS']]);
    expect(principalOf({ AWS: 'arn:aws: iam::111122223333:root' }).diagnostics).toEqual([['parse/invalid-principal', 'whitespace', '/Statement/Principal/AWS']]);
    expect(principalOf({ AWS: 'alice' }).diagnostics).toEqual([['parse/invalid-principal', 'format', '/Statement/Principal/AWS']]);
    expect(principalOf({ Action: 'kms:Decrypt' }).diagnostics).toEqual([['parse/unknown-principal-type', 'unknownType', '/Statement/Principal/Action']]);
    expect(principalOf({ aws: '*' }).diagnostics).toEqual([['parse/unknown-principal-type', 'wrongCase', '/Statement/Principal/aws']]);
    expect(principalOf('111122223333').diagnostics).toEqual([['parse/invalid-type', 'invalidPrincipal', '/Statement/Principal']]);
    expect(principalOf({ AWS: [true] }).diagnostics).toEqual([['parse/invalid-type', 'expectedString', '/Statement/Principal/AWS/0']]);
  });

  it('takes an unquoted (numeric) account id as text, with a warning', () => {
    const { set, diagnostics } = principalOf({ AWS: [111122223333, 'arn:aws:iam::444455556666:root'] });
    expect(set.entries[0]).toMatchObject({ value: 'arn:aws:iam::111122223333:root', raw: '111122223333' });
    expect(diagnostics).toEqual([['parse/invalid-type', 'numberAsString', '/Statement/Principal/AWS/0']]);
  });

  it('NotPrincipal is kept as a negated set (NPR page)', () => {
    const r = parsePolicy({ Statement: { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: 'kms:*', Resource: '*' } }, { kind: 'key', id: 'k' });
    expect(r.policy.statements[0].principals).toMatchObject({ not: true, pointer: '/Statement/NotPrincipal' });
  });

  it('checks where a principal belongs for each policy kind', () => {
    const st = { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' };
    expect(parsePolicy({ Statement: st }, { kind: 'key', id: 'k' }).diagnostics.map((d) => d.messageId)).toEqual(['missingPrincipal']);
    expect(parsePolicy({ Statement: { ...st, Principal: '*' } }, { kind: 'identity', id: 'i' }).diagnostics.map((d) => d.messageId)).toEqual(['unexpectedPrincipal']);
    expect(parsePolicy({ Statement: { Effect: 'Allow', Action: 'kms:Decrypt' } }, { kind: 'identity', id: 'i' }).diagnostics.map((d) => d.messageId)).toEqual(['missingResource']);
  });
});
