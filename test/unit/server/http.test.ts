import { Agent, request } from 'node:http';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../../src/server/listen.js';
import type { IncomingSigned } from '../../../src/server/sigv4.js';
import { recordingKms, type RecordingKms } from './fake-kms.js';
import { signRequest } from './sign.js';

const ALICE = { accessKeyId: 'AKIAALICEDEMO0000001', secretAccessKey: 'alice-secret' };
const ALICE_ARN = 'arn:aws:iam::111122223333:user/Alice';
const OPS_ARN = 'arn:aws:iam::111122223333:role/Ops';
const world = {
  principals: [
    { arn: ALICE_ARN, type: 'user', accessKeys: [ALICE] },
    { arn: OPS_ARN, type: 'role', trustPolicy: {} },
  ],
};

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function send(server: RunningServer, r: { url: string; method?: string; headers: IncomingSigned['headers']; body: Buffer }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k] = v;
    const req = request(`${server.url}${r.url}`, { method: r.method ?? 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

function hostOf(s: RunningServer): string {
  return `127.0.0.1:${String(s.port)}`;
}

describe('server protocol over a recording backend', () => {
  let server: RunningServer;
  let kms: RecordingKms;
  let simKms: RecordingKms;
  let simulated: RunningServer;
  const kmsClient = (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): KMSClient =>
    new KMSClient({ region: 'us-west-2', endpoint: server.url, credentials: creds, maxAttempts: 1 });
  const stsClient = (): STSClient => new STSClient({ region: 'us-east-1', endpoint: server.url, credentials: ALICE, maxAttempts: 1 });

  beforeAll(async () => {
    kms = recordingKms();
    server = await listen({
      kms,
      world,
      port: 0,
      trust: { canAssume: (caller, _p, role) => (caller.principal === ALICE_ARN || caller.roleArn === OPS_ARN) && role.arn === OPS_ARN },
    });
    simKms = recordingKms();
    simulated = await listen({ kms: simKms, world, port: 0, admin: true, simulateServices: true, trust: { canAssume: () => false } });
  });
  afterAll(async () => {
    await server.close();
    await simulated.close();
    expect(kms.closed && simKms.closed).toBe(true);
  });

  it('passes a signed SDK call to the backend as the world principal, with the scope region', async () => {
    const out = await kmsClient(ALICE).send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('hi') }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const call = kms.calls.at(-1);
    expect(call?.operation).toBe('Encrypt');
    expect(call?.input).toEqual({ KeyId: 'alias/app', Plaintext: 'aGk=' });
    expect(call?.caller).toMatchObject({ principal: ALICE_ARN, region: 'us-west-2', accessKeyId: ALICE.accessKeyId, sourceIp: '127.0.0.1' });
    expect(call?.caller.userAgent).toMatch(/aws-sdk-js/);
  });

  it('returns backend errors in the shape the SDK reads (name, message, status 400)', async () => {
    const e = (await kmsClient(ALICE).send(new EncryptCommand({ KeyId: 'alias/denied', Plaintext: Buffer.from('hi') })).catch((x: unknown) => x)) as Error & { $metadata: { httpStatusCode: number } };
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(`User: ${ALICE_ARN} is not authorized to perform: kms:Encrypt`);
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses bad secrets and unknown keys with the errors AWS gives', async () => {
    const bad = (await kmsClient({ ...ALICE, secretAccessKey: 'wrong' }).send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from('x') })).catch((x: unknown) => x)) as Error;
    expect(bad.name).toBe('InvalidSignatureException');
    expect(bad.message).toMatch(/^The request signature we calculated does not match/);
    const unknown = (await kmsClient({ accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' }).send(new EncryptCommand({ KeyId: 'k', Plaintext: Buffer.from('x') })).catch((x: unknown) => x)) as Error;
    expect(unknown.name).toBe('UnrecognizedClientException');
    expect(unknown.message).toBe('The security token included in the request is invalid.');
  });

  it('answers unsigned requests with MissingAuthenticationTokenException and a request id', async () => {
    const r = await send(server, { url: '/', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.ListKeys' }, body: Buffer.from('{}') });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
    expect(r.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
  });

  // STS's recorded answer: HTTP 403, <Type>Sender</Type>, MissingAuthenticationToken.
  it('answers unsigned STS requests in the Query error shape', async () => {
    const r = await send(server, { url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('Action=GetCallerIdentity&Version=2011-06-15') });
    expect(r.status).toBe(403);
    expect(r.headers['content-type']).toBe('text/xml');
    expect(r.body).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error>');
  });

  it('rejects unknown targets and unreadable JSON after authentication', async () => {
    const bogus = await signRequest({ ...ALICE, host: hostOf(server), body: '{}', headers: { 'x-amz-target': 'Nope.Op' } });
    expect(JSON.parse((await send(server, bogus)).body)).toMatchObject({ __type: 'UnknownOperationException' });
    const junk = await signRequest({ ...ALICE, host: hostOf(server), body: '[1', headers: { 'x-amz-target': 'TrentService.ListKeys' } });
    const r = await send(server, junk);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ __type: 'SerializationException' });
  });

  it('keeps connections alive across requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const reused: boolean[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const signed = await signRequest({ ...ALICE, host: hostOf(server), body: '{"KeyId":"alias/app"}', headers: { 'x-amz-target': 'TrentService.DescribeKey' } });
        await new Promise<void>((resolve, reject) => {
          const req = request(`${server.url}/`, { method: 'POST', agent, headers: signed.headers }, (res) => {
            expect(res.statusCode).toBe(200);
            expect(res.headers.connection).toBe('keep-alive');
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', reject);
          req.end(signed.body);
          reused.push(req.reusedSocket);
        });
      }
    } finally {
      agent.destroy();
    }
    expect(reused).toEqual([false, true]);
  });

  it('bounds the body size', async () => {
    const big = await signRequest({ ...ALICE, host: hostOf(server), body: 'x'.repeat(1024 * 1024 + 1), headers: { 'x-amz-target': 'TrentService.Encrypt' } });
    const r = await send(server, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ __type: 'RequestEntityTooLargeException' });
  });

  it('serves STS GetCallerIdentity and AssumeRole through the real STS client', async () => {
    const who = await stsClient().send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Arn: ALICE_ARN, Account: '111122223333' });
    expect(who.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] });
    const assumed = await stsClient().send(new AssumeRoleCommand({ RoleArn: OPS_ARN, RoleSessionName: 'ops-session', Policy: policy, DurationSeconds: 900 }));
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/Ops/ops-session');
    const c = assumed.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA/);
    expect(Math.abs((c?.Expiration?.getTime() ?? 0) - (Date.now() + 900_000))).toBeLessThan(5_000);
    await kmsClient({ accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' }).send(
      new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('x') }),
    );
    expect(kms.calls.at(-1)?.caller).toMatchObject({ principal: 'arn:aws:sts::111122223333:assumed-role/Ops/ops-session', sessionPolicy: JSON.parse(policy) as unknown });
    const sessionSts = new STSClient({ region: 'us-east-1', endpoint: server.url, maxAttempts: 1, credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' } });
    expect((await sessionSts.send(new GetCallerIdentityCommand({}))).UserId).toMatch(/^AROA[A-Z2-7]{17}:ops-session$/);
    // Role chaining: a session assuming a role again is capped at one hour.
    const chained = (await sessionSts.send(new AssumeRoleCommand({ RoleArn: OPS_ARN, RoleSessionName: 'chained', DurationSeconds: 3601 })).catch((x: unknown) => x)) as Error;
    expect(chained.message).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    const again = await sessionSts.send(new AssumeRoleCommand({ RoleArn: OPS_ARN, RoleSessionName: 'chained' }));
    expect(again.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/Ops/chained');
  });

  it('refuses AssumeRole when the trust evaluator says no, and validates DurationSeconds', async () => {
    const denied = (await stsClient().send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/Other', RoleSessionName: 's1' })).catch((x: unknown) => x)) as Error & { $metadata: { httpStatusCode: number } };
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toBe(`User: ${ALICE_ARN} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/Other`);
    expect(denied.$metadata.httpStatusCode).toBe(403);
    const tooLong = (await stsClient().send(new AssumeRoleCommand({ RoleArn: OPS_ARN, RoleSessionName: 's1', DurationSeconds: 7200 })).catch((x: unknown) => x)) as Error;
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const tooShort = (await stsClient().send(new AssumeRoleCommand({ RoleArn: OPS_ARN, RoleSessionName: 's1', DurationSeconds: 100 })).catch((x: unknown) => x)) as Error;
    expect(tooShort.message).toMatch(/at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/);
  });

  it('answers STS signature failures in the Query error shape', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: server.url, maxAttempts: 1, credentials: { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' } });
    const e = (await sts.send(new GetCallerIdentityCommand({})).catch((x: unknown) => x)) as Error;
    expect(e.name).toBe('InvalidClientTokenId');
    expect(e.message).toBe('The security token included in the request is invalid.');
  });

  it('keeps the admin path off unless enabled', async () => {
    const r = await send(server, { url: '/_kms-authz/clock', method: 'GET', headers: {}, body: Buffer.alloc(0) });
    expect(r.status).toBe(404);
  });

  it('serves clock, call counts and audit on the admin path', async () => {
    const get = await send(simulated, { url: '/_kms-authz/clock', method: 'GET', headers: {}, body: Buffer.alloc(0) });
    expect(JSON.parse(get.body)).toEqual({ now: '2026-01-01T00:00:00.000Z', epochSeconds: 1767225600 });
    const adv = await send(simulated, { url: '/_kms-authz/clock', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"advanceDays":7}') });
    expect(JSON.parse(adv.body)).toMatchObject({ now: '2026-01-08T00:00:00.000Z' });
    const bad = await send(simulated, { url: '/_kms-authz/clock', headers: {}, body: Buffer.from('{"advanceMs":-1}') });
    expect(bad.status).toBe(400);
    const counts = await send(simulated, { url: '/_kms-authz/call-counts', method: 'GET', headers: {}, body: Buffer.alloc(0) });
    expect(JSON.parse(counts.body)).toEqual({ counts: {} });
    const missing = await send(simulated, { url: '/_kms-authz/nothing', method: 'GET', headers: {}, body: Buffer.alloc(0) });
    expect(missing.status).toBe(404);
  });

  it('honours signed integrated-service headers only where simulation is on', async () => {
    const headers = { 'x-amz-target': 'TrentService.Decrypt', 'x-kms-authz-via-service': 'ssm.us-west-2.amazonaws.com', 'x-kms-authz-grant-is-for-aws-resource': 'true', 'x-kms-authz-called-via': 'ssm.amazonaws.com' };
    const off = await send(server, await signRequest({ ...ALICE, host: hostOf(server), body: '{}', headers }));
    expect(JSON.parse(off.body)).toMatchObject({ __type: 'ValidationException' });
    const on = await send(simulated, await signRequest({ ...ALICE, host: hostOf(simulated), body: '{}', headers }));
    expect(on.status).toBe(200);
    expect(simKms.calls.at(-1)?.caller).toMatchObject({ viaService: 'ssm.us-west-2.amazonaws.com', grantIsForAwsResource: true, calledVia: ['ssm.amazonaws.com'] });
    // Added after signing: not among the SignedHeaders, so refused.
    const signed = await signRequest({ ...ALICE, host: hostOf(simulated), body: '{}', headers: { 'x-amz-target': 'TrentService.Decrypt' } });
    const injected = await send(simulated, { ...signed, headers: { ...signed.headers, 'x-kms-authz-via-service': 'ec2.us-west-2.amazonaws.com' } });
    expect(JSON.parse(injected.body)).toMatchObject({ __type: 'ValidationException', message: 'header x-kms-authz-via-service must be among the SignedHeaders' });
  });

  it('drains in-flight requests on close', async () => {
    const k = recordingKms();
    const s = await listen({ kms: k, world, port: 0, trust: { canAssume: () => false } });
    const slow = send(s, await signRequest({ ...ALICE, host: hostOf(s), body: '{"KeyId":"alias/slow"}', headers: { 'x-amz-target': 'TrentService.Encrypt' } }));
    await new Promise((r) => setTimeout(r, 50));
    const closed = s.close();
    const r = await slow;
    await closed;
    expect(r.status).toBe(200);
    expect(k.closed).toBe(true);
  });
});
