// Every one of the 54 operations of the current KMS model (kms-api.md §1) is answered, validated and
// audited; an unknown operation is UnknownOperationException (HTTP 400) as the JSON protocol answers.
import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../../../../src/backend/operations/index.js';
import { KMS_OPERATIONS } from '../../../../src/catalogue/index.js';
import { SCHEMAS } from '../../../../src/backend/schemas.js';
import { KMS_ERRORS } from '../../../../src/backend/errors.js';
import { createKms, WorldError } from '../../../../src/backend/kms.js';
import { admin, expectError, open } from './helpers.js';

// The 54 operations, from the catalogue (test/unit/catalogue/actions.test.ts checks it against AWS's list).
const OPERATIONS = [...KMS_OPERATIONS];

describe('operation registry', () => {
  it('has a handler and a schema for each of the 54 operations, and nothing else', () => {
    expect(OPERATIONS).toHaveLength(54);
    expect(Object.keys(HANDLERS).sort()).toEqual([...OPERATIONS].sort());
    expect(Object.keys(SCHEMAS).sort()).toEqual([...OPERATIONS].sort());
  });

  it('maps every client error to 400 and internal failures to 500', () => {
    for (const [type, status] of Object.entries(KMS_ERRORS)) expect(status, type).toBe(type === 'KMSInternalException' || type === 'KeyUnavailableException' || type === 'DependencyTimeoutException' ? 500 : 400);
  });

  it('answers an unknown operation, validates every operation before acting, counts and audits every call', async () => {
    const kms = await open();
    expectError(await kms.call('FlyToTheMoon', {}, admin), 'UnknownOperationException', '');
    for (const op of OPERATIONS) {
      const first = Object.keys(SCHEMAS[op])[0];
      const r = await kms.call(op, { [first]: [1] }, admin);
      expect(r.ok, op).toBe(false);
      if (!r.ok) expect(r.error.type, `${op}: ${r.error.message}`).toBe('SerializationException');
    }
    expect(kms.callCounts().Encrypt).toBe(1);
    const events = kms.audit();
    expect(events).toHaveLength(55);
    expect(events[0]).toMatchObject({ eventSource: 'kms.amazonaws.com', eventName: 'FlyToTheMoon', errorCode: 'UnknownOperationException', eventType: 'AwsApiCall' });
    await kms.close();
  });

  it('refuses an invalid world with diagnostics, not a stack trace', async () => {
    const e: unknown = await createKms({ world: { accounts: 'nope' } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorldError);
    expect((e as WorldError).diagnostics[0]).toMatchObject({ severity: 'error', pointer: '/accounts' });
    const f: unknown = await createKms({ world: '/nonexistent/world.yaml' }).catch((x: unknown) => x);
    expect(f).toBeInstanceOf(WorldError);
  });
});
