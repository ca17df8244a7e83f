// AWS CLI outputs (lint-catalogue.md §5.4): get-key-policy, list-grants, describe-key,
// organizations describe-policy, iam get-account-authorization-details.
// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
import { describe, expect, it } from 'vitest';
import { ofType, policies, readFixture } from './helpers.js';

describe('AWS CLI outputs', () => {
  it('get-key-policy: the Policy string is a key policy with positions inside the string', () => {
    const input = readFixture('cli/get-key-policy.json');
    expect(input.shape).toBe('cli-get-key-policy');
    const [p] = policies(input);
    expect(p).toMatchObject({ kind: 'key', pointer: '/Policy', embeddedAsString: true });
    expect(p.policy.id).toBe('key-consolepolicy-3');
    const at = input.locate('/Policy/Statement/1/Principal/AWS');
    const line = input.text.split('\n')[at.line - 1];
    expect(at.line).toBe(2);
    expect(line.slice(at.column - 1, at.column + 4)).toBe('\\"*\\"');
  });

  it('list-grants: one grant target per entry, on the key of its KeyId', () => {
    const input = readFixture('cli/list-grants.json');
    const grants = ofType(input, 'grant');
    expect(grants.map((g) => [g.pointer, g.grant.granteePrincipal, g.grant.keyArn])).toEqual([
      ['/Grants/0', 'dynamodb.us-west-2.amazonaws.com', 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      ['/Grants/1', 'arn:aws:iam::444455556666:role/Partner', 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
    ]);
    expect(grants[0].grant.constraints?.encryptionContextSubset).toEqual({ 'aws:dynamodb:tableName': 'Services', 'aws:dynamodb:subscriberId': '111122223333' });
  });

  it('describe-key: key configuration', () => {
    const [cfg] = ofType(readFixture('cli/describe-key.json'), 'key-config');
    expect(cfg).toMatchObject({ enabled: false, keyState: 'Disabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', multiRegion: false });
    expect(cfg.pointers.enabled).toBe('/KeyMetadata/Enabled');
  });

  it('describe-policy: SCP and RCP by the policy type', () => {
    const scp = policies(readFixture('cli/describe-policy-scp.json'));
    const rcp = policies(readFixture('cli/describe-policy-rcp.json'));
    expect(scp.map((p) => [p.kind, p.pointer, p.resourceName])).toEqual([['scp', '/Policy/Content', 'deny-kms-destruction']]);
    expect(rcp.map((p) => p.kind)).toEqual(['rcp']);
  });

  it('get-account-authorization-details: inline policies (object or URL-encoded), default managed versions, no AWS managed ones', () => {
    const input = readFixture('cli/authorization-details.json');
    expect(policies(input).map((p) => [p.pointer, p.kind])).toEqual([
      ['/UserDetailList/0/UserPolicyList/0/PolicyDocument', 'identity'],
      ['/RoleDetailList/0/RolePolicyList/0/PolicyDocument', 'identity'],
      ['/Policies/0/PolicyVersionList/1/Document', 'identity'],
    ]);
    expect(policies(input)[0].policy.statements[0].actions?.values[0].raw).toBe('kms:Decrypt');
    expect(input.readOnly).toEqual(['/UserDetailList/0/UserPolicyList/0/PolicyDocument']);
  });
});
