/**
 * @module sources/cloudtrail
 * CloudTrail events of AWS KMS (eventSource kms.amazonaws.com) → authorization requests: the
 * caller from userIdentity (assumed-role sessions included), the action from eventName, the key
 * from resources or requestParameters.keyId, the encryption context and grant parameters from
 * requestParameters, the endpoint from vpcEndpointId. Accepts one event, `{ "Records": [...] }`,
 * or JSON lines. https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { AuthzRequest, GrantRequest, RequestContextInput } from '../model/decision.js';
import type { Locator } from '../model/lint.js';
import { readDocument } from '../source/document.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** One KMS event, read. */
export interface CloudTrailRequest {
  readonly request: AuthzRequest;
  readonly eventName: string;
  readonly eventTime?: string;
  readonly eventId?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** The `kmsAuthzExplanation` our simulated backend adds to its audit events. */
  readonly explanation?: unknown;
  readonly pointer: string;
}

function callerOf(ui: Obj): string | undefined {
  const type = str(ui.type);
  const arn = str(ui.arn);
  const account = str(ui.accountId);
  if (arn !== undefined) return arn;
  if (type === 'Root' && account !== undefined) return `arn:aws:iam::${account}:root`;
  // A caller from another account appears as type AWSAccount with only its account id.
  if (type === 'AWSAccount' && account !== undefined) return `arn:aws:iam::${account}:root`;
  if (type === 'AWSService') return str(ui.invokedBy);
  return undefined;
}

function keyOf(e: Obj, params: Obj): string | undefined {
  const resources = Array.isArray(e.resources) ? e.resources : [];
  for (const r of resources) if (isObj(r) && (r.type === 'AWS::KMS::Key' || str(r.ARN)?.includes(':key/') === true)) return str(r.ARN);
  const keyId = str(params.keyId) ?? str(params.sourceKeyId) ?? str(params.destinationKeyId);
  if (keyId?.startsWith('arn:') === true && keyId.includes(':key/')) return keyId;
  const m = /on resource: (arn:\S+:key\/[\w-]+)/.exec(str(e.errorMessage) ?? '');
  return m?.[1] ?? keyId;
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function grantRequestOf(params: Obj): GrantRequest | undefined {
  const grantee = str(params.granteePrincipal);
  if (grantee === undefined) return undefined;
  const ops = Array.isArray(params.operations) ? params.operations.filter((o): o is string => typeof o === 'string') : [];
  const c = isObj(params.constraints) ? params.constraints : undefined;
  const equals = stringMap(c?.encryptionContextEquals);
  const subset = stringMap(c?.encryptionContextSubset);
  return {
    granteePrincipal: grantee, operations: ops,
    ...(str(params.retiringPrincipal) === undefined ? {} : { retiringPrincipal: str(params.retiringPrincipal)! }),
    ...(equals === undefined && subset === undefined ? {} : { constraints: { ...(equals === undefined ? {} : { EncryptionContextEquals: equals }), ...(subset === undefined ? {} : { EncryptionContextSubset: subset }) } }),
  };
}

/** Reads one event; returns a problem message when it is not a usable KMS event. */
function readEvent(e: unknown, pointer: string): CloudTrailRequest | string {
  if (!isObj(e)) return 'a CloudTrail event must be an object';
  if (e.eventSource !== undefined && e.eventSource !== 'kms.amazonaws.com') return `event source \`${JSON.stringify(e.eventSource)}\` is not kms.amazonaws.com`;
  const eventName = str(e.eventName);
  if (eventName === undefined) return 'the event has no `eventName`';
  const ui = isObj(e.userIdentity) ? e.userIdentity : {};
  const principal = callerOf(ui);
  if (principal === undefined) return 'the event\'s `userIdentity` names no caller (no `arn`, no account)';
  const params = isObj(e.requestParameters) ? e.requestParameters : {};
  const resource = keyOf(e, params);
  if (resource === undefined) return 'the event names no key (no `resources`, no `requestParameters.keyId` ARN)';
  const ec = stringMap(params.encryptionContext);
  const context: Record<string, RequestContextInput> = {};
  const via = str(ui.invokedBy);
  const region = str(e.awsRegion);
  // A service acting for the caller (invokedBy ec2.amazonaws.com) is what kms:ViaService names, per Region.
  if (via?.endsWith('.amazonaws.com') === true && ui.type !== 'AWSService' && region !== undefined) context['kms:ViaService'] = via.replace(/\.amazonaws\.com$/, `.${region}.amazonaws.com`);
  const sourceIp = str(e.sourceIPAddress);
  if (sourceIp !== undefined && /^[\d.:a-fA-F]+$/.test(sourceIp)) context['aws:SourceIp'] = sourceIp;
  const gr = grantRequestOf(params);
  const vpce = str(e.vpcEndpointId);
  const keyId = str(params.keyId);
  const grantId = str(params.grantId);
  const tokens = Array.isArray(params.grantTokens) ? params.grantTokens.filter((t): t is string => typeof t === 'string') : undefined;
  const request: AuthzRequest = {
    principal, action: `kms:${eventName}`, resource,
    ...(keyId === undefined ? {} : { keyIdAsSent: keyId }),
    ...(ec === undefined ? {} : { encryptionContext: ec }),
    ...(gr === undefined ? {} : { grantRequest: gr }),
    ...(grantId === undefined ? {} : { grantId }),
    ...(tokens === undefined ? {} : { grantTokens: tokens }),
    ...(vpce === undefined ? {} : { sourceVpce: vpce }),
    ...(Object.keys(context).length === 0 ? {} : { context }),
  };
  return {
    request, eventName, pointer,
    ...(str(e.eventTime) === undefined ? {} : { eventTime: str(e.eventTime)! }),
    ...(str(e.eventID) === undefined ? {} : { eventId: str(e.eventID)! }),
    ...(str(e.errorCode) === undefined ? {} : { errorCode: str(e.errorCode)! }),
    ...(str(e.errorMessage) === undefined ? {} : { errorMessage: str(e.errorMessage)! }),
    ...(e.kmsAuthzExplanation === undefined ? {} : { explanation: e.kmsAuthzExplanation }),
  };
}

/** Reads CloudTrail text: a single event, `{ "Records": [...] }`, or one event per line. */
export function readCloudTrail(text: string, file: string): { events: CloudTrailRequest[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problem = (locate: Locator, pointer: string, message: string, lineOffset = 0): void => {
    const at = locate(pointer);
    diagnostics.push({ code: 'input/cloudtrail', messageId: 'event', severity: 'error', message, file, pointer, line: at.line + lineOffset, column: at.column });
  };
  let docs: { value: unknown; locate: Locator; lineOffset: number }[];
  const whole = readDocument(text, file.endsWith('.json') || file.endsWith('.jsonl') ? 'events.json' : file);
  if (whole.diagnostics.every((d) => d.severity !== 'error')) docs = [{ value: whole.value, locate: whole.locate, lineOffset: 0 }];
  else {
    // JSON lines: every non-empty line is one event.
    docs = [];
    const lines = text.split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const d = readDocument(line, 'line.json');
      if (d.diagnostics.some((x) => x.severity === 'error')) {
        if (lines.filter((l) => l.trim() !== '').length === 1) return { events: [], diagnostics: whole.diagnostics.map((x) => ({ ...x, file })) };
        // One problem per unreadable line is enough to point at it.
        const first = d.diagnostics.find((x) => x.severity === 'error');
        if (first !== undefined) diagnostics.push({ ...first, file, line: first.line + i });
        continue;
      }
      docs.push({ value: d.value, locate: d.locate, lineOffset: i });
    }
  }
  const events: CloudTrailRequest[] = [];
  for (const doc of docs) {
    const v = doc.value;
    const list = isObj(v) && Array.isArray(v.Records) ? v.Records.map((e, i) => [e, `/Records/${String(i)}`] as const) : [[v, ''] as const];
    for (const [e, pointer] of list) {
      const r = readEvent(e, pointer);
      if (typeof r === 'string') problem(doc.locate, pointer, r, doc.lineOffset);
      else events.push(r);
    }
  }
  if (events.length === 0 && diagnostics.length === 0) diagnostics.push({ code: 'input/cloudtrail', messageId: 'empty', severity: 'error', message: 'no CloudTrail event found', file, pointer: '', line: 1, column: 1 });
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { events, diagnostics };
}
