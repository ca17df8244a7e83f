/**
 * @module server/sigv4-header
 * Reading the SigV4 `Authorization` header and `X-Amz-Date`, and the failure values of verification.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */

/** Why a request failed authentication; the protocol layer maps this to AWS's error shape. */
export type AuthFailureCode =
  | 'missing'
  | 'incomplete'
  | 'unknown-key'
  | 'expired-token'
  | 'expired'
  | 'not-yet-current'
  | 'scope'
  | 'mismatch';

/** A failed authentication with AWS's message text. */
export interface AuthFailure {
  readonly code: AuthFailureCode;
  readonly message: string;
}

/** The parsed `Authorization` header. */
export interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const AUTH_PREFIX = 'AWS4-HMAC-SHA256 ';
/** Parses an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export function parseAuthorization(value: string): { ok: true; value: ParsedAuthorization } | { ok: false; error: AuthFailure } {
  if (!value.startsWith(AUTH_PREFIX)) {
    return { ok: false, error: { code: 'incomplete', message: `Unsupported AWS 'algorithm': '${value.split(' ')[0] ?? ''}'` } };
  }
  const parts = new Map<string, string>();
  for (const piece of value.slice(AUTH_PREFIX.length).split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !parts.has(k));
  if (missing.length > 0) {
    const text = missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ');
    return { ok: false, error: { code: 'incomplete', message: `${text} Authorization=${value}` } };
  }
  const credential = (parts.get('Credential') ?? '').split('/');
  if (credential.length !== 5 || credential[4] !== 'aws4_request') {
    return {
      ok: false,
      error: { code: 'incomplete', message: `Credential should be scoped to a valid region. Authorization=${value}` },
    };
  }
  const [accessKeyId = '', date = '', region = '', service = ''] = credential;
  return {
    ok: true,
    value: {
      accessKeyId,
      date,
      region,
      service,
      signedHeaders: (parts.get('SignedHeaders') ?? '').split(';').filter((h) => h.length > 0),
      signature: parts.get('Signature') ?? '',
    },
  };
}

/** `yyyymmddThhmmssZ` → epoch ms, or undefined. */
export function parseAmzDate(v: string): number | undefined {
  const m = AMZ_DATE.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(t) ? undefined : t;
}

/** Epoch ms → `yyyymmddThhmmssZ`. */
export function formatAmzDate(t: number): string {
  return new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
