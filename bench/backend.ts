/**
 * In-process throughput of the simulated KMS (`createKms`), authorization included on every call:
 * Encrypt, Decrypt and GenerateDataKey ops/s on the bundled demo world (SCP path, key policy naming the
 * caller), with an in-memory store and with a SQLite file (synchronous=FULL, WAL). Bounded by call count
 * and time per figure; prints figures, asserts nothing. CPU time per call (process.cpuUsage, user + system)
 * is printed beside the wall-clock rate: other load on the shared machine inflates the latter, not the former.
 * Audit events of these read-only calls are written in group transactions (src/backend/audit-sink.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKms, type Kms } from '../src/backend/kms.js';

const WORLD = 'fixtures/demo/world.yaml';
const CALLER = { principal: 'arn:aws:iam::111122223333:user/ExampleUser', region: 'us-west-2' };
const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const MAX_CALLS = 20_000;
const MAX_MS = 2_000;

async function measure(name: string, kms: Kms, op: string, input: Record<string, unknown>): Promise<void> {
  for (let i = 0; i < 200; i++) await kms.call(op, input, CALLER);
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  while (n < MAX_CALLS && performance.now() - start < MAX_MS) {
    const r = await kms.call(op, input, CALLER);
    if (!r.ok) throw new Error(`${op} failed: ${r.error.type}: ${r.error.message}`);
    n++;
  }
  const s = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuPerCall = (cpu.user + cpu.system) / n;
  console.log(`  ${name.padEnd(36)} ${String(Math.round(n / s)).padStart(7)} ops/s  (${String(n)} calls, ${(s * 1000 / n).toFixed(3)} ms/call, CPU ${cpuPerCall.toFixed(0)} µs/call)`);
}

async function suite(label: string, storePath?: string): Promise<void> {
  const kms = await createKms({ world: WORLD, defaultRegion: 'us-west-2', ...(storePath !== undefined ? { storePath } : {}) });
  const ec = { Department: 'IT' };
  const e = await kms.call('Encrypt', { KeyId: KEY, Plaintext: Buffer.alloc(64, 1).toString('base64'), EncryptionContext: ec }, CALLER);
  if (!e.ok) throw new Error(e.error.message);
  console.log(`backend (${label}):`);
  await measure('Encrypt (64 B, encryption context)', kms, 'Encrypt', { KeyId: KEY, Plaintext: Buffer.alloc(64, 1).toString('base64'), EncryptionContext: ec });
  await measure('Decrypt', kms, 'Decrypt', { CiphertextBlob: e.output.CiphertextBlob, EncryptionContext: ec });
  await measure('GenerateDataKey (AES_256)', kms, 'GenerateDataKey', { KeyId: 'alias/app', KeySpec: 'AES_256', EncryptionContext: ec });
  await kms.close();
}

/** Runs the backend suite. */
export async function run(): Promise<void> {
  await suite('in-memory store');
  const dir = mkdtempSync(join(tmpdir(), 'kms-bench-'));
  try {
    await suite('SQLite file, synchronous=FULL', join(dir, 'state.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await run();
