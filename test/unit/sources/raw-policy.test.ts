// Raw policies and bare statements (lint-catalogue.md §5, contract.md "lint"): kind detection,
// --kind, and statement positions in JSON and YAML.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
import { describe, expect, it } from 'vitest';
import { readLintInputFromText } from '../../../src/sources/index.js';
import { policies, positionOf, readFixture } from './helpers.js';

describe('raw policies', () => {
  it('reads a key policy (it has Principal) with each statement at its line and column', () => {
    const input = readFixture('policies/public-key-policy.json');
    expect(input.shape).toBe('policy');
    const [p] = policies(input);
    expect(p.kind).toBe('key');
    expect(p.pointer).toBe('');
    expect(p.embeddedAsString).toBe(false);
    expect(p.policy.statements.map((s) => [s.ref.sid, s.ref.line, s.ref.column])).toEqual([
      ['EnableIAMPolicies', 5, 5],
      ['EveryoneDecrypts', 12, 5],
    ]);
    expect(input.locate('/Statement/1/Principal')).toEqual(positionOf(input, '"*"', 'EveryoneDecrypts'));
  });

  it('reads a YAML policy without Principal as an identity policy, and --kind overrides', () => {
    const input = readFixture('policies/identity.yaml');
    expect(policies(input)[0].kind).toBe('identity');
    expect(input.locate('/Statement/0/Action/1')).toEqual(positionOf(input, 'kms:GenerateDataKey'));
    expect(policies(readFixture('policies/identity.yaml', 'boundary'))[0].kind).toBe('boundary');
  });

  it('reads a bare statement as a one-statement policy and says a statement stands where a policy belongs', () => {
    const input = readFixture('policies/bare-statement.json');
    expect(input.shape).toBe('statement');
    const [p] = policies(input);
    expect(p.policy.statements).toHaveLength(1);
    expect(p.policy.statements[0].ref.sid).toBe('OpenToAll');
    expect(input.diagnostics.map((d) => d.code)).toContain('parse/bare-statement');
    expect(input.locate(p.policy.statements[0].principals!.pointer)).toEqual(positionOf(input, '{ "AWS"'));
  });

  it('reads a list of statements', () => {
    const input = readLintInputFromText('[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]', 'list.json');
    expect(input.shape).toBe('statements');
    expect(policies(input)[0].policy.statements).toHaveLength(1);
  });

  it('is fatal, never a throw, for text that is not JSON, an empty file, or an unknown shape', () => {
    const bad = readLintInputFromText('{"Version": "2012-10-17",\n  "Statement": [}', 'bad.json');
    expect(bad.fatal).toBe(true);
    expect(bad.diagnostics[0]).toMatchObject({ code: 'parse/invalid-json', line: 2 });
    expect(readLintInputFromText('', 'empty.yaml').fatal).toBe(true);
    const odd = readLintInputFromText('{"name": "not a policy"}', 'package.json');
    expect(odd).toMatchObject({ fatal: true, shape: 'unrecognized' });
    expect(odd.diagnostics[0].code).toBe('source/unrecognized-shape');
  });

  it('keeps columns right after a byte-order mark', () => {
    const input = readLintInputFromText('\uFEFF{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]}', 'bom.json');
    expect(input.locate('/Statement/0')).toEqual({ line: 1, column: 15 });
  });
});
