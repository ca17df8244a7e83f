// Shared world and callers for the backend operation tests (accounts as in AWS's documentation examples).
import { expect } from 'vitest';
import { createKms, type Kms, type KmsOptions, type KmsResult } from '../../../../src/backend/kms.js';

export const ACCT = '111122223333';
export const OTHER = '444455556666';
export const REGION = 'us-west-2';

const allKms = (_account: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });

export const WORLD = {
  accounts: [{ id: ACCT }, { id: OTHER }],
  principals: [
    { arn: `arn:aws:iam::${ACCT}:user/Admin`, type: 'user', policies: [allKms(ACCT)] },
    { arn: `arn:aws:iam::${ACCT}:user/Alice`, type: 'user', policies: [] },
    { arn: `arn:aws:iam::${ACCT}:user/Frank`, type: 'user', policies: [] },
    { arn: `arn:aws:iam::${ACCT}:role/Ops`, type: 'role', policies: [allKms(ACCT)] },
    { arn: `arn:aws:iam::${OTHER}:user/Bob`, type: 'user', policies: [allKms(OTHER)] },
    { arn: `arn:aws:iam::${OTHER}:user/Dave`, type: 'user', policies: [] },
  ],
  keys: [],
};

export const admin = { principal: `arn:aws:iam::${ACCT}:user/Admin`, region: REGION };
export const alice = { principal: `arn:aws:iam::${ACCT}:user/Alice`, region: REGION };
export const frank = { principal: `arn:aws:iam::${ACCT}:user/Frank`, region: REGION };
export const bob = { principal: `arn:aws:iam::${OTHER}:user/Bob`, region: REGION };
export const dave = { principal: `arn:aws:iam::${OTHER}:user/Dave`, region: REGION };

export function open(extra: KmsOptions = {}): Promise<Kms> {
  return createKms({ world: WORLD, defaultRegion: REGION, startTime: new Date('2026-01-01T00:00:00Z'), ...extra });
}

export function b64(s: string): string {
  return Buffer.from(s).toString('base64');
}

/** The output of a call that must succeed. */
export function out(r: KmsResult): Record<string, any> {
  if (!r.ok) throw new Error(`expected success, got ${r.error.type}: ${r.error.message}`);
  return r.output;
}

/** Asserts an error result by type (and message when given). */
export function expectError(r: KmsResult, type: string, message?: string | RegExp): void {
  expect(r.ok, r.ok ? JSON.stringify(r.output) : '').toBe(false);
  if (r.ok) return;
  expect(r.error.type).toBe(type);
  expect(r.error.status).toBe(type === 'KMSInternalException' ? 500 : 400);
  if (typeof message === 'string') expect(r.error.message).toBe(message);
  else if (message) expect(r.error.message).toMatch(message);
}

export async function newKey(kms: Kms, input: Record<string, unknown> = {}, caller = admin): Promise<{ KeyId: string; Arn: string } & Record<string, any>> {
  return out(await kms.call('CreateKey', input, caller)).KeyMetadata as { KeyId: string; Arn: string } & Record<string, any>;
}

export function policyAllowing(principal: string, actions: string[] | string, extra: object[] = []): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Direct', Effect: 'Allow', Principal: { AWS: principal }, Action: actions, Resource: '*' },
      ...extra,
    ],
  });
}
