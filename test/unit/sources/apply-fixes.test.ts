// --fix write-back: JSON edits keep the rest of the text byte for byte; YAML keeps comments and
// CloudFormation tags; values built by intrinsics are never written over.
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/sources/apply-fixes.js';
import { readLintInputFromText } from '../../../src/sources/index.js';

describe('applyFixes', () => {
  it('replaces a JSON value in place and leaves every other byte as it was', () => {
    const text = '{\n    "Statement": [ { "Effect": "Allow", "Action": [ "kms: Decrypt",  "kms:Encrypt" ], "Resource": "*" } ]\n}\n';
    const input = readLintInputFromText(text, 'p.json');
    const out = applyFixes(input, [{ ops: [{ op: 'replace', path: '/Statement/0/Action/0', value: 'kms:Decrypt' }], line: 2, column: 40 }]);
    expect(out).toEqual({ text: text.replace('kms: Decrypt', 'kms:Decrypt'), applied: 1, skipped: 0 });
  });

  it('edits YAML keeping comments and short-form tags', () => {
    const text = 'Resources:\n  K:\n    Type: AWS::KMS::Key # the key\n    Properties:\n      KeyPolicy:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }\n            Action: "kms: *"\n            Resource: "*"\n';
    const input = readLintInputFromText(text, 't.yaml');
    const out = applyFixes(input, [{ ops: [{ op: 'replace', path: '/Resources/K/Properties/KeyPolicy/Statement/0/Action', value: 'kms:*' }], line: 9, column: 21 }]);
    expect(out.applied).toBe(1);
    expect(out.text).toContain('# the key');
    expect(out.text).toContain('!Sub "arn:${AWS::Partition}');
    // Only the scalar changed, in its own quoting style.
    expect(out.text).toBe(text.replace('"kms: *"', '"kms:*"'));
  });

  it('edits inside a short-form `!If` branch, keeping the rest byte for byte', () => {
    const text = 'Resources:\n  K:\n    Type: AWS::KMS::Key\n    Properties:\n      KeyPolicy:\n        Statement:\n          - !If\n            - IsProd\n            - Sid: Use   # app\n              Effect: Allow\n              Action: [\'kms: Decrypt\', kms:Encrypt]\n              Resource: "*"\n            - !Ref AWS::NoValue\n';
    const input = readLintInputFromText(text, 't.yaml');
    const path = input.filePointer?.('/Resources/K/Properties/KeyPolicy/Statement/0/Action/0') ?? '';
    expect(path).toBe('/Resources/K/Properties/KeyPolicy/Statement/0/Fn::If/1/Action/0');
    const out = applyFixes(input, [{ ops: [{ op: 'replace', path: '/Resources/K/Properties/KeyPolicy/Statement/0/Action/0', value: 'kms:Decrypt' }], line: 11, column: 23 }]);
    expect(out).toEqual({ text: text.replace("'kms: Decrypt'", "'kms:Decrypt'"), applied: 1, skipped: 0 });
  });

  it('skips fixes on values built by intrinsics and fixes that overlap one already applied', () => {
    const text = JSON.stringify({ Resources: { K: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' } }, Action: 'kms:*', Resource: '*' }] } } } } }, null, 2);
    const input = readLintInputFromText(text, 't.json');
    const base = '/Resources/K/Properties/KeyPolicy/Statement/0';
    const out = applyFixes(input, [
      { ops: [{ op: 'replace', path: `${base}/Principal/AWS`, value: 'x' }], line: 1, column: 1 },
      { ops: [{ op: 'replace', path: `${base}/Action`, value: 'kms:Decrypt' }], line: 2, column: 1 },
      { ops: [{ op: 'remove', path: `${base}/Action` }], line: 1, column: 2 },
    ]);
    expect(out).toMatchObject({ applied: 1, skipped: 2 });
    expect(JSON.parse(out.text).Resources.K.Properties.KeyPolicy.Statement[0].Action).toBe('kms:Decrypt');
  });
});
