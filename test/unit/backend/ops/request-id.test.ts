// The audit event of a call carries the request id its endpoint answered with (x-amzn-RequestId),
// as CloudTrail's requestID matches the id the caller saw:
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
import { afterEach, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { admin, open } from './helpers.js';

let kms: Kms | undefined;
afterEach(async () => { await kms?.close(); kms = undefined; });

describe('request ids in the audit trail', () => {
  it('uses the caller-supplied request id, and a fresh one otherwise', async () => {
    kms = await open();
    await kms.call('ListKeys', {}, { ...admin, requestId: 'req-0001' });
    await kms.call('ListKeys', {}, admin);
    const events = kms.audit().filter((e) => e.eventName === 'ListKeys');
    expect(events.map((e) => e.requestID)[0]).toBe('req-0001');
    expect(events[1]?.requestID).toMatch(/^[0-9a-f-]{36}$/);
  });
});
