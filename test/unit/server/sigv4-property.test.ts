// Laws of SigV4 verification (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
// whatever the client signs verifies, and changing any signed byte (body or a signed header) does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifySigV4 } from '../../../src/server/sigv4.js';
import { signRequest } from './sign.js';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const secret = { secretAccessKey: 'property-secret' };
const opts = { service: 'kms', lookup: (id: string) => (id === 'AKIAPROP' ? secret : undefined), now: () => NOW };
const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_.:/{}"'.split('')), minLength: 1, maxLength: 40 });

describe('SigV4 verification laws', () => {
  it('a request signed with the right secret verifies, with or without a payload-hash header', async () => {
    await fc.assert(
      fc.asyncProperty(printable, printable, fc.boolean(), fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1'), async (body, agent, payloadHeader, region) => {
        const req = await signRequest({ accessKeyId: 'AKIAPROP', ...secret, body, region, payloadHeader, date: new Date(NOW), headers: { 'x-amz-target': 'TrentService.Encrypt', 'x-amz-user-agent': agent } });
        const r = await verifySigV4(req, opts);
        expect(r.ok && r.value.region).toBe(region);
      }),
      { numRuns: 60 },
    );
  });

  it('changing the body or a signed header breaks the signature', async () => {
    await fc.assert(
      fc.asyncProperty(printable, printable, fc.nat(), async (body, extra, at) => {
        const req = await signRequest({ accessKeyId: 'AKIAPROP', ...secret, body, payloadHeader: false, date: new Date(NOW), headers: { 'x-amz-target': 'TrentService.Encrypt' } });
        const i = at % (body.length + 1);
        const changedBody = body.slice(0, i) + extra + body.slice(i);
        const a = await verifySigV4({ ...req, body: Buffer.from(changedBody) }, opts);
        const b = await verifySigV4({ ...req, headers: { ...req.headers, 'x-amz-target': `TrentService.${extra}` } }, opts);
        expect([a.ok, b.ok]).toEqual([false, false]);
      }),
      { numRuns: 60 },
    );
  });
});
