import { describe, expect, it } from 'vitest';
import { formatAmzDate, parseAmzDate, parseAuthorization, verifySigV4, type SigningSecret } from '../../../src/server/sigv4.js';
import { signRequest } from './sign.js';

const AKID = 'AKIAALICEDEMO0000001';
const SECRET = 'alice-demo-secret-key-do-not-use-in-aws';
const keys = new Map<string, SigningSecret>([[AKID, { secretAccessKey: SECRET }]]);
const lookup = (id: string): SigningSecret | undefined => keys.get(id);
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const body = '{"KeyId":"alias/app","Plaintext":"aGVsbG8="}';
const target = { 'x-amz-target': 'TrentService.Encrypt' };

describe('verifySigV4', () => {
  // AWS SigV4 test suite, "get-vanilla": the published signature for the documented example keys.
  // Source: https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html
  it('accepts the AWS test-suite get-vanilla request', async () => {
    const r = await verifySigV4(
      {
        method: 'GET',
        url: '/',
        headers: {
          host: 'example.amazonaws.com',
          'x-amz-date': '20150830T123600Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
        },
        body: Buffer.alloc(0),
      },
      {
        service: 'service',
        lookup: (id) => (id === 'AKIDEXAMPLE' ? { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } : undefined),
        now: () => Date.UTC(2015, 7, 30, 12, 36, 0),
      },
    );
    expect(r).toEqual({ ok: true, value: { accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', signedHeaders: new Set(['host', 'x-amz-date']) } });
  });

  it('accepts JS v3 style (x-amz-content-sha256) and botocore style (no payload header) signatures', async () => {
    for (const payloadHeader of [true, false]) {
      const req = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW), payloadHeader });
      expect('x-amz-content-sha256' in req.headers).toBe(payloadHeader);
      const r = await verifySigV4(req, { service: 'kms', lookup, now: () => NOW });
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.region).toBe('us-west-2');
    }
  });

  it('refuses a tampered body, a tampered signed header and a wrong secret as signature mismatches', async () => {
    const good = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW), payloadHeader: false });
    const variants = [
      { ...good, body: Buffer.from(body.replace('app', 'other')) },
      { ...good, headers: { ...good.headers, 'x-amz-target': 'TrentService.Decrypt' } },
      await signRequest({ accessKeyId: AKID, secretAccessKey: 'wrong', body, headers: target, date: new Date(NOW) }),
    ];
    for (const v of variants) {
      const r = await verifySigV4(v, { service: 'kms', lookup, now: () => NOW });
      expect(r).toMatchObject({ ok: false, error: { code: 'mismatch' } });
      if (!r.ok) expect(r.error.message).toMatch(/^The request signature we calculated does not match the signature you provided\. /);
    }
  });

  it('refuses a body that does not match a signed x-amz-content-sha256', async () => {
    const good = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW) });
    const r = await verifySigV4({ ...good, body: Buffer.from('{}') }, { service: 'kms', lookup, now: () => NOW });
    expect(r).toMatchObject({ ok: false, error: { code: 'mismatch' } });
  });

  it('reports expired and not-yet-current signatures with AWS messages (5-minute window)', async () => {
    const old = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW - 6 * 60_000) });
    expect(await verifySigV4(old, { service: 'kms', lookup, now: () => NOW })).toEqual({
      ok: false,
      error: { code: 'expired', message: 'Signature expired: 20261128T115400Z is now earlier than 20261128T115500Z (20261128T120000Z - 5 min.)' },
    });
    const edge = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW - 4 * 60_000) });
    expect((await verifySigV4(edge, { service: 'kms', lookup, now: () => NOW })).ok).toBe(true);
    const future = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW + 6 * 60_000) });
    expect(await verifySigV4(future, { service: 'kms', lookup, now: () => NOW })).toEqual({
      ok: false,
      error: { code: 'not-yet-current', message: 'Signature not yet current: 20261128T120600Z is still later than 20261128T120500Z (20261128T120000Z + 5 min.)' },
    });
  });

  it('distinguishes missing, unknown key and wrong service scope', async () => {
    const req = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW) });
    const { authorization: _a, ...unsigned } = req.headers;
    expect(await verifySigV4({ ...req, headers: unsigned }, { service: 'kms', lookup, now: () => NOW })).toEqual({
      ok: false,
      error: { code: 'missing', message: 'Request is missing Authentication Token' },
    });
    const stranger = await signRequest({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: SECRET, body, headers: target, date: new Date(NOW) });
    expect(await verifySigV4(stranger, { service: 'kms', lookup, now: () => NOW })).toEqual({
      ok: false,
      error: { code: 'unknown-key', message: 'The security token included in the request is invalid.' },
    });
    const sts = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW), service: 'sts' });
    expect(await verifySigV4(sts, { service: 'kms', lookup, now: () => NOW })).toEqual({
      ok: false,
      error: { code: 'scope', message: "Credential should be scoped to correct service: 'kms'. " },
    });
  });

  it('requires host among the signed headers', async () => {
    const req = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, body, headers: target, date: new Date(NOW) });
    const auth = String(req.headers.authorization).replace(/SignedHeaders=([^,]*)/, (_m, list: string) => `SignedHeaders=${list.split(';').filter((h) => h !== 'host').join(';')}`);
    expect(await verifySigV4({ ...req, headers: { ...req.headers, authorization: auth } }, { service: 'kms', lookup, now: () => NOW })).toEqual({
      ok: false,
      error: { code: 'incomplete', message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." },
    });
  });

  it('checks session tokens and their expiry', async () => {
    const sessionKeys = new Map<string, SigningSecret>([['ASIATEST', { secretAccessKey: 's', sessionToken: 'tok', expiresAt: NOW + 1000 }]]);
    const opts = { service: 'kms', lookup: (id: string) => sessionKeys.get(id), now: () => NOW };
    const withToken = await signRequest({ accessKeyId: 'ASIATEST', secretAccessKey: 's', sessionToken: 'tok', body, headers: target, date: new Date(NOW) });
    expect((await verifySigV4(withToken, opts)).ok).toBe(true);
    const wrongToken = await signRequest({ accessKeyId: 'ASIATEST', secretAccessKey: 's', sessionToken: 'nope', body, headers: target, date: new Date(NOW) });
    expect(await verifySigV4(wrongToken, opts)).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
    const longTermWithToken = await signRequest({ accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: 'tok', body, headers: target, date: new Date(NOW) });
    expect(await verifySigV4(longTermWithToken, { service: 'kms', lookup, now: () => NOW })).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
    expect(await verifySigV4(withToken, { ...opts, now: () => NOW + 2000 })).toEqual({
      ok: false,
      error: { code: 'expired-token', message: 'The security token included in the request is expired' },
    });
  });
});

describe('authorization header and dates', () => {
  it('parses the Authorization header and reports missing parts', () => {
    const p = parseAuthorization('AWS4-HMAC-SHA256 Credential=AK/20261128/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab');
    expect(p).toEqual({ ok: true, value: { accessKeyId: 'AK', date: '20261128', region: 'us-east-1', service: 'kms', signedHeaders: ['host', 'x-amz-date'], signature: 'ab' } });
    const bad = parseAuthorization('AWS4-HMAC-SHA256 Credential=AK/20261128/us-east-1/kms/aws4_request');
    expect(bad).toMatchObject({ ok: false, error: { code: 'incomplete' } });
    if (!bad.ok) expect(bad.error.message).toContain("Authorization header requires 'Signature' parameter.");
  });

  it('round-trips X-Amz-Date', () => {
    expect(parseAmzDate('20261128T120227Z')).toBe(Date.UTC(2026, 10, 28, 12, 2, 27));
    expect(formatAmzDate(Date.UTC(2026, 10, 28, 12, 2, 27))).toBe('20261128T120227Z');
    expect(parseAmzDate('2026-11-28')).toBeUndefined();
  });
});
