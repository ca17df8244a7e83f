// Input shapes validated with the JSON Schemas of schemas/ (contract.md "World", "Request",
// "Policy test file"; the IAM policy grammar https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html;
// grants https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantListEntry.html).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PolicyTestFileInput, RequestInput, WorldInput } from '../../../src/parse/shape.js';
import { validateShape } from '../../../src/parse/shape.js';
import { readDocument } from '../../../src/source/document.js';
import { generate, generateValidators, OUTPUT, VALIDATORS_OUTPUT } from '../../../scripts/gen-schemas.js';

const root = resolve(import.meta.dirname, '../../..');
const at = (text: string, file = 'x.json') => {
  const d = readDocument(text, file);
  return { value: d.value, where: { file, locate: d.locate } };
};
const brief = (ds: { code: string; pointer: string; line: number; column: number }[]) => ds.map((d) => [d.code, d.pointer, d.line, d.column]);

describe('generated schema constants', () => {
  it('are current with schemas/*.json', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generate());
  });
  it('standalone validators are current with schemas/*.json (no schema is compiled at start-up)', () => {
    expect(readFileSync(VALIDATORS_OUTPUT, 'utf8')).toBe(generateValidators());
  });
});

describe('validateShape', () => {
  it('accepts the bundled demo world and the seed test file', () => {
    const w = readDocument(readFileSync(resolve(root, 'fixtures/demo/world.yaml'), 'utf8'), 'world.yaml');
    expect(validateShape('world', w.value, { file: 'world.yaml', locate: w.locate })).toEqual([]);
    const seeds = {
      cases: [
        { id: 'a', request: { principal: 'arn:aws:iam::111122223333:user/Alice', action: 'kms:Decrypt', resource: 'arn:aws:kms:us-west-2:111122223333:key/k', context: { 'kms:ViaService': 'ec2.us-west-2.amazonaws.com', 'aws:TagKeys': ['a'] } }, expect: 'ImplicitDeny' },
        { id: 'b', request: { principal: 'arn:aws:iam::1:user/B', action: 'kms:CreateGrant', resource: 'r', grantRequest: { granteePrincipal: 'g', operations: ['Decrypt'] } }, expect: 'Allow', expectError: 'DisabledException' },
      ],
    };
    expect(validateShape('test-file', seeds, { file: 't.yaml', locate: () => ({ line: 1, column: 1 }) })).toEqual([]);
  });

  it('maps ajv errors to pointers with line and column', () => {
    const { value, where } = at('{\n  "keys": [\n    { "arn": "arn:aws:kms:us-west-2:111122223333:key/k", "state": "Enabld", "polcy": {} }\n  ],\n  "accounts": [ { "id": 111122223333 } ]\n}');
    expect(brief(validateShape('world', value, where))).toEqual([
      ['schema/type', '/accounts/0/id', 5, 25],
      ['schema/additionalProperties', '/keys/0/polcy', 3, 86],
      ['schema/enum', '/keys/0/state', 3, 67],
    ]);
  });

  it('reports the deepest problem inside a union, or the union when no branch fits', () => {
    const deep = at('{"Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Principal": {"AWS": "*", "Action": "x"}}]}');
    expect(brief(validateShape('policy', deep.value, deep.where)).map((x) => [x[0], x[1]])).toEqual([['schema/additionalProperties', '/Statement/0/Principal/Action']]);
    const none = at('{"Statement": 5}');
    const ds = validateShape('policy', none.value, none.where);
    expect(brief(ds)).toEqual([['schema/anyOf', '/Statement', 1, 15]]);
    expect(ds[0].message).toBe('must be a statement or an array of statements, not number');
  });

  it('validates requests and grants of both shapes', () => {
    const req = { principal: 'arn:aws:iam::1:user/A', action: 'kms:Decrypt' };
    expect(brief(validateShape('request', req, { file: 'r', locate: () => ({ line: 2, column: 3 }), pointer: '/request' }))).toEqual([['schema/required', '/request', 2, 3]]);
    expect(validateShape('grant', { GrantId: 'g', GranteePrincipal: 'p', Operations: ['Decrypt'], KeyId: 'k' }, { file: 'g', locate: () => ({ line: 1, column: 1 }) })).toEqual([]);
    expect(validateShape('grant', { grantId: 'g', granteePrincipal: 'p', operations: ['Decrypt'] }, { file: 'g', locate: () => ({ line: 1, column: 1 }) })).toEqual([]);
    expect(validateShape('grant', { grantId: 'g' }, { file: 'g', locate: () => ({ line: 1, column: 1 }) }).length).toBeGreaterThan(0);
  });

  it('derives input types from the schemas', () => {
    expectTypeOf<RequestInput['action']>().toEqualTypeOf<string>();
    expectTypeOf<PolicyTestFileInput['cases'][number]['expect']>().toEqualTypeOf<'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Deny'>();
    expectTypeOf<NonNullable<WorldInput['keys']>[number]['arn']>().toEqualTypeOf<string>();
  });
});
