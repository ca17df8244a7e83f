/**
 * @module server/sigv4-fast
 * The SigV4 signature of the requests every AWS SDK sends to KMS (POST to `/`, no query string),
 * computed synchronously with node:crypto and a cached signing key, as AWS's SDKs cache it (the key
 * depends only on the secret, the date, the Region and the service). Profiling the server showed
 * @smithy/signature-v4's general signer (async hashing, request cloning, an HMAC per call only to key its
 * own cache) as the largest protocol cost after the socket writes. Requests this module does not cover
 * (another path, a query, a signed `date` or `authorization` header, unusual header names) return undefined,
 * and the caller uses @smithy/signature-v4; test/unit/server/sigv4-fast.test.ts checks both agree.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-signing-elements.html (signing key derivation)
 */
import { createHash, createHmac } from 'node:crypto';
import type { ParsedAuthorization } from './sigv4-header.js';

/** What the fast path needs from the request (header names in lower case, as node:http gives them). */
export interface FastSignable {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** Header names the general signer never signs unless told to; the fast path leaves them to it. */
const SPECIAL = new Set(['authorization', 'date', 'x-amz-date', '__proto__']);
const NAME = /^[a-z0-9-]+$/;

/** Signing keys by access key, secret, date, Region and service (bounded; a day's keys for a few thousand credentials). */
const signingKeys = new Map<string, Buffer>();
const SIGNING_KEY_LIMIT = 4096;

/** The SigV4 signing key: HMAC chain over date, Region, service and `aws4_request`, cached. */
export function signingKey(secretAccessKey: string, shortDate: string, region: string, service: string): Buffer {
  const id = `${secretAccessKey}\n${shortDate}\n${region}\n${service}`;
  let key = signingKeys.get(id);
  if (key === undefined) {
    key = createHmac('sha256', `AWS4${secretAccessKey}`).update(shortDate).digest();
    for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    if (signingKeys.size >= SIGNING_KEY_LIMIT) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/** The canonical form of a header value: line breaks and runs of blanks become one space, ends trimmed. */
function canonicalValue(v: string): string {
  // Fast exit for the usual value: nothing to fold.
  if (!/[\r\n\t]| {2}|^ | $/.test(v)) return v;
  return v.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

/**
 * The hex signature the client should have sent, or undefined when the request is outside the fast path.
 * `sessionToken` is the server's copy, used when the client signed `x-amz-security-token` (verified equal before).
 */
export function fastSignature(req: FastSignable, a: ParsedAuthorization, secretAccessKey: string, sessionToken: string | undefined, longDate: string): string | undefined {
  if (req.url !== '/') return undefined;
  const names: string[] = [];
  for (const n of a.signedHeaders) {
    // The general signer replaces x-amz-date with the signing time (as here, below), whether signed or not.
    if (n === 'x-amz-date') continue;
    if (SPECIAL.has(n) || !NAME.test(n)) return undefined;
    names.push(n);
  }
  names.push('x-amz-date');
  names.sort();
  let canonicalHeaders = '';
  const signed: string[] = [];
  let payloadHash: string | undefined;
  let prev = '';
  for (const n of names) {
    if (n === prev) return undefined;
    prev = n;
    let v: string | undefined;
    if (n === 'x-amz-date') v = longDate;
    else if (n === 'x-amz-security-token' && sessionToken !== undefined) v = sessionToken;
    else {
      const raw = req.headers[n];
      v = Array.isArray(raw) ? raw.join(',') : raw;
    }
    if (v === undefined) continue;
    if (n === 'x-amz-content-sha256') payloadHash = v;
    canonicalHeaders += `${n}:${canonicalValue(v)}\n`;
    signed.push(n);
  }
  payloadHash ??= createHash('sha256').update(req.body).digest('hex');
  const canonicalRequest = `${req.method}\n/\n\n${canonicalHeaders}\n${signed.join(';')}\n${payloadHash}`;
  const scope = `${longDate.slice(0, 8)}/${a.region}/${a.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  return createHmac('sha256', signingKey(secretAccessKey, longDate.slice(0, 8), a.region, a.service)).update(stringToSign).digest('hex');
}
