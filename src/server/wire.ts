/**
 * @module server/wire
 * The AWS JSON 1.1 wire format that KMS speaks: `POST /`, `X-Amz-Target: TrentService.<Op>`,
 * `application/x-amz-json-1.1` bodies, `{"__type", "message"}` errors with HTTP 400 (500 for
 * internal errors), and an `x-amzn-RequestId` header on every response.
 * https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html (JSON 1.1, TrentService target prefix)
 */
import { randomUUID } from 'node:crypto';

/** The content type of every KMS request and response. */
export const KMS_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The X-Amz-Target prefix of KMS operations. */
export const KMS_TARGET_PREFIX = 'TrentService.';

/** An AWS error as it goes on the wire: type (`__type`), message and HTTP status. */
export interface WireError {
  readonly type: string;
  readonly message: string;
  readonly status: number;
}

/**
 * Errors whose body spells the member `Message` (capital M) on real KMS, as local-kms records for
 * AccessDeniedException and UnsupportedOperationException (kms-api.md §4). botocore and the JS v3
 * SDK read either spelling, so the choice only matters to hand-written clients.
 */
const CAPITAL_MESSAGE = new Set(['AccessDeniedException', 'UnsupportedOperationException']);

/** A fresh request id in AWS's UUID format. */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * The operation named by an `X-Amz-Target` header, or undefined when the header is absent or not
 * a TrentService target.
 */
export function kmsOperation(target: string | undefined): string | undefined {
  if (target?.startsWith(KMS_TARGET_PREFIX) !== true) return undefined;
  const op = target.slice(KMS_TARGET_PREFIX.length);
  return /^[A-Za-z]+$/.test(op) ? op : undefined;
}

/** The JSON body of a KMS error response. */
export function errorBody(e: WireError): string {
  const key = CAPITAL_MESSAGE.has(e.type) ? 'Message' : 'message';
  return JSON.stringify({ __type: e.type, [key]: e.message });
}

/** Shorthand for a wire error. */
export function wireError(type: string, message: string, status = 400): WireError {
  return { type, message, status };
}

/**
 * Parses a KMS request body. An empty body is `{}` (botocore sends `{}` for operations without
 * input). Anything but a JSON object is the SerializationException AWS returns for unreadable
 * JSON 1.1 input; unknown members are kept and left for the backend to ignore.
 */
export function parseKmsBody(body: Buffer): { ok: true; input: Record<string, unknown> } | { ok: false; error: WireError } {
  if (body.length === 0) return { ok: true, input: {} };
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, error: wireError('SerializationException', 'Start of structure or map found where not expected.') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: wireError('SerializationException', 'Start of structure or map found where not expected.') };
  }
  return { ok: true, input: value as Record<string, unknown> };
}
