/**
 * @module server/services
 * Who the backend sees as the caller, including the integrated-service simulation: a test (or a
 * developer) calls "as SSM/EC2 acting on a user's behalf" by adding signed `x-kms-authz-*` headers,
 * which set kms:ViaService, kms:GrantIsForAWSResource, aws:CalledVia, aws:SourceVpce and
 * aws:SourceIp. They are honoured only when the server runs with integrated-service simulation on
 * (`--simulate-services`), and only when they are among the SignedHeaders, so nothing unsigned can
 * change a decision.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-calledvia
 */
import type { IncomingMessage } from 'node:http';
import type { StoredCredential } from './credentials.js';
import type { ServerCaller } from './ports.js';
import type { Verified } from './sigv4.js';
import { wireError, type WireError } from './wire.js';

/** The simulation headers (lower case, as node:http delivers them). */
export const SERVICE_HEADERS = {
  viaService: 'x-kms-authz-via-service',
  grantIsForAwsResource: 'x-kms-authz-grant-is-for-aws-resource',
  calledVia: 'x-kms-authz-called-via',
  sourceVpce: 'x-kms-authz-source-vpce',
  sourceIp: 'x-kms-authz-source-ip',
} as const;

const VIA_SERVICE = /^[a-z0-9-]+\.[a-z0-9-]+\.amazonaws\.com$/;

function one(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The socket's address without the IPv4-mapped IPv6 prefix. */
export function remoteIp(req: IncomingMessage): string | undefined {
  const a = req.socket.remoteAddress;
  return a?.startsWith('::ffff:') === true ? a.slice(7) : a;
}

/** Builds the backend caller of a verified request, or the error for misused simulation headers. */
export function kmsCaller(
  cred: StoredCredential,
  verified: Verified,
  req: IncomingMessage,
  simulateServices: boolean,
): { ok: true; value: ServerCaller } | { ok: false; error: WireError } {
  const caller: ServerCaller = {
    principal: cred.identity.principal,
    region: verified.region,
    accessKeyId: cred.accessKeyId,
  };
  // CloudTrail records the client's User-Agent; the JS SDK v3 sends its own in x-amz-user-agent.
  const agent = one(req, 'user-agent') ?? one(req, 'x-amz-user-agent');
  if (agent !== undefined) caller.userAgent = agent;
  const ip = remoteIp(req);
  if (ip !== undefined) caller.sourceIp = ip;
  if (cred.identity.sessionPolicy !== undefined) caller.sessionPolicy = cred.identity.sessionPolicy;
  const present = Object.values(SERVICE_HEADERS).filter((h) => req.headers[h] !== undefined);
  if (present.length === 0) return { ok: true, value: caller };
  if (!simulateServices) {
    return {
      ok: false,
      error: wireError(
        'ValidationException',
        `header ${present[0] ?? ''} needs integrated-service simulation: start the server with --simulate-services`,
      ),
    };
  }
  const unsigned = present.find((h) => !verified.signedHeaders.has(h));
  if (unsigned !== undefined) {
    return { ok: false, error: wireError('ValidationException', `header ${unsigned} must be among the SignedHeaders`) };
  }
  const via = one(req, SERVICE_HEADERS.viaService);
  if (via !== undefined) {
    if (!VIA_SERVICE.test(via)) {
      return { ok: false, error: wireError('ValidationException', `header ${SERVICE_HEADERS.viaService} must look like ssm.us-west-2.amazonaws.com, got ${via}`) };
    }
    caller.viaService = via;
  }
  const grantFlag = one(req, SERVICE_HEADERS.grantIsForAwsResource);
  if (grantFlag !== undefined) caller.grantIsForAwsResource = grantFlag.toLowerCase() === 'true';
  const calledVia = one(req, SERVICE_HEADERS.calledVia);
  if (calledVia !== undefined) caller.calledVia = calledVia.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const vpce = one(req, SERVICE_HEADERS.sourceVpce);
  if (vpce !== undefined) caller.sourceVpce = vpce;
  const sourceIp = one(req, SERVICE_HEADERS.sourceIp);
  if (sourceIp !== undefined) caller.sourceIp = sourceIp;
  return { ok: true, value: caller };
}
