// The buffered audit trail (backend/audit-sink.ts): calls that change nothing do not commit their event
// before answering, but every answered call's event is in the trail after a flush, after audit(), after
// close(), and within the flush delay; a state change commits its event (and those buffered) durably with it.
// CloudTrail's own delivery is asynchronous: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/backend/store/index.js';
import { admin, alice, b64, newKey, open, out } from '../ops/helpers.js';

const MASTER = new Uint8Array(32).fill(7);
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-audit-buf-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The events another connection sees in the file: what a crash right now would leave. */
function onDisk(path: string): { eventName: string; errorCode?: string }[] {
  const s = openStore({ path, masterKey: MASTER });
  try {
    return s.readAudit<{ eventName: string; errorCode?: string }>();
  } finally {
    s.close();
  }
}

describe('buffered audit trail', () => {
  it('holds read-only events until the flush, then writes all of them in order (store and file)', async () => {
    const path = join(dir, 'state.db');
    const file = join(dir, 'audit.jsonl');
    // A long delay, so the test (not the timer) decides when the batch is written.
    const kms = await open({ storePath: path, masterKey: MASTER, auditFile: file, auditFlushDelayMs: 60_000 });
    const k = await newKey(kms);
    expect(onDisk(path).map((e) => e.eventName)).toEqual(['CreateKey']);
    for (let i = 0; i < 5; i++) out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64(`p${String(i)}`) }, admin));
    const denied = await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, alice);
    expect(denied.ok).toBe(false);
    // Not yet written: the calls answered without a commit.
    expect(onDisk(path)).toHaveLength(1);
    kms.flushAudit();
    const names = onDisk(path).map((e) => `${e.eventName}${e.errorCode !== undefined ? `:${e.errorCode}` : ''}`);
    expect(names).toEqual(['CreateKey', ...Array<string>(5).fill('Encrypt'), 'Encrypt:AccessDeniedException']);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { eventName: string }).eventName);
    expect(lines).toEqual(['CreateKey', ...Array<string>(6).fill('Encrypt')]);
    await kms.close();
  });

  it('close() writes every buffered event', async () => {
    const path = join(dir, 'state.db');
    const kms = await open({ storePath: path, masterKey: MASTER, auditFlushDelayMs: 60_000 });
    const k = await newKey(kms);
    for (let i = 0; i < 20; i++) out(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin));
    await kms.close();
    expect(onDisk(path).map((e) => e.eventName)).toEqual(['CreateKey', ...Array<string>(20).fill('DescribeKey')]);
  });

  it('audit() reads after writing the buffer, so it lists every answered call', async () => {
    const kms = await open({ auditFlushDelayMs: 60_000 });
    const k = await newKey(kms);
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('a') }, admin));
    expect(kms.audit().map((e) => e.eventName)).toEqual(['CreateKey', 'Encrypt']);
    await kms.close();
  });

  it('a state change commits the buffered events and its own before it answers', async () => {
    const path = join(dir, 'state.db');
    const kms = await open({ storePath: path, masterKey: MASTER, auditFlushDelayMs: 60_000 });
    const k = await newKey(kms);
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('a') }, admin));
    out(await kms.call('TagResource', { KeyId: k.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] }, admin));
    expect(onDisk(path).map((e) => e.eventName)).toEqual(['CreateKey', 'Encrypt', 'TagResource']);
    await kms.close();
  });

  it('the timer writes the batch within its delay without any further call', async () => {
    const path = join(dir, 'state.db');
    const kms = await open({ storePath: path, masterKey: MASTER, auditFlushDelayMs: 5 });
    const k = await newKey(kms);
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('a') }, admin));
    await new Promise((r) => setTimeout(r, 100));
    expect(onDisk(path).map((e) => e.eventName)).toEqual(['CreateKey', 'Encrypt']);
    await kms.close();
  });
});

describe('buffered last usage', () => {
  it('GetKeyLastUsage sees a use at once; the record reaches the store with the batch', async () => {
    const path = join(dir, 'state.db');
    const kms = await open({ storePath: path, masterKey: MASTER, auditFlushDelayMs: 60_000 });
    const k = await newKey(kms);
    out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('a') }, admin));
    const u = out(await kms.call('GetKeyLastUsage', { KeyId: k.KeyId }, admin));
    expect(u.KeyLastUsage).toMatchObject({ Operation: 'Encrypt' });
    await kms.close();
    const again = await open({ storePath: path, masterKey: MASTER });
    expect(out(await again.call('GetKeyLastUsage', { KeyId: k.KeyId }, admin)).KeyLastUsage).toEqual(u.KeyLastUsage);
    await again.close();
  });
});
