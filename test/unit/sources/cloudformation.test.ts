// CloudFormation JSON/YAML and CDK synth output (lint-catalogue.md §5.1, §5.2): intrinsics and
// pseudo parameters, Fn::If, !Sub policy text, suppressions, key configuration.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html
import { describe, expect, it } from 'vitest';
import { THIS_ACCOUNT } from '../../../src/model/lint.js';
import { readLintInputFromText } from '../../../src/sources/index.js';
import { ofType, policies, positionOf, readFixture } from './helpers.js';

describe('CloudFormation JSON', () => {
  const input = readFixture('cloudformation/key.json');

  it('finds the key policy and the role inline policy, with kinds and resource names', () => {
    expect(input.shape).toBe('cloudformation');
    expect(policies(input).map((p) => [p.pointer, p.kind, p.resourceName])).toEqual([
      ['/Resources/AppRole/Properties/Policies/0/PolicyDocument', 'identity', 'AppRole'],
      ['/Resources/AppKey/Properties/KeyPolicy', 'key', 'AppKey'],
    ]);
  });

  it('reads Fn::Join of pseudo parameters as this account, and GetAtt of a template role as a role in it', () => {
    const key = policies(input)[1];
    expect(key.ownerAccount).toBe(THIS_ACCOUNT);
    const [root, app] = key.policy.statements.map((s) => s.principals?.entries[0].value);
    expect(root).toBe(`arn:aws:iam::${THIS_ACCOUNT}:root`);
    expect(app).toBe(`arn:aws:iam::${THIS_ACCOUNT}:role/AppRole`);
    // The statement's `{` opens the line above its Sid.
    expect(key.policy.statements[2].ref).toMatchObject({ sid: 'EveryoneDecrypts', line: positionOf(input, '"Sid": "EveryoneDecrypts"').line - 1, column: 13 });
    // The intrinsic is the file's text: a fix there would write the placeholder over it.
    expect(input.readOnly).toContain('/Resources/AppKey/Properties/KeyPolicy/Statement/0/Principal/AWS');
  });

  it('reports key configuration with the AWS defaults for absent properties', () => {
    const [cfg] = ofType(input, 'key-config');
    expect(cfg).toMatchObject({
      pointer: '/Resources/AppKey', enableKeyRotation: true, enabled: true, keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS', pendingWindowInDays: 30, bypassPolicyLockoutSafetyCheck: false, hasPolicy: true,
    });
    expect(cfg.deletionPolicy).toBeUndefined();
    expect(cfg.pointers).toEqual({ enableKeyRotation: '/Resources/AppKey/Properties/EnableKeyRotation', keyPolicy: '/Resources/AppKey/Properties/KeyPolicy' });
  });
});

describe('CloudFormation YAML', () => {
  const input = readFixture('cloudformation/key.yaml');
  const [org, text] = policies(input);

  it('lints both branches of an Fn::If statement item, at their place in the file', () => {
    expect(org.policy.statements.map((s) => s.ref.sid)).toEqual(['EnableIAMPolicies', 'KeyAdmins', 'OrgDecrypt', 'AnyoneViaS3']);
    expect(input.locate('/Resources/OrgKey/Properties/KeyPolicy/Statement/2/Principal')).toEqual(positionOf(input, '"*"', 'OrgDecrypt'));
    expect(input.locate('/Resources/OrgKey/Properties/KeyPolicy/Statement/3/Principal')).toEqual(positionOf(input, '"*"', 'AnyoneViaS3'));
    expect(input.filePointer?.('/Resources/OrgKey/Properties/KeyPolicy/Statement/2/Sid')).toBe('/Resources/OrgKey/Properties/KeyPolicy/Statement/2/Fn::If/1/Sid');
  });

  it('keeps parameters and regions symbolic, and a named role as a role ARN', () => {
    const clause = org.policy.statements[2].conditions[0];
    expect(clause.values[0].raw).toBe('{{Ref.OrgId}}');
    expect(org.policy.statements[3].conditions[0].values[0].raw).toBe('s3.this-region-1.amazonaws.com');
    expect(org.policy.statements[1].principals?.entries[0].value).toBe(`arn:aws:iam::${THIS_ACCOUNT}:role/KeyAdmin`);
  });

  it('reads the Metadata suppression and the resource attributes', () => {
    expect([...org.suppressions]).toEqual([['KMS501', 'rotation is handled by the yearly re-encryption job']]);
    const [cfg] = ofType(input, 'key-config');
    expect(cfg).toMatchObject({ deletionPolicy: 'Retain', updateReplacePolicy: 'Retain', enableKeyRotation: false });
  });

  it('reads a `!Sub |` policy text with positions inside the block', () => {
    expect(text.embeddedAsString).toBe(true);
    expect(text.policy.statements[0].principals?.entries[0].value).toBe(`arn:aws:iam::${THIS_ACCOUNT}:root`);
    expect(text.policy.statements[1].ref).toMatchObject({ sid: 'Everyone', line: positionOf(input, '"Sid": "Everyone"').line - 1, column: 13 });
    expect(input.locate('/Resources/TextKey/Properties/KeyPolicy/Statement/1/Principal')).toEqual(positionOf(input, '"*"', '"Sid": "Everyone"'));
    expect(input.readOnly).toContain('/Resources/TextKey/Properties/KeyPolicy');
  });

  it('reports a policy from Fn::ImportValue as unresolved, never as a passing policy', () => {
    const [u] = ofType(input, 'unresolved');
    expect(u).toMatchObject({ pointer: '/Resources/ImportedKey/Properties/KeyPolicy', kind: 'key', resourceName: 'ImportedKey' });
    expect(u.reason).toContain('Fn::ImportValue');
  });
});

describe('CloudFormation edge cases', () => {
  const read = (resources: unknown) => readLintInputFromText(JSON.stringify({ Resources: resources }, null, 2), 't.json');

  it('also reports a policy with an opaque leaf as unresolved, and SCP/RCP kinds from the policy type', () => {
    const input = read({
      K: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: { 'Fn::ImportValue': 'x:arn' } }, Action: 'kms:*', Resource: '*' }] } } },
      S: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: { Statement: [{ Effect: 'Deny', Action: 'kms:*', Resource: '*' }] } } },
      R: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'RESOURCE_CONTROL_POLICY', Content: '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"}]}' } },
      T: { Type: 'AWS::Organizations::Policy', Properties: { Type: 'TAG_POLICY', Content: {} } },
    });
    expect(policies(input).map((p) => p.kind)).toEqual(['key', 'scp', 'rcp']);
    expect(policies(input)[0].policy.statements[0].principals?.entries[0].value).toBe('{{ImportValue.x.arn}}');
    expect(ofType(input, 'unresolved')).toHaveLength(1);
    expect(policies(input)[2].embeddedAsString).toBe(true);
  });

  it('notes a suppression without a reason and does not honour it', () => {
    const input = read({ K: { Type: 'AWS::KMS::Key', Metadata: { 'kms-authz': { suppress: [{ rule: 'KMS501' }, { rule: 'nope', reason: 'x' }] } }, Properties: {} } });
    expect(ofType(input, 'key-config')[0].suppressions.size).toBe(0);
    expect(ofType(input, 'key-config')[0].hasPolicy).toBe(false);
    expect(input.notes?.map((n) => n.code)).toEqual(['lint/invalid-suppression', 'lint/suppression-without-reason']);
  });

  it('lints both policies of a KeyPolicy chosen by Fn::If', () => {
    const input = read({
      K: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { 'Fn::If': ['C', { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] }, '{"Statement": []}'] } } },
    });
    expect(policies(input).map((p) => [p.pointer, p.embeddedAsString])).toEqual([
      ['/Resources/K/Properties/KeyPolicy/Fn::If/1', false],
      ['/Resources/K/Properties/KeyPolicy/Fn::If/2', true],
    ]);
    expect(input.locate('/Resources/K/Properties/KeyPolicy/Fn::If/1/Statement/0/Principal').line).toBeGreaterThan(1);
  });

  it('treats a scalar Fn::If by its first branch and says so; unknown scalar settings are Unknown', () => {
    const input = read({
      K: { Type: 'AWS::KMS::Key', Properties: {
        EnableKeyRotation: { Ref: 'Rotate' },
        KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { 'Fn::If': ['C', '*', { Ref: 'AWS::NoValue' }] }, Action: 'kms:*', Resource: '*' }] },
      } },
    });
    expect(policies(input)[0].policy.statements[0].principals?.entries[0].value).toBe('*');
    expect(input.notes?.[0].code).toBe('source/if-branch');
    expect(ofType(input, 'key-config')[0].enableKeyRotation).toMatchObject({ unknown: true });
  });
});

describe('CDK synth output', () => {
  it('is detected as CDK and names targets by their construct path', () => {
    const input = readFixture('cdk.out/KeyStack.template.json');
    expect(input.shape).toBe('cdk');
    expect(policies(input)[0]).toMatchObject({ resourceName: 'KeyStack/Key/Resource', keyId: 'Key961B73FD' });
    expect(policies(input)[0].policy.statements[0].principals?.entries[0].value).toBe(`arn:aws:iam::${THIS_ACCOUNT}:root`);
    expect(ofType(input, 'key-config')[0]).toMatchObject({ deletionPolicy: 'Retain', enableKeyRotation: false });
  });
});

describe('CloudFormation YAML policy strings', () => {
  it('locates inside a double-quoted YAML string exactly', () => {
    const text = 'Resources:\n  P:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Type: SERVICE_CONTROL_POLICY\n      Content: "{\\"Statement\\": [{\\"Effect\\": \\"Deny\\", \\"Action\\": \\"kms:*\\", \\"Resource\\": \\"*\\"}]}"\n';
    const input = readLintInputFromText(text, 't.yaml');
    expect(policies(input)[0].kind).toBe('scp');
    const at = input.locate('/Resources/P/Properties/Content/Statement/0/Action');
    expect(text.split('\n')[at.line - 1].slice(at.column - 1)).toMatch(/^\\"kms:\*\\"/);
  });
});
