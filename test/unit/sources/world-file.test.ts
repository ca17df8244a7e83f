// World files (contract.md "World"): every policy with the kind its place gives it.
import { describe, expect, it } from 'vitest';
import { readLintInputFromText } from '../../../src/sources/index.js';
import { ofType, policies, positionOf, readFixture } from './helpers.js';

describe('world files', () => {
  it('reads key policies, identity policies, grants and key settings', () => {
    const input = readFixture('world/world.yaml');
    expect(input.shape).toBe('world');
    expect(policies(input).map((p) => [p.pointer, p.kind])).toEqual([
      ['/principals/0/policies/0', 'identity'],
      ['/keys/0/policy', 'key'],
    ]);
    expect(policies(input)[1].ownerAccount).toBe('111122223333');
    expect(input.locate('/keys/0/policy/Statement/1/Principal/AWS')).toEqual(positionOf(input, '"*"', 'Sid: Public'));
    expect(ofType(input, 'grant')[0].grant.granteePrincipal).toBe('arn:aws:iam::444455556666:user/Bob');
    expect(ofType(input, 'key-config')[0]).toMatchObject({ keyState: 'Enabled', enabled: true, hasPolicy: true });
  });

  it('gives SCPs, RCPs, boundaries, trust and VPC endpoint policies their kinds, skipping the managed stand-ins', () => {
    const world = {
      organization: { nodes: [{ id: 'r-1', type: 'ROOT', scps: ['FullAWSAccess', { Statement: [{ Effect: 'Deny', Action: 'kms:*', Resource: '*' }] }], rcps: ['RCPFullAWSAccess'] }] },
      principals: [{ arn: 'arn:aws:iam::111122223333:role/R', boundary: { Statement: [] }, trustPolicy: { Statement: [] }, groups: [{ name: 'G', policies: [{ Statement: [] }] }] }],
      vpcEndpoints: [{ id: 'vpce-1', policy: '{"Statement":[]}' }],
    };
    const kinds = policies(readLintInputFromText(JSON.stringify(world), 'w.json')).map((p) => p.kind);
    expect(kinds).toEqual(['identity', 'boundary', 'trust', 'scp', 'vpce']);
  });

  it('reads the inline world of a policy test file', () => {
    const file = { world: { keys: [{ arn: 'arn:aws:kms:us-west-2:111122223333:key/k', policy: { Statement: [] } }] }, cases: [] };
    expect(policies(readLintInputFromText(JSON.stringify(file), 't.json')).map((p) => p.pointer)).toEqual(['/world/keys/0/policy']);
  });
});
