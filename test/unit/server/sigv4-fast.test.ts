// The fast SigV4 path (server/sigv4-fast.ts) must compute exactly what @smithy/signature-v4 computes for the
// same request, or decline. Property test over signed-header sets, header values with folding whitespace,
// payload-hash headers, session tokens, Regions and bodies; plus AWS's published get-vanilla example.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastSignature, signingKey } from '../../../src/server/sigv4-fast.js';
import { formatAmzDate, type ParsedAuthorization } from '../../../src/server/sigv4.js';

const NAMES = ['host', 'content-type', 'x-amz-target', 'user-agent', 'x-amz-user-agent', 'content-length', 'x-amz-content-sha256', 'amz-sdk-invocation-id', 'x-amz-security-token', 'connection'];

async function smithySignature(method: string, headers: Record<string, string>, body: Buffer, a: ParsedAuthorization, secret: string, token: string | undefined, at: number): Promise<string> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: a.accessKeyId, secretAccessKey: secret, ...(token === undefined ? {} : { sessionToken: token }) },
    region: a.region, service: a.service, sha256: Sha256, applyChecksum: false,
  });
  const signed = await signer.sign(new HttpRequest({ method, protocol: 'http:', hostname: headers.host ?? '', path: '/', query: {}, headers, body }), {
    signingDate: new Date(at), signableHeaders: new Set(a.signedHeaders),
  });
  const auth = (signed.headers as Record<string, string>).authorization ?? '';
  return auth.slice(auth.lastIndexOf('Signature=') + 'Signature='.length);
}

describe('fast SigV4 signature', () => {
  it('equals @smithy/signature-v4 on KMS-shaped requests', async () => {
    const value = fc.stringMatching(/^[ \ta-zA-Z0-9=;,./:-]{0,24}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(NAMES, { minLength: 1 }),
        fc.dictionary(fc.constantFrom(...NAMES), value),
        fc.constantFrom('us-east-1', 'us-west-2', 'eu-central-1'),
        fc.constantFrom('POST', 'GET'),
        fc.string({ maxLength: 40 }),
        fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{8,32}$/), { nil: undefined }),
        fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
        async (signedNames, present, region, method, bodyText, token, seconds) => {
          const at = seconds * 1000;
          const signedHeaders = [...new Set([...signedNames, 'x-amz-date'])];
          const body = Buffer.from(bodyText);
          const sent: Record<string, string> = { ...present, 'x-amz-date': formatAmzDate(at) };
          if (token !== undefined) sent['x-amz-security-token'] = token;
          const a: ParsedAuthorization = { accessKeyId: 'AKIDEXAMPLE', date: formatAmzDate(at).slice(0, 8), region, service: 'kms', signedHeaders, signature: '' };
          const useToken = signedHeaders.includes('x-amz-security-token') ? token : undefined;
          const fast = fastSignature({ method, url: '/', headers: sent, body }, a, 'secret/KEY', useToken, formatAmzDate(at));
          expect(fast).toBeDefined();
          // What sigv4.ts hands the general signer: the signed headers the request carries.
          const forSmithy: Record<string, string> = {};
          for (const n of signedHeaders) if (sent[n] !== undefined) forSmithy[n] = sent[n];
          expect(fast).toBe(await smithySignature(method, forSmithy, body, a, 'secret/KEY', useToken, at));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reproduces AWS test-suite get-vanilla', () => {
    // https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html
    const a: ParsedAuthorization = { accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'service', signedHeaders: ['host', 'x-amz-date'], signature: '' };
    const sig = fastSignature({ method: 'GET', url: '/', headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' }, body: Buffer.alloc(0) }, a, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', undefined, '20150830T123600Z');
    expect(sig).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('declines what it does not cover: another path, a query, a signed date header', () => {
    const a: ParsedAuthorization = { accessKeyId: 'A', date: '20260101', region: 'us-east-1', service: 'kms', signedHeaders: ['host', 'x-amz-date'], signature: '' };
    const req = { method: 'POST', url: '/', headers: { host: 'h' }, body: Buffer.alloc(0) };
    expect(fastSignature({ ...req, url: '/x' }, a, 's', undefined, '20260101T000000Z')).toBeUndefined();
    expect(fastSignature({ ...req, url: '/?Action=X' }, a, 's', undefined, '20260101T000000Z')).toBeUndefined();
    expect(fastSignature(req, { ...a, signedHeaders: ['host', 'date', 'x-amz-date'] }, 's', undefined, '20260101T000000Z')).toBeUndefined();
  });

  it('derives the documented signing key', () => {
    // AWS's example in "Create a signed AWS API request": secret, 20150830, us-east-1, iam.
    expect(signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20150830', 'us-east-1', 'iam').toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
  });
});
