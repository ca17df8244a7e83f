// Explanations are filters over the trace; statements are quoted as written; CloudTrail events
// become requests (single event, Records, JSON lines; sessions; grants; services).
import { describe, expect, it } from 'vitest';
import { explain, filterTrace } from '../../../src/explain/explain.js';
import type { TraceEvent } from '../../../src/model/decision.js';
import { renderDecisionText } from '../../../src/render/decision-text.js';
import { readCloudTrail } from '../../../src/sources/cloudtrail.js';
import { compileWorld } from '../../../src/world/compile.js';

const A = '111122223333';
const KEY = `arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const world = compileWorld({
  accounts: [{ id: A }],
  principals: [{ arn: `arn:aws:iam::${A}:user/Alice`, type: 'user' }, { arn: `arn:aws:iam::${A}:user/Frank`, type: 'user' }],
  keys: [{
    arn: KEY,
    policy: { Version: '2012-10-17', Statement: [
      { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Other', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/Bob` }, Action: 'kms:Decrypt', Resource: '*' },
    ] },
    grants: [{ grantId: 'g-1', granteePrincipal: `arn:aws:iam::${A}:user/Frank`, operations: ['Decrypt'] }],
  }],
  vpcEndpoints: [],
});

describe('explain', () => {
  const e = explain(world, { principal: `arn:aws:iam::${A}:user/Alice`, action: 'kms:Decrypt', resource: KEY }, 'full');

  it('quotes the deciding statement as written', () => {
    expect(e.quoted).toEqual([{ reason: expect.objectContaining({ statement: 'Enable IAM policies' }), text: JSON.stringify({ Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' }) }]);
  });

  it('summarizes the layers in order', () => {
    expect(e.layers.map((l) => `${l.layer}:${l.status}`)).toEqual(['scp:not-applied', 'key-policy:allow', 'identity:no-allow']);
  });

  it('filters the trace: fails keeps statements that did not apply, deciding those that decided, both with ancestors', () => {
    const full = e.trace;
    const fails = filterTrace(full, 'fails', e.decision.reasons);
    const deciding = filterTrace(full, 'deciding', e.decision.reasons);
    expect(fails.some((t) => t.op === 'nomatch' && t.statement === 'Other')).toBe(true);
    expect(fails.some((t) => t.op === 'match')).toBe(false);
    expect(deciding.filter((t) => t.op === 'match').map((t) => t.statement)).toEqual(['Enable IAM policies']);
    const ids = new Set(deciding.map((t) => t.id));
    expect(deciding.every((t: TraceEvent) => t.parent === undefined || ids.has(t.parent))).toBe(true);
    expect(deciding.at(-1)?.op).toBe('decide');
  });

  it('quotes grants, and renders text that starts with the decision', () => {
    const g = explain(world, { principal: `arn:aws:iam::${A}:user/Frank`, action: 'kms:Decrypt', resource: KEY });
    expect(g.quoted[0]?.text).toContain('"grantId":"g-1"');
    const text = renderDecisionText(g);
    expect(text.split('\n')[0]).toBe(`Allow  arn:aws:iam::${A}:user/Frank → kms:Decrypt on ${KEY}`);
    expect(text).toContain('✓ grant');
  });
});

describe('readCloudTrail', () => {
  const event = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', awsRegion: 'us-west-2', eventID: 'e-1',
    userIdentity: { type: 'AssumedRole', arn: `arn:aws:sts::${A}:assumed-role/Ops/s1`, accountId: A },
    requestParameters: { encryptionContext: { Department: 'IT' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
    resources: [{ type: 'AWS::KMS::Key', ARN: KEY }],
    errorCode: 'AccessDenied', errorMessage: 'denied',
    ...over,
  });

  it('reads a single event', () => {
    const r = readCloudTrail(JSON.stringify(event()), 'e.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.events[0]).toMatchObject({ eventName: 'Decrypt', errorCode: 'AccessDenied', request: { principal: `arn:aws:sts::${A}:assumed-role/Ops/s1`, action: 'kms:Decrypt', resource: KEY, encryptionContext: { Department: 'IT' } } });
  });

  it('reads Records and JSON lines, and maps services, accounts and grant parameters', () => {
    const grant = event({ eventName: 'CreateGrant', requestParameters: { keyId: KEY, granteePrincipal: `arn:aws:iam::${A}:role/App`, operations: ['Decrypt'], constraints: { encryptionContextSubset: { a: 'b' } } } });
    const viaEbs = event({ userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${A}:user/Alice`, accountId: A, invokedBy: 'ec2.amazonaws.com' } });
    const external = event({ userIdentity: { type: 'AWSAccount', accountId: '444455556666', principalId: 'AIDAX' }, vpcEndpointId: 'vpce-1' });
    const recs = readCloudTrail(JSON.stringify({ Records: [grant, viaEbs, external] }), 'r.json');
    expect(recs.events.map((e) => e.request)).toEqual([
      expect.objectContaining({ action: 'kms:CreateGrant', grantRequest: { granteePrincipal: `arn:aws:iam::${A}:role/App`, operations: ['Decrypt'], constraints: { EncryptionContextSubset: { a: 'b' } } } }),
      expect.objectContaining({ principal: `arn:aws:iam::${A}:user/Alice`, context: { 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' } }),
      expect.objectContaining({ principal: 'arn:aws:iam::444455556666:root', sourceVpce: 'vpce-1' }),
    ]);
    const lines = readCloudTrail([JSON.stringify(grant), '', JSON.stringify(viaEbs)].join('\n'), 'l.jsonl');
    expect(lines.events).toHaveLength(2);
  });

  it('reports unusable events with their line', () => {
    const r = readCloudTrail([JSON.stringify(event()), JSON.stringify(event({ eventSource: 's3.amazonaws.com' })), '{oops'].join('\n'), 'bad.jsonl');
    expect(r.events).toHaveLength(1);
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([[2, 'input/cloudtrail'], [3, expect.stringMatching(/^parse\//)]]);
    expect(readCloudTrail('', 'empty.json').diagnostics.map((d) => d.messageId)).toContain('empty');
  });
});
