/**
 * Shared by the server end-to-end tests: the bundled demo world plus a few test principals,
 * SDK clients pointed at an in-process server, and the admin path.
 */
import { readFileSync } from 'node:fs';
import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';
import { parse } from 'yaml';
import { demoWorldPath } from '../../src/server/start.js';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const ACCOUNT = '111122223333';
export const PARTNER = '444455556666';
export const REGION = 'us-west-2';
export const APP_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const DISABLED_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/4444dddd-44dd-55ee-88ff-444444444444`;

/** Demo credentials, exactly as fixtures/demo/world.yaml lists them. */
export const ALICE: Creds = { accessKeyId: 'AKIAALICEDEMO0000001', secretAccessKey: 'alice-demo-secret-key-do-not-use-in-aws' };
export const EXAMPLE_USER: Creds = { accessKeyId: 'AKIAEXAMPLEUSERDEMO1', secretAccessKey: 'exampleuser-demo-secret-key-do-not-use-in-aws' };
export const BOB: Creds = { accessKeyId: 'AKIABOBDEMO000000001', secretAccessKey: 'bob-demo-secret-key-do-not-use-in-aws' };
/** Test-only principals added on top of the demo world. */
export const OPS: Creds = { accessKeyId: 'AKIAOPSTEST000000001', secretAccessKey: 'ops-test-secret' };
export const ATTACHER: Creds = { accessKeyId: 'AKIAATTACHERTEST0001', secretAccessKey: 'attacher-test-secret' };
export const OPS_ARN = `arn:aws:iam::${ACCOUNT}:user/Ops`;
/** Stands in for the principal EC2 uses to attach a volume (the grantee of EBS's grant). */
export const ATTACHER_ARN = `arn:aws:iam::${ACCOUNT}:user/VolumeAttacher`;

interface RawWorld {
  principals: { arn: string; type?: string; policies?: unknown[]; accessKeys?: Creds[] }[];
}

/**
 * The demo world plus: Ops (an administrator whose identity policy allows kms:*), VolumeAttacher,
 * and, for the EBS troubleshooting case, ExampleUser allowed kms:CreateGrant on the disabled key
 * when the grant is for an AWS resource.
 */
export function testWorld(): object {
  const world = parse(readFileSync(demoWorldPath(), 'utf8')) as RawWorld;
  world.principals.push(
    { arn: OPS_ARN, type: 'user', accessKeys: [OPS], policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }] },
    { arn: ATTACHER_ARN, type: 'user', accessKeys: [ATTACHER], policies: [] },
  );
  const example = world.principals.find((p) => p.arn.endsWith(':user/ExampleUser'));
  example?.policies?.push({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: DISABLED_KEY, Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } }],
  });
  return world;
}

/** A KMS client for `creds` against `url`, without retries (so each error is the server's answer). */
export function kms(url: string, creds: Creds, extra: { systemClockOffset?: number } = {}): KMSClient {
  return new KMSClient({ region: REGION, endpoint: url, credentials: creds, maxAttempts: 1, ...extra });
}

/** An STS client for `creds` against `url`. */
export function sts(url: string, creds: Creds): STSClient {
  return new STSClient({ region: REGION, endpoint: url, credentials: creds, maxAttempts: 1 });
}

/** Calls the admin path. */
export async function admin(url: string, route: string, body?: object): Promise<unknown> {
  const res = await fetch(`${url}/_kms-authz/${route}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`admin ${route}: HTTP ${String(res.status)} ${await res.text()}`);
  return res.json();
}

/** The rejection of a promise (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

/** Adds signed integrated-service headers to every request of a client (a build-step middleware runs before signing). */
export function asService(client: KMSClient, headers: Record<string, string>): KMSClient {
  client.middlewareStack.add(
    (next) => (args) => {
      const req = args.request as { headers: Record<string, string> };
      Object.assign(req.headers, headers);
      return next(args);
    },
    { step: 'build', name: 'kmsAuthzServiceHeaders' },
  );
  return client;
}
