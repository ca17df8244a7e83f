/**
 * Test helper: signs a request the way the JS v3 SDK does (or with botocore's smaller header
 * set), producing the IncomingSigned shape the server verifies.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IncomingSigned } from '../../../src/server/sigv4.js';

export interface SignOptions {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  service?: string;
  date?: Date;
  host?: string;
  headers?: Record<string, string>;
  body: string;
  /** Add x-amz-content-sha256 as JS v3 does; false = botocore style (no payload header). */
  payloadHeader?: boolean;
  path?: string;
}

export async function signRequest(o: SignOptions): Promise<IncomingSigned> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, ...(o.sessionToken ? { sessionToken: o.sessionToken } : {}) },
    region: o.region ?? 'us-west-2',
    service: o.service ?? 'kms',
    sha256: Sha256,
    applyChecksum: o.payloadHeader ?? true,
  });
  const host = o.host ?? '127.0.0.1:4599';
  const req = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: o.path ?? '/',
    headers: { host, 'content-type': 'application/x-amz-json-1.1', ...o.headers },
    body: o.body,
  });
  const signed = await signer.sign(req, { signingDate: o.date ?? new Date() });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) headers[k.toLowerCase()] = v;
  return { method: 'POST', url: o.path ?? '/', headers, body: Buffer.from(o.body) };
}
