/**
 * @module server/sts
 * A minimal AWS STS on the same port (Query protocol: form-encoded POST, XML responses):
 * AssumeRole (trust policy + the caller's sts:AssumeRole permission, then temporary credentials
 * bound to the assumed-role session ARN with the optional session policy) and GetCallerIdentity.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use.html (role chaining: 1 hour)
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { CredentialStore, Identity, WorldPrincipal } from './credentials.js';
import type { AuthFailure } from './sigv4.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const XML_TYPE = 'text/xml';
// fast-xml-parser (a declared dependency) re-exports the builder of fast-xml-builder and marks the
// re-export deprecated; using it avoids importing an undeclared transitive package.
// eslint-disable-next-line @typescript-eslint/no-deprecated
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** IAM's default MaxSessionDuration of a role. */
export const DEFAULT_MAX_SESSION_SECONDS = 3600;

/** Decides whether `caller` may assume `role` (trust policy and identity permission). */
export interface TrustEvaluator {
  canAssume(caller: Identity, callerPrincipal: WorldPrincipal | undefined, role: WorldPrincipal, sessionName: string, externalId?: string): boolean;
}

/** What STS acts on. */
export interface StsContext {
  readonly credentials: CredentialStore;
  readonly trust: TrustEvaluator;
  /** The wall clock in epoch ms (session expiry is real time, like the SigV4 window). */
  now(): number;
}

/** An XML reply. */
export interface XmlReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

function xml(status: number, root: string, content: unknown): XmlReply {
  const body = builder.build({ [root]: { '@_xmlns': NS, ...(content as object) } });
  return { status, contentType: XML_TYPE, body };
}

/** An STS error document (`<ErrorResponse>`). */
export function stsError(status: number, code: string, message: string, requestId: string): XmlReply {
  return xml(status, 'ErrorResponse', { Error: { Type: 'Sender', Code: code, Message: message }, RequestId: requestId });
}

/** STS's error for a failed signature check (the Query-protocol codes, HTTP 403). */
export function stsAuthError(f: AuthFailure, requestId: string): XmlReply {
  const code = {
    missing: 'MissingAuthenticationToken',
    incomplete: 'IncompleteSignature',
    'unknown-key': 'InvalidClientTokenId',
    'expired-token': 'ExpiredToken',
    expired: 'SignatureDoesNotMatch',
    'not-yet-current': 'SignatureDoesNotMatch',
    scope: 'SignatureDoesNotMatch',
    mismatch: 'SignatureDoesNotMatch',
  }[f.code];
  return stsError(f.code === 'incomplete' ? 400 : 403, code, f.message, requestId);
}

function meta(requestId: string): unknown {
  return { RequestId: requestId };
}

function validation(message: string, requestId: string): XmlReply {
  return stsError(400, 'ValidationError', message, requestId);
}

function assumeRole(ctx: StsContext, form: URLSearchParams, caller: Identity, requestId: string): XmlReply {
  const roleArn = form.get('RoleArn') ?? '';
  const sessionName = form.get('RoleSessionName') ?? '';
  if (roleArn.length < 20) {
    return validation(`1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`, requestId);
  }
  if (!SESSION_NAME.test(sessionName)) {
    return validation(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`, requestId);
  }
  const durationText = form.get('DurationSeconds');
  const duration = durationText === null ? DEFAULT_MAX_SESSION_SECONDS : Number(durationText);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    const bound = duration < 900 ? 'greater than or equal to 900' : 'less than or equal to 43200';
    return validation(`1 validation error detected: Value '${durationText ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${bound}`, requestId);
  }
  const policyText = form.get('Policy');
  let sessionPolicy: unknown;
  if (policyText !== null) {
    try {
      sessionPolicy = JSON.parse(policyText);
    } catch {
      return stsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.', requestId);
    }
  }
  const role = ctx.credentials.principal(roleArn);
  const callerPrincipal = ctx.credentials.principal(caller.roleArn ?? caller.principal);
  const externalId = form.get('ExternalId') ?? undefined;
  if (role?.type !== 'role' || !ctx.trust.canAssume(caller, callerPrincipal, role, sessionName, externalId)) {
    return stsError(403, 'AccessDenied', `User: ${caller.principal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, requestId);
  }
  if (caller.roleArn !== undefined && duration > 3600) {
    return validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', requestId);
  }
  if (duration > (role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS)) {
    return validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', requestId);
  }
  const s = ctx.credentials.issueSession(roleArn, sessionName, duration, ctx.now(), sessionPolicy);
  return xml(200, 'AssumeRoleResponse', {
    AssumeRoleResult: {
      Credentials: {
        AccessKeyId: s.accessKeyId,
        SecretAccessKey: s.secretAccessKey,
        SessionToken: s.sessionToken,
        Expiration: s.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      AssumedRoleUser: { AssumedRoleId: s.assumedRoleId, Arn: s.assumedRoleArn },
      ...(policyText === null ? {} : { PackedPolicySize: Math.min(100, Math.ceil((policyText.length * 100) / 2048)) }),
    },
    ResponseMetadata: meta(requestId),
  });
}

/** Serves one authenticated STS request. */
export function handleSts(ctx: StsContext, form: URLSearchParams, caller: Identity, requestId: string): XmlReply {
  const action = form.get('Action') ?? '';
  switch (action) {
    case 'GetCallerIdentity':
      return xml(200, 'GetCallerIdentityResponse', {
        GetCallerIdentityResult: { Arn: caller.principal, UserId: caller.userId, Account: caller.account },
        ResponseMetadata: meta(requestId),
      });
    case 'AssumeRole':
      return assumeRole(ctx, form, caller, requestId);
    default:
      return stsError(400, 'InvalidAction', `Could not find operation ${action} for version ${form.get('Version') ?? ''}`, requestId);
  }
}
