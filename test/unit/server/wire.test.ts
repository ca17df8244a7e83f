// Wire details of the KMS JSON 1.1 protocol (kms-api.md §4 and §8, recorded from AWS):
// https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html
import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../../src/server/admin.js';
import { CredentialStore, uniqueId } from '../../../src/server/credentials.js';
import { errorBody, kmsOperation, parseKmsBody } from '../../../src/server/wire.js';

describe('wire', () => {
  it('reads the operation from X-Amz-Target', () => {
    expect(kmsOperation('TrentService.GenerateDataKey')).toBe('GenerateDataKey');
    expect(kmsOperation('TrentService.')).toBeUndefined();
    expect(kmsOperation('DynamoDB_20120810.GetItem')).toBeUndefined();
    expect(kmsOperation('TrentService.Encrypt;x')).toBeUndefined();
    expect(kmsOperation(undefined)).toBeUndefined();
  });

  it('spells the message member as real KMS does per error type', () => {
    expect(JSON.parse(errorBody({ type: 'NotFoundException', message: 'm', status: 400 }))).toEqual({ __type: 'NotFoundException', message: 'm' });
    expect(JSON.parse(errorBody({ type: 'AccessDeniedException', message: 'm', status: 400 }))).toEqual({ __type: 'AccessDeniedException', Message: 'm' });
  });

  it('accepts an empty body as {} and keeps unknown members; refuses non-objects', () => {
    expect(parseKmsBody(Buffer.alloc(0))).toEqual({ ok: true, input: {} });
    expect(parseKmsBody(Buffer.from('{"KeyId":"k","Future":1}'))).toEqual({ ok: true, input: { KeyId: 'k', Future: 1 } });
    for (const bad of ['[]', '"s"', 'null', '{']) expect(parseKmsBody(Buffer.from(bad))).toMatchObject({ ok: false, error: { type: 'SerializationException', status: 400 } });
  });
});

describe('admin loopback check', () => {
  it('accepts 127/8 and ::1 only', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1'].map(isLoopback)).toEqual([true, true, true]);
    expect(['10.0.0.1', '::2', '1127.0.0.1', undefined].map(isLoopback)).toEqual([false, false, false, false]);
  });
});

describe('credential store', () => {
  const world = {
    principals: [
      { arn: 'arn:aws:iam::111122223333:user/Alice', type: 'user', accessKeys: [{ accessKeyId: 'AKIA1', secretAccessKey: 's1' }] },
      { arn: 'arn:aws:iam::111122223333:role/Ops', type: 'role' },
      { notAPrincipal: true },
    ],
  };

  it('maps world keys to principals and derives stable unique ids', () => {
    const store = new CredentialStore(world);
    expect(store.lookup('AKIA1')?.identity).toEqual({ principal: 'arn:aws:iam::111122223333:user/Alice', account: '111122223333', userId: uniqueId('AIDA', 'arn:aws:iam::111122223333:user/Alice') });
    expect(uniqueId('AIDA', 'x')).toBe(uniqueId('AIDA', 'x'));
    expect(uniqueId('AIDA', 'x')).not.toBe(uniqueId('AIDA', 'y'));
    expect(store.lookup('AKIA2')).toBeUndefined();
  });

  it('issues session credentials bound to the assumed-role ARN, which survive a world reload', () => {
    const store = new CredentialStore(world);
    const s = store.issueSession('arn:aws:iam::111122223333:role/Ops', 'night-shift', 900, 1_000_000, { Statement: [] });
    expect(s.assumedRoleArn).toBe('arn:aws:sts::111122223333:assumed-role/Ops/night-shift');
    expect(s.expiration.getTime()).toBe(1_000_000 + 900_000);
    expect(s.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    store.setWorld({ principals: [] });
    expect(store.lookup('AKIA1')).toBeUndefined();
    expect(store.lookup(s.accessKeyId)).toMatchObject({ sessionToken: s.sessionToken, identity: { roleArn: 'arn:aws:iam::111122223333:role/Ops', sessionPolicy: { Statement: [] } } });
    expect(store.sessionCount()).toBe(1);
  });
});
