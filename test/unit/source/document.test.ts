// readDocument: JSON and YAML with positions; CloudFormation short-form tags in their long form
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, loadDocument, readDocument } from '../../../src/source/document.js';

describe('readDocument (JSON)', () => {
  const text = '{\n  "Statement": [\n    { "Effect": "Allow",\n      "Action": "kms:Decrypt" }\n  ]\n}\n';
  it('locates values by pointer, falling back to the nearest ancestor', () => {
    const d = readDocument(text, 'p.json');
    expect(d.diagnostics).toEqual([]);
    expect(d.locate('')).toEqual({ line: 1, column: 1 });
    expect(d.locate('/Statement')).toEqual({ line: 2, column: 16 });
    expect(d.locate('/Statement/0')).toEqual({ line: 3, column: 5 });
    expect(d.locate('/Statement/0/Action')).toEqual({ line: 4, column: 17 });
    expect(d.locate('/Statement/0/Resource')).toEqual({ line: 3, column: 5 });
    expect(d.locate('/Statement/7')).toEqual({ line: 2, column: 16 });
  });

  it('reports syntax errors with line and column, never throws', () => {
    const d = readDocument('{\n  "a": 1\n  "b": 2\n}', 'p.json');
    expect(d.diagnostics.map((x) => [x.code, x.messageId, x.line, x.column])).toEqual([['parse/invalid-json', 'CommaExpected', 3, 3]]);
    expect(readDocument('', 'p.json').diagnostics[0]?.code).toBe('parse/invalid-json');
    expect(readDocument('{"a": 1} // c', 'p.json').diagnostics[0]?.messageId).toBe('InvalidCommentToken');
  });

  it('counts CRLF line breaks and ignores a byte-order mark', () => {
    const d = readDocument('\uFEFF{\r\n"a":\r\n  true}', 'p.json');
    expect(d.value).toEqual({ a: true });
    expect(d.locate('/a')).toEqual({ line: 3, column: 3 });
  });

  it('keeps a `__proto__` key as data', () => {
    const v = readDocument('{"__proto__": {"x": 1}}', 'p.json').value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
});

describe('readDocument (YAML)', () => {
  it('locates values, including inside sequences', () => {
    const d = readDocument('Statement:\n  - Effect: Allow\n    Action:\n      - kms:Decrypt\n    Resource:\n', 'p.yaml');
    expect(d.diagnostics).toEqual([]);
    expect(d.value).toEqual({ Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: null }] });
    expect(d.locate('/Statement/0/Effect')).toEqual({ line: 2, column: 13 });
    expect(d.locate('/Statement/0/Action/0')).toEqual({ line: 4, column: 9 });
    expect(d.locate('/Statement/0/Resource')).toEqual({ line: 5, column: 5 });
  });

  it('loads CloudFormation short-form tags as their long form', () => {
    const text = [
      'Resources:',
      '  Key:',
      '    Type: AWS::KMS::Key',
      '    Properties:',
      '      Description: !Sub "key for ${AWS::StackName}"',
      '      KeyPolicy:',
      '        Statement:',
      '          - Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }',
      '            Resource: !GetAtt Key.Arn',
      '            Sid: !Join [ "-", [ a, !Ref B ] ]',
      '            Cond: !If [ IsProd, !Select [ 0, !GetAZs "" ], !Base64 x ]',
      '            Other: !ImportValue { "Fn::Sub": "${Env}-id" }',
    ].join('\n');
    const d = readDocument(text, 'template.yaml');
    expect(d.diagnostics).toEqual([]);
    const st = (d.value as any).Resources.Key.Properties.KeyPolicy.Statement[0];
    expect(st.Principal.AWS).toEqual({ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' });
    expect(st.Resource).toEqual({ 'Fn::GetAtt': ['Key', 'Arn'] });
    expect(st.Sid).toEqual({ 'Fn::Join': ['-', ['a', { Ref: 'B' }]] });
    expect(st.Cond).toEqual({ 'Fn::If': ['IsProd', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, { 'Fn::Base64': 'x' }] });
    expect(st.Other).toEqual({ 'Fn::ImportValue': { 'Fn::Sub': '${Env}-id' } });
    // Positions inside a tagged sequence survive.
    expect(d.locate('/Resources/Key/Properties/KeyPolicy/Statement/0/Sid/Fn::Join/1')).toEqual({ line: 10, column: 31 });
  });

  it('reports YAML errors as diagnostics', () => {
    const d = readDocument('a: [1, 2\nb: c', 'p.yml');
    expect(d.diagnostics.length).toBeGreaterThan(0);
    expect(d.diagnostics.every((x) => x.code === 'parse/invalid-yaml' && x.line >= 1)).toBe(true);
    expect(readDocument('a: 1\na: 2\n', 'p.yaml').diagnostics[0]?.messageId).toBe('DUPLICATE_KEY');
  });

  it('refuses alias bombs without throwing', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const d = readDocument(bomb, 'bomb.yaml');
    expect(d.diagnostics.some((x) => x.code === 'parse/invalid-yaml')).toBe(true);
  });
});

describe('format detection and files', () => {
  it('chooses by extension, then by content', () => {
    expect(detectFormat('a: 1', 'x.json')).toBe('json');
    expect(detectFormat('{}', 'x.yml')).toBe('yaml');
    expect(detectFormat('  {"a": 1}', 'x.template')).toBe('json');
    expect(detectFormat('AWSTemplateFormatVersion: "2010-09-09"', 'x.template')).toBe('yaml');
    expect(detectFormat('[1]', 'stdin')).toBe('json');
  });

  it('turns a missing file into a diagnostic', async () => {
    const d = await loadDocument('/nonexistent/dir/policy.json');
    expect(d.diagnostics.map((x) => [x.code, x.line, x.column])).toEqual([['source/missing-file', 1, 1]]);
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-'));
    writeFileSync(join(dir, 'p.json'), '{"Version": "2012-10-17"}');
    expect((await loadDocument(join(dir, 'p.json'))).value).toEqual({ Version: '2012-10-17' });
    expect((await loadDocument(dir)).diagnostics[0]?.code).toBe('source/unreadable');
  });
});

describe('duplicate JSON keys', () => {
  it('keep the last value, as AWS does, and warn at the repeated key', () => {
    const d = readDocument('{"Condition": {\n  "StringEquals": {"a": "1"},\n  "StringEquals": {"b": "2"}\n}}', 'p.json');
    expect(d.value).toEqual({ Condition: { StringEquals: { b: '2' } } });
    expect(d.diagnostics.map((x) => [x.code, x.severity, x.pointer, x.line, x.column])).toEqual([
      ['parse/duplicate-key', 'warning', '/Condition/StringEquals', 3, 3],
    ]);
  });
});
