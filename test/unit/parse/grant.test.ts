// Grants in the world shape (contract.md) and in the API shape of
// https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantListEntry.html
import { describe, expect, it } from 'vitest';
import { parseGrant } from '../../../src/parse/grant.js';

const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('parseGrant', () => {
  it('reads the world shape', () => {
    const { grant, diagnostics } = parseGrant({
      grantId: 'g-1', granteePrincipal: 'arn:aws:iam::444455556666:user/Bob', retiringPrincipal: 'arn:aws:iam::111122223333:role/Ops',
      operations: ['Decrypt', 'GenerateDataKey'], constraints: { EncryptionContextSubset: { Department: 'IT' } }, issuingAccount: 'arn:aws:iam::111122223333:root',
    }, { keyArn: KEY });
    expect(diagnostics).toEqual([]);
    expect(grant).toEqual({
      ref: { kind: 'grant', id: `grant:${KEY}:g-1`, pointer: '' },
      grantId: 'g-1', keyArn: KEY, granteePrincipal: 'arn:aws:iam::444455556666:user/Bob', retiringPrincipal: 'arn:aws:iam::111122223333:role/Ops',
      operations: ['kms:Decrypt', 'kms:GenerateDataKey'], constraints: { encryptionContextSubset: { Department: 'IT' } }, issuingAccount: 'arn:aws:iam::111122223333:root',
    });
  });

  it('reads the ListGrants shape, with KeyId and defaults', () => {
    const { grant, diagnostics } = parseGrant({
      KeyId: KEY, GrantId: 'abc', Name: 'n', GranteePrincipal: 'arn:aws:iam::111122223333:role/R', Operations: ['Encrypt', 'kms:Decrypt'],
      Constraints: { EncryptionContextEquals: { a: 'b' } }, IssuingAccount: '111122223333',
    }, { keyArn: 'ignored' });
    expect(diagnostics).toEqual([]);
    expect(grant).toMatchObject({ keyArn: KEY, name: 'n', operations: ['kms:Encrypt', 'kms:Decrypt'], constraints: { encryptionContextEquals: { a: 'b' } }, issuingAccount: 'arn:aws:iam::111122223333:root' });
    expect(parseGrant({ grantId: 'g', granteePrincipal: 'p', operations: [] }, { keyArn: KEY }).grant.issuingAccount).toBe('arn:aws:iam::111122223333:root');
  });

  it('reports missing and mistyped fields without throwing', () => {
    const r = parseGrant({ operations: 'Decrypt', constraints: { Foo: {} } }, { keyArn: KEY, pointer: '/keys/0/grants/0' });
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['parse/missing-element', '/keys/0/grants/0'],
      ['parse/missing-element', '/keys/0/grants/0'],
      ['parse/invalid-type', '/keys/0/grants/0/operations'],
      ['parse/unknown-element', '/keys/0/grants/0/constraints/Foo'],
    ]);
    expect(parseGrant(null, { keyArn: KEY }).diagnostics[0].messageId).toBe('grantNotObject');
  });
});

describe('grant operations', () => {
  it('accepts only the grant operations of grants.html, in canonical case', () => {
    const r = parseGrant({ grantId: 'g', granteePrincipal: 'p', operations: ['decrypt', 'PutKeyPolicy', 'Decrpyt'] }, { keyArn: KEY });
    expect(r.grant.operations).toEqual(['kms:Decrypt', 'kms:PutKeyPolicy', 'kms:Decrpyt']);
    expect(r.diagnostics.map((d) => [d.code, d.pointer, d.suggestion])).toEqual([
      ['parse/invalid-grant-operation', '/operations/1', undefined],
      ['parse/invalid-grant-operation', '/operations/2', 'Decrypt'],
    ]);
  });
});
