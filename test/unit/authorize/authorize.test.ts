// The flow's edges: trace on and off agree, unknown keys, the backend's key override, aliases,
// session-policy problems, messages naming one policy type, and authorize-before-key-state.
import { describe, expect, it } from 'vitest';
import { authorize } from '../../../src/authorize/index.js';
import { compileKey, compileWorld } from '../../../src/world/index.js';
import type { World } from '../../../src/world/types.js';

const A = '111122223333';
const M = '999988887777';
const KEY = `arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${A}:user/Alice`;
const CAROL = `arn:aws:iam::${A}:user/Carol`;
const doc = (...s: object[]): object => ({ Version: '2012-10-17', Statement: s });

const w: World = {
  accounts: [{ id: A }, { id: M }],
  organization: {
    id: 'o-1', managementAccountId: M,
    nodes: [
      { id: 'r-1', type: 'ROOT', scps: ['FullAWSAccess', doc({ Sid: 'ScpDeny', Effect: 'Deny', Action: 'kms:DisableKey', Resource: '*' })] },
      { id: A, type: 'ACCOUNT', parent: 'r-1', rcps: [doc({ Sid: 'RcpDeny', Effect: 'Deny', Principal: '*', Action: 'kms:DisableKey', Resource: '*' })] },
      { id: M, type: 'ACCOUNT', parent: 'r-1' },
    ],
  },
  principals: [
    { arn: ALICE, type: 'user' },
    { arn: CAROL, type: 'user', policies: [doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })] },
  ],
  keys: [{ arn: KEY, aliases: ['alias/app'], state: 'Disabled' }],
  vpcEndpoints: [],
};
const cw = compileWorld(w);

describe('authorize', () => {
  it('records a trace only when asked, with the same decision', () => {
    const req = { principal: ALICE, action: 'kms:Decrypt', resource: KEY };
    const off = authorize(cw, req);
    const on = authorize(cw, req, { trace: true });
    expect(off.trace).toBeUndefined();
    expect({ ...on, trace: undefined }).toEqual({ ...off, trace: undefined });
    expect(on.trace?.at(-1)).toMatchObject({ op: 'decide', layer: 'request' });
    expect(on.trace?.some((e) => e.layer === 'key-policy' && e.op === 'match')).toBe(true);
  });

  it('denies a key the world does not hold, with an issue, never a throw', () => {
    const d = authorize(cw, { principal: CAROL, action: 'kms:Decrypt', resource: `arn:aws:kms:us-west-2:${A}:key/unknown` });
    expect(d.decision).toBe('ImplicitDeny');
    expect(d.issues.map((i) => i.code)).toEqual(['authorize/unknown-key']);
  });

  it('authorizes against a key handed in by the caller (the backend\'s live key)', () => {
    const live = compileKey({ arn: KEY, policy: doc({ Sid: 'AliceDirect', Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:Decrypt', Resource: '*' }) });
    const d = authorize(cw, { principal: ALICE, action: 'kms:Decrypt', resource: KEY }, { key: live });
    expect(d).toMatchObject({ decision: 'Allow', error: null, reasons: [{ statement: 'AliceDirect', layer: 'key-policy' }] });
  });

  it('finds a key named by alias, and prefixes kms: when the action lacks it', () => {
    expect(authorize(cw, { principal: CAROL, action: 'Decrypt', resource: 'alias/app' }).decision).toBe('Allow');
  });

  it('authorizes first, then reports the key state', () => {
    expect(authorize(cw, { principal: CAROL, action: 'kms:Decrypt', resource: KEY }).error).toEqual({ type: 'DisabledException', message: `${KEY} is disabled.` });
    expect(authorize(cw, { principal: ALICE, action: 'kms:Decrypt', resource: KEY }).error).toBeNull();
  });

  it('names the resource control policy first when several policy types deny', () => {
    const d = authorize(cw, { principal: CAROL, action: 'kms:DisableKey', resource: KEY });
    expect(d.decision).toBe('ExplicitDeny');
    expect(d.reasons.map((r) => `${r.layer}:${r.statement}`)).toEqual(['rcp:RcpDeny', 'scp:ScpDeny']);
    expect(d.message).toBe(`User: ${CAROL} is not authorized to perform: kms:DisableKey on resource: ${KEY} with an explicit deny in a resource control policy`);
  });

  it('reports a session policy that does not parse as an issue, and it allows nothing', () => {
    const d = authorize(cw, { principal: CAROL, action: 'kms:Encrypt', resource: KEY, sessionPolicy: '{"Statement": [' });
    expect(d.decision).toBe('ImplicitDeny');
    expect(d.missing.map((m) => m.layer)).toEqual(['session']);
    expect(d.issues.length).toBeGreaterThan(0);
  });

  it('notes a caller the world does not hold, but not the root user or a known one', () => {
    const ghost = authorize(cw, { principal: `arn:aws:sts::${A}:assumed-role/Ghost/s`, action: 'kms:Decrypt', resource: KEY });
    expect(ghost.issues.map((i) => i.code)).toEqual(['authorize/unknown-principal']);
    expect(ghost.issues[0]?.message).toContain(`arn:aws:iam::${A}:role/Ghost is not in the world`);
    expect(authorize(cw, { principal: `arn:aws:iam::${A}:root`, action: 'kms:Decrypt', resource: KEY }).issues).toEqual([]);
    expect(authorize(cw, { principal: ALICE, action: 'kms:Decrypt', resource: KEY }).issues).toEqual([]);
  });

  it('derives the service-principal grant keys from a CreateGrant request (spec Corrections 3)', () => {
    const world = compileWorld({ ...w, keys: [{ arn: KEY, policy: doc({ Sid: 'TrailOnly', Effect: 'Allow', Principal: { AWS: CAROL }, Action: 'kms:CreateGrant', Resource: '*', Condition: {
      StringEquals: { 'kms:GranteeServicePrincipal': 'cloudtrail.amazonaws.com', 'kms:RetiringServicePrincipal': 'cloudtrail.amazonaws.com' },
      ArnLike: { 'kms:GrantConstraintSourceArn': `arn:aws:cloudtrail:us-west-2:${A}:trail/*` },
    } }) }] });
    const grant = (svc: string, src: string) => ({ granteePrincipal: `arn:aws:iam::${A}:role/Trail`, granteeServicePrincipal: svc, retiringServicePrincipal: svc, operations: ['GenerateDataKey'], constraints: { SourceArn: src } });
    const ask = (svc: string, src: string) => authorize(world, { principal: CAROL, action: 'kms:CreateGrant', resource: KEY, grantRequest: grant(svc, src) }).decision;
    expect(ask('cloudtrail.amazonaws.com', `arn:aws:cloudtrail:us-west-2:${A}:trail/main`)).toBe('Allow');
    expect(ask('s3.amazonaws.com', `arn:aws:cloudtrail:us-west-2:${A}:trail/main`)).toBe('ImplicitDeny');
    expect(ask('cloudtrail.amazonaws.com', 'arn:aws:cloudtrail:us-west-2:444455556666:trail/x')).toBe('ImplicitDeny');
  });

  it('uses AWS\'s implicit-deny wording', () => {
    expect(authorize(cw, { principal: ALICE, action: 'kms:Encrypt', resource: KEY }).message)
      .toBe(`User: ${ALICE} is not authorized to perform: kms:Encrypt on resource: ${KEY} because no identity-based policy allows the kms:Encrypt action`);
  });
});
