/**
 * @module server/http
 * The request handler: routes each request to the admin path, STS (Query protocol) or KMS
 * (JSON 1.1), verifies SigV4 on everything but the admin path, and writes AWS-shaped responses
 * with an `x-amzn-RequestId` header.
 * https://docs.aws.amazon.com/kms/latest/APIReference/CommonParameters.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin, type AdminContext } from './admin.js';
import type { CredentialStore, StoredCredential } from './credentials.js';
import { kmsCaller } from './services.js';
import type { ServedKms } from './ports.js';
import { verifySigV4, type AuthFailure } from './sigv4.js';
import { handleSts, stsAuthError, type StsContext } from './sts.js';
import { errorBody, KMS_CONTENT_TYPE, kmsOperation, newRequestId, parseKmsBody, wireError, type WireError } from './wire.js';

/** Everything a request handler needs. */
export interface HandlerContext {
  readonly kms: ServedKms;
  readonly credentials: CredentialStore;
  readonly sts: StsContext;
  readonly admin: AdminContext | undefined;
  /** Honour the `x-kms-authz-*` integrated-service headers (docs/serve.md). */
  readonly simulateServices: boolean;
  /** Largest accepted request body. */
  readonly maxBodyBytes: number;
  /** Called when a request starts and ends (graceful shutdown drains in-flight requests). */
  track(delta: 1 | -1): void;
}

/** The path prefix of the simulation controls. */
export const ADMIN_PREFIX = '/_kms-authz/';

/** An HTTP response about to be written. */
export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** A KMS JSON 1.1 error reply. */
export function kmsError(e: WireError): Reply {
  return { status: e.status, contentType: KMS_CONTENT_TYPE, body: errorBody(e) };
}

/** AWS's KMS error for a failed signature check (HTTP 400, as KMS answers every client error). */
export function kmsAuthError(f: AuthFailure): Reply {
  const type = {
    missing: 'MissingAuthenticationTokenException',
    incomplete: 'IncompleteSignatureException',
    'unknown-key': 'UnrecognizedClientException',
    'expired-token': 'ExpiredTokenException',
    expired: 'InvalidSignatureException',
    'not-yet-current': 'InvalidSignatureException',
    scope: 'InvalidSignatureException',
    mismatch: 'InvalidSignatureException',
  }[f.code];
  return kmsError(wireError(type, f.message));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => {
      resolve(size > limit ? undefined : Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, requestId: string, r: Reply): void {
  res.writeHead(r.status, {
    'content-type': r.contentType,
    'content-length': Buffer.byteLength(r.body),
    'x-amzn-RequestId': requestId,
  });
  res.end(r.body);
}

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

async function route(ctx: HandlerContext, req: IncomingMessage, body: Buffer, requestId: string): Promise<Reply> {
  const url = req.url ?? '/';
  if (url.startsWith(ADMIN_PREFIX)) return handleAdmin(ctx.admin, req, url, body);
  if (req.method !== 'POST') {
    return kmsError(wireError('UnknownOperationException', `${req.method ?? ''} ${url} is not an AWS operation of this endpoint`));
  }
  const incoming = { method: 'POST', url, headers: req.headers, body };
  const lookup = (id: string): StoredCredential | undefined => ctx.credentials.lookup(id);
  const target = req.headers['x-amz-target'];
  if (target === undefined && isForm(req)) {
    const v = await verifySigV4(incoming, { service: 'sts', lookup });
    if (!v.ok) return stsAuthError(v.error, requestId);
    const cred = ctx.credentials.lookup(v.value.accessKeyId);
    // INVARIANT: verifySigV4 succeeded, so lookup found this key a moment ago.
    if (cred === undefined) throw new Error('verified access key vanished');
    return handleSts(ctx.sts, new URLSearchParams(body.toString('utf8')), cred.identity, requestId);
  }
  const v = await verifySigV4(incoming, { service: 'kms', lookup });
  if (!v.ok) return kmsAuthError(v.error);
  const cred = ctx.credentials.lookup(v.value.accessKeyId);
  // INVARIANT: as above.
  if (cred === undefined) throw new Error('verified access key vanished');
  const op = kmsOperation(typeof target === 'string' ? target : undefined);
  if (op === undefined) return kmsError(wireError('UnknownOperationException', ''));
  const parsed = parseKmsBody(body);
  if (!parsed.ok) return kmsError(parsed.error);
  const caller = kmsCaller(cred, v.value, req, ctx.simulateServices);
  if (!caller.ok) return kmsError(caller.error);
  const result = await ctx.kms.call(op, parsed.input, { ...caller.value, requestId });
  if (!result.ok) return kmsError(result.error);
  return { status: 200, contentType: KMS_CONTENT_TYPE, body: JSON.stringify(result.output) };
}

/** Builds the node:http request listener of a server. */
export function createRequestHandler(ctx: HandlerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = newRequestId();
    ctx.track(1);
    const done = (): void => {
      ctx.track(-1);
    };
    res.on('close', done);
    void readBody(req, ctx.maxBodyBytes)
      .then(async (body) => {
        if (body === undefined) {
          res.setHeader('connection', 'close');
          return kmsError(wireError('RequestEntityTooLargeException', `Request body must be at most ${String(ctx.maxBodyBytes)} bytes`, 413));
        }
        return route(ctx, req, body, requestId);
      })
      .catch((e: unknown) => {
        // A broken invariant or backend fault: AWS's internal error, never a stack trace on the wire.
        process.emitWarning(`kms-authz serve: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return kmsError(wireError('KMSInternalException', 'The request processing has failed because of an unknown error.', 500));
      })
      .then((reply) => {
        if (!res.headersSent) send(res, requestId, reply);
      });
  };
}
