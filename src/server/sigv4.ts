/**
 * @module server/sigv4
 * Verifies AWS Signature Version 4 on an incoming request: the server recomputes the signature
 * (sigv4-fast.ts for the SDKs' usual KMS request, @smithy/signature-v4 otherwise) from the request it received (the client's SignedHeaders, the body's
 * hash, the credential scope) and compares it in constant time with the one the client sent.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/signature-v4-troubleshooting.html
 *
 * The unsigned-request text is the one AWS's JSON (Coral) front end returns, as recorded for DynamoDB
 * (`com.amazon.coral.service#MissingAuthenticationTokenException`) and for STS (Query protocol);
 * KMS's own recording was not available, so KMS is assumed to share it.
 * Choices where AWS is silent: the clock-skew window (AWS's 5 minutes) is measured against the
 * real wall clock, never the simulated KMS clock, because clients sign with the real time; a body
 * whose hash differs from a signed `x-amz-content-sha256` is reported as a signature mismatch.
 */
import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { fastSignature } from './sigv4-fast.js';
import { parseAmzDate, parseAuthorization, formatAmzDate, type AuthFailure, type AuthFailureCode, type ParsedAuthorization } from './sigv4-header.js';

export { parseAmzDate, parseAuthorization, formatAmzDate, type AuthFailure, type AuthFailureCode, type ParsedAuthorization } from './sigv4-header.js';

/** AWS's allowed difference between the signing time and the server's time. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The request as received, with header names in lower case (as node:http gives them). */
export interface IncomingSigned {
  readonly method: string;
  /** The raw request target, e.g. `/` or `/?Action=GetCallerIdentity`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** What the server knows about an access key. */
export interface SigningSecret {
  readonly secretAccessKey: string;
  /** Set for STS session credentials: the request must carry this token. */
  readonly sessionToken?: string;
  /** Epoch milliseconds after which session credentials are refused. */
  readonly expiresAt?: number;
}

/** A request whose signature checked out. */
export interface Verified {
  readonly accessKeyId: string;
  /** The region of the credential scope (KMS serves that region's keys). */
  readonly region: string;
  readonly signedHeaders: ReadonlySet<string>;
}

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * A SHA-256 / HMAC-SHA-256 for @smithy/signature-v4 backed by node:crypto (the default pure-JS
 * hash is several times slower, and verification sits on every request).
 */
class NodeSha256 {
  private readonly h: Hash | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: Uint8Array): void {
    this.h.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
  reset(): void {
    // INVARIANT: the signer creates a fresh hash per use and never resets one.
    throw new Error('NodeSha256 is single-use');
  }
}

function toBytes(v: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof v === 'string') return v;
  return v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

function header(h: IncomingSigned['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** Options of {@link verifySigV4}. */
export interface VerifyOptions {
  /** The service the endpoint serves (`kms`, `sts`): the credential scope must name it. */
  readonly service: string;
  /** Looks up the secret of an access key; undefined for unknown keys. */
  lookup(accessKeyId: string): SigningSecret | undefined;
  /** The wall clock in epoch ms (tests pass a fixed one). */
  now?(): number;
}

function fail(code: AuthFailureCode, message: string): { ok: false; error: AuthFailure } {
  return { ok: false, error: { code, message } };
}

/**
 * Verifies the SigV4 signature of a request. Checks, in order: the Authorization header is present
 * and complete, the scope names this service and the X-Amz-Date's day, the access key is known
 * (and its session token matches and is unexpired), the signing time is within 5 minutes of now,
 * a signed payload hash matches the body, and the signature itself.
 */
export async function verifySigV4(
  req: IncomingSigned,
  opts: VerifyOptions,
): Promise<{ ok: true; value: Verified } | { ok: false; error: AuthFailure }> {
  const auth = header(req.headers, 'authorization');
  if (auth === undefined || auth === '') return fail('missing', 'Request is missing Authentication Token');
  const parsed = parseAuthorization(auth);
  if (!parsed.ok) return parsed;
  const a = parsed.value;
  const amzDate = header(req.headers, 'x-amz-date');
  const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signedAt === undefined || !a.signedHeaders.includes('x-amz-date')) {
    return fail(
      'incomplete',
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${auth}`,
    );
  }
  if (!a.signedHeaders.includes('host')) {
    return fail('incomplete', `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`);
  }
  if (a.service !== opts.service) {
    return fail('scope', `Credential should be scoped to correct service: '${opts.service}'. `);
  }
  if (a.date !== amzDate.slice(0, 8)) {
    return fail(
      'scope',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${a.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  const secret = opts.lookup(a.accessKeyId);
  if (secret === undefined) return fail('unknown-key', 'The security token included in the request is invalid.');
  const now = opts.now ? opts.now() : Date.now();
  const token = header(req.headers, 'x-amz-security-token');
  // A long-term key never comes with a session token; AWS refuses the pair as an invalid token.
  if (secret.sessionToken === undefined && token !== undefined) {
    return fail('unknown-key', 'The security token included in the request is invalid.');
  }
  if (secret.sessionToken !== undefined) {
    if (token === undefined || !a.signedHeaders.includes('x-amz-security-token') || !safeEqual(token, secret.sessionToken)) {
      return fail('unknown-key', 'The security token included in the request is invalid.');
    }
    if (secret.expiresAt !== undefined && now >= secret.expiresAt) {
      return fail('expired-token', 'The security token included in the request is expired');
    }
  }
  if (signedAt < now - CLOCK_SKEW_MS) {
    return fail(
      'expired',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - CLOCK_SKEW_MS)} (${formatAmzDate(now)} - 5 min.)`,
    );
  }
  if (signedAt > now + CLOCK_SKEW_MS) {
    return fail(
      'not-yet-current',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 5 min.)`,
    );
  }
  const payloadHash = header(req.headers, 'x-amz-content-sha256');
  if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(req.body).digest('hex')) {
    return fail('mismatch', MISMATCH);
  }
  const expected = await computeSignature(req, a, secret, signedAt);
  if (!safeEqual(expected, a.signature)) return fail('mismatch', MISMATCH);
  return { ok: true, value: { accessKeyId: a.accessKeyId, region: a.region, signedHeaders: new Set(a.signedHeaders) } };
}

/** The decoded request path; a malformed escape stays as sent (and then cannot match a signature). */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function safeEqual(x: string, y: string): boolean {
  const bx = Buffer.from(x);
  const by = Buffer.from(y);
  return bx.length === by.length && timingSafeEqual(bx, by);
}

/** Signers by credential and scope: building one per request is measurable at thousands of req/s. */
const signers = new Map<string, SignatureV4>();
const SIGNER_CACHE_LIMIT = 1024;

function signerFor(a: ParsedAuthorization, secretAccessKey: string, sessionToken: string | undefined): SignatureV4 {
  const key = `${a.accessKeyId}\n${secretAccessKey}\n${sessionToken ?? ''}\n${a.region}\n${a.service}`;
  let signer = signers.get(key);
  if (signer === undefined) {
    if (signers.size >= SIGNER_CACHE_LIMIT) signers.clear();
    signer = new SignatureV4({
      credentials: { accessKeyId: a.accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) },
      region: a.region,
      service: a.service,
      sha256: NodeSha256,
      applyChecksum: false,
    });
    signers.set(key, signer);
  }
  return signer;
}

/** Recomputes the signature the client should have sent, over exactly the headers it signed. */
async function computeSignature(
  req: IncomingSigned,
  a: ParsedAuthorization,
  secret: SigningSecret,
  signedAt: number,
): Promise<string> {
  const headers: Record<string, string> = {};
  for (const name of a.signedHeaders) {
    const v = header(req.headers, name);
    if (v !== undefined) headers[name] = v;
  }
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query: Record<string, string | string[]> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(req.url.slice(q + 1))) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
  }
  const token = a.signedHeaders.includes('x-amz-security-token') ? secret.sessionToken : undefined;
  const fast = fastSignature(req, a, secret.secretAccessKey, token, formatAmzDate(signedAt));
  if (fast !== undefined) return fast;
  const signer = signerFor(a, secret.secretAccessKey, token);
  const request = new HttpRequest({
    method: req.method,
    protocol: 'http:',
    hostname: headers.host ?? '',
    path: safeDecode(path),
    query,
    headers,
    body: req.body,
  });
  const signed = await signer.sign(request, {
    signingDate: new Date(signedAt),
    signableHeaders: new Set(a.signedHeaders),
  });
  const out = (signed.headers as Record<string, string | undefined>).authorization ?? '';
  return out.slice(out.lastIndexOf('Signature=') + 'Signature='.length);
}
