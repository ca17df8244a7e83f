/**
 * @module backend/audit
 * The audit trail: one CloudTrail-shaped event per call, denials included, with the decision's
 * explanation attached as `kmsAuthzExplanation`. Request parameters are recorded without
 * plaintext or other secret blobs, as CloudTrail does for KMS.
 * https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
import { randomUUID } from 'node:crypto';
import type { Decision } from '../model/decision.js';
import type { Caller } from './context.js';
import type { KmsError } from './errors.js';
import { accountOf } from './ids.js';

/** A CloudTrail record of one KMS call. */
export interface AuditEvent {
  readonly eventVersion: string;
  readonly userIdentity: Record<string, unknown>;
  readonly eventTime: string;
  readonly eventSource: 'kms.amazonaws.com';
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestParameters: Record<string, unknown> | null;
  readonly responseElements: Record<string, unknown> | null;
  readonly requestID: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  readonly resources: readonly { readonly ARN: string; readonly accountId: string; readonly type: 'AWS::KMS::Key' }[];
  readonly eventType: 'AwsApiCall';
  readonly managementEvent: boolean;
  readonly recipientAccountId: string;
  readonly eventCategory: 'Management';
  /** The decision(s) behind the answer: message, reasons and missing allows. */
  readonly kmsAuthzExplanation: AuditExplanation | null;
}

/**
 * The explanation attached to an audit event: the deciding Decision's message, reasons and missing
 * allows (the denying one when a call was denied); `decisions` lists every authorization the call
 * asked for (ReEncrypt asks two: kms:ReEncryptFrom and kms:ReEncryptTo).
 */
export interface AuditExplanation {
  readonly decision: string;
  readonly message: string;
  readonly reasons: unknown;
  readonly missing: unknown;
  readonly decisions: readonly { readonly decision: string; readonly message: string }[];
}

/** Members never recorded: plaintext, ciphertext, key material, passwords, tokens. */
const SECRET_MEMBERS = new Set([
  'Plaintext', 'CiphertextBlob', 'EncryptedKeyMaterial', 'ImportToken', 'KeyStorePassword', 'Message', 'Signature', 'Mac', 'PublicKey',
  'PrivateKeyPlaintext', 'PrivateKeyCiphertextBlob', 'SharedSecret', 'CiphertextForRecipient', 'XksProxyAuthenticationCredential', 'GrantToken', 'GrantTokens',
  'Recipient',
]);
/** Operations that change nothing (CloudTrail's readOnly). */
const READ_ONLY = /^(Describe|Get|List|Decrypt$|Encrypt$|GenerateDataKey|GenerateMac$|GenerateRandom$|ReEncrypt$|Sign$|Verify|DeriveSharedSecret$)/;

function scrub(v: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!SECRET_MEMBERS.has(k)) out[k.charAt(0).toLowerCase() + k.slice(1)] = x;
  return out;
}

function userIdentity(c: Caller): Record<string, unknown> {
  const arn = c.principal;
  const account = accountOf(arn);
  const resource = arn.split(':').slice(5).join(':');
  const base = { arn, accountId: account, ...(c.accessKeyId !== undefined ? { accessKeyId: c.accessKeyId } : {}) };
  if (resource === 'root') return { type: 'Root', principalId: account, ...base };
  if (resource.startsWith('assumed-role/')) {
    const [, role, session] = resource.split('/');
    return {
      type: 'AssumedRole', principalId: `AROA:${session ?? ''}`, ...base,
      sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROA', arn: `arn:aws:iam::${account}:role/${role ?? ''}`, accountId: account, userName: role }, attributes: { mfaAuthenticated: 'false' } },
      ...(c.viaService !== undefined ? { invokedBy: c.viaService.split('.')[0] + '.amazonaws.com' } : {}),
    };
  }
  if (resource.startsWith('role/')) return { type: 'AssumedRole', principalId: 'AROA', ...base };
  return { type: 'IAMUser', principalId: 'AIDA', userName: resource.split('/').pop(), ...base, ...(c.viaService !== undefined ? { invokedBy: c.viaService.split('.')[0] + '.amazonaws.com' } : {}) };
}

function explanation(ds: readonly Decision[]): AuditExplanation | null {
  const d = ds.find((x) => x.decision !== 'Allow') ?? ds[ds.length - 1];
  if (!d) return null;
  return { decision: d.decision, message: d.message, reasons: d.reasons, missing: d.missing, decisions: ds.map((x) => ({ decision: x.decision, message: x.message })) };
}

/** What one call produced, for {@link auditEvent}. */
export interface CallRecord {
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly caller: Caller;
  readonly now: number;
  readonly resources: readonly string[];
  readonly decisions: readonly Decision[];
  readonly output?: Readonly<Record<string, unknown>>;
  readonly error?: KmsError;
  readonly recipientAccount: string;
}

/** Builds the CloudTrail event of one call. */
export function auditEvent(r: CallRecord): AuditEvent {
  const uniq = [...new Set(r.resources)];
  return {
    eventVersion: '1.08',
    userIdentity: userIdentity(r.caller),
    eventTime: new Date(r.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'kms.amazonaws.com',
    eventName: r.operation,
    awsRegion: r.caller.region,
    sourceIPAddress: r.caller.viaService !== undefined ? r.caller.viaService.split('.')[0] + '.amazonaws.com' : (r.caller.sourceIp ?? '127.0.0.1'),
    userAgent: r.caller.userAgent ?? 'kms-authz',
    ...(r.error ? { errorCode: r.error.type, errorMessage: r.error.message } : {}),
    requestParameters: scrub(r.input),
    responseElements: r.output ? scrub(r.output) : null,
    requestID: r.caller.requestId ?? randomUUID(),
    eventID: randomUUID(),
    readOnly: READ_ONLY.test(r.operation),
    resources: uniq.map((arn) => ({ ARN: arn, accountId: arn.split(':')[4] ?? '', type: 'AWS::KMS::Key' as const })),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: r.recipientAccount,
    eventCategory: 'Management',
    kmsAuthzExplanation: explanation(r.decisions),
  };
}
