// parsePolicy on whole documents: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// Policies given as JSON strings, as get-key-policy and Terraform hold them:
// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/parse/policy.js';
import { readDocument } from '../../../src/source/document.js';

const KEY_POLICY = { Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] };

describe('parsePolicy', () => {
  it('normalizes the API default key policy (key-policy-default.html)', () => {
    const { policy, diagnostics } = parsePolicy(KEY_POLICY, { kind: 'key', id: 'key-policy:k', file: 'w.yaml', pointer: '/keys/0/policy' });
    expect(diagnostics).toEqual([]);
    expect(policy).toMatchObject({ kind: 'key', version: '2012-10-17', id: 'key-default-1', ref: { kind: 'key', id: 'key-policy:k', file: 'w.yaml', pointer: '/keys/0/policy' } });
    const s = policy.statements[0];
    expect(s.ref).toMatchObject({ sid: 'Enable IAM policies', index: 0, pointer: '/Statement/0' });
    expect(s.actions).toEqual({ not: false, values: [{ raw: 'kms:*', pointer: '/Statement/0/Action' }], pointer: '/Statement/0/Action' });
  });

  it('numbers statements without a Sid as #index and points a single-object Statement at /Statement', () => {
    const { policy } = parsePolicy({ Statement: { Effect: 'Deny', Action: 'kms:*', Resource: '*' } }, { kind: 'identity', id: 'p' });
    expect(policy.statements[0].ref).toMatchObject({ sid: '#0', index: 0, pointer: '/Statement' });
  });

  it('reads a policy given as a JSON string, with the string\'s own positions', () => {
    const text = JSON.stringify(KEY_POLICY, null, 2);
    const { policy, diagnostics } = parsePolicy(text, { kind: 'key', id: 'k', file: 'get-key-policy.json' });
    expect(diagnostics).toEqual([]);
    expect(policy.statements[0].ref).toMatchObject({ line: 5, column: 5 });
    const bad = parsePolicy('{"Version": "2012-10-17",\n "Statement": [}', { kind: 'key', id: 'k', file: 'p.json' });
    expect(bad.diagnostics[0]).toMatchObject({ code: 'parse/invalid-json', line: 2, column: 16 });
  });

  it('decodes URL-encoded documents as the IAM API returns them', () => {
    const encoded = encodeURIComponent(JSON.stringify(KEY_POLICY));
    const r = parsePolicy(encoded, { kind: 'key', id: 'k' });
    expect(r.diagnostics).toEqual([]);
    expect(r.policy.statements[0].ref.sid).toBe('Enable IAM policies');
    expect(parsePolicy('%7B%E0%A4%A', { kind: 'key', id: 'k' }).diagnostics[0]).toMatchObject({ code: 'parse/invalid-json', messageId: 'urlDecode' });
  });

  it('reports errors of an embedded policy string at the string', () => {
    const outer = '{\n  "Policy": "{\\"Statement\\": [}"\n}';
    const doc = readDocument(outer, 'describe.json');
    const r = parsePolicy((doc.value as { Policy: string }).Policy, { kind: 'key', id: 'k', file: 'describe.json', pointer: '/Policy', locate: doc.locate });
    expect(r.diagnostics[0]).toMatchObject({ code: 'parse/invalid-json', pointer: '/Policy', line: 2, column: 13 });
    expect(r.diagnostics[0].message).toContain('inside the policy string');
  });

  it('treats a bare statement as a one-statement policy, with a diagnostic', () => {
    const { policy, diagnostics } = parsePolicy({ Sid: 'S', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }, { kind: 'key', id: 'k' });
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([['parse/bare-statement', '']]);
    expect(policy.statements[0].ref).toMatchObject({ sid: 'S', pointer: '' });
  });

  it('drops a statement whose Effect is unknowable and keeps the others', () => {
    const { policy, diagnostics } = parsePolicy({ Version: '2012-10-17', Statement: [{ Action: 'kms:*', Resource: '*' }, { Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }, { kind: 'identity', id: 'p' });
    expect(diagnostics.map((d) => d.messageId)).toEqual(['missingEffect']);
    expect(policy.statements.map((s) => s.ref.sid)).toEqual(['#1']);
  });

  it('reports conflicting elements, duplicate Sids and miscased elements', () => {
    const { diagnostics } = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 'kms:*', NotAction: 'kms:Decrypt', Resource: '*' },
        { Sid: 'A', effect: 'Deny', Action: 'kms:*', Resource: '*' },
      ],
    }, { kind: 'identity', id: 'p' });
    expect(diagnostics.map((d) => [d.code, d.messageId, d.pointer, d.severity])).toEqual([
      ['parse/conflicting-elements', 'bothActionNotAction', '/Statement/0', 'error'],
      ['parse/unknown-element', 'wrongCase', '/Statement/1/effect', 'error'],
      ['parse/duplicate-sid', 'duplicateSid', '/Statement/1/Sid', 'warning'],
    ]);
  });

  it('reads an array as a list of statements and anything else as an empty policy', () => {
    expect(parsePolicy([{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }], { kind: 'identity', id: 'p' }).policy.statements).toHaveLength(1);
    for (const v of [null, 3, true, undefined]) {
      const r = parsePolicy(v, { kind: 'identity', id: 'p' });
      expect(r.policy.statements).toEqual([]);
      expect(r.diagnostics[0].code).toBe('parse/invalid-type');
    }
  });

  it('parses a key policy inside a CloudFormation YAML template with template positions', () => {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html
    const text = [
      'Resources:',
      '  Key:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      KeyPolicy:',
      '        Version: 2012-10-17',
      '        Statement:',
      '          - Sid: Enable IAM policies',
      '            Effect: Allow',
      '            Principal:',
      '              AWS: !Sub arn:aws:iam::${AWS::AccountId}:root',
      '            Action: "kms: *"',
      '            Resource: "*"',
    ].join('\n');
    const doc = readDocument(text, 'template.yaml');
    const pointer = '/Resources/Key/Properties/KeyPolicy';
    const value = (doc.value as { Resources: { Key: { Properties: { KeyPolicy: unknown } } } }).Resources.Key.Properties.KeyPolicy;
    const r = parsePolicy(value, { kind: 'key', id: 'k', file: 'template.yaml', pointer, locate: doc.locate });
    expect(r.policy.version).toBe('2012-10-17');
    expect(r.policy.statements[0].ref).toMatchObject({ sid: 'Enable IAM policies', pointer: '/Statement/0', line: 8, column: 13 });
    expect(r.diagnostics.map((d) => [d.code, d.pointer, d.line, d.column])).toEqual([
      ['parse/invalid-type', `${pointer}/Statement/0/Principal/AWS`, 11, 25],
      ['parse/invalid-action', `${pointer}/Statement/0/Action`, 12, 21],
    ]);
  });
});

