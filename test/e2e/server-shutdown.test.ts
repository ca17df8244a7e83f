// `kms-authz serve` as a child process: it prints its address once ready, and on SIGTERM stops
// accepting, drains in-flight requests and closes the store, so every acknowledged write survives a
// restart on the same state file. Runs the built CLI (dist/, built by `npm install`/`npm run build`).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/backend/store/index.js';
import { APP_KEY, EXAMPLE_USER, kms, OPS, testWorld } from './server-world.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'kms-authz.js');

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function serve(args: string[], cwd = ROOT): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /kms-authz listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1] !== undefined) resolve({ child, url: m[1], stderr: () => err, exited });
    });
    void exited.then((code) => {
      reject(new Error(`serve exited (${String(code)}) before listening: ${err}`));
    });
  });
}

describe('kms-authz serve process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kms-authz-serve-'));
  const world = join(dir, 'world.json');
  const state = join(dir, 'state.db');
  writeFileSync(world, JSON.stringify(testWorld()));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is built', () => {
    expect(existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
  });

  it('keeps every acknowledged write across a SIGTERM shutdown and restart', async () => {
    const first = await serve(['--world', world, '--state', state]);
    const client = kms(first.url, OPS);
    const attempts = Array.from({ length: 20 }, (_, i) => client.send(new CreateKeyCommand({ Description: `shutdown ${String(i)}` })));
    await Promise.race(attempts);
    first.child.kill('SIGTERM');
    const settled = await Promise.allSettled(attempts);
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toContain('SIGTERM: draining in-flight requests and closing the store');
    const acked = settled.flatMap((s) => (s.status === 'fulfilled' && s.value.KeyMetadata?.Arn !== undefined ? [s.value.KeyMetadata.Arn] : []));
    expect(acked.length).toBeGreaterThan(0);

    const second = await serve(['--world', world, '--state', state]);
    try {
      const again = kms(second.url, OPS);
      for (const arn of acked) {
        const d = await again.send(new DescribeKeyCommand({ KeyId: arn }));
        expect(d.KeyMetadata?.Arn).toBe(arn);
      }
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
  });

  it('writes the buffered audit events of every answered call when SIGTERM closes it', async () => {
    // Read-only calls answer before their audit event is written (backend/audit-sink.ts); the graceful
    // shutdown must write them all before the process exits.
    const auditState = join(dir, 'audit-state.db');
    const served = await serve(['--world', world, '--state', auditState]);
    const user = kms(served.url, EXAMPLE_USER);
    const N = 30;
    await Promise.all(Array.from({ length: N }, (_, i) => user.send(new EncryptCommand({ KeyId: APP_KEY, Plaintext: Buffer.from(`m${String(i)}`) }))));
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    const store = openStore({ path: auditState });
    try {
      const events = store.readAudit<{ eventName: string; errorCode?: string }>();
      expect(events.filter((e) => e.eventName === 'Encrypt' && e.errorCode === undefined)).toHaveLength(N);
    } finally {
      store.close();
    }
  });

  it('serves the bundled demo world with state under .kms-authz/ when given no world or state', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const served = await serve([], cwd);
    try {
      const user = kms(served.url, EXAMPLE_USER);
      const enc = await user.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: Buffer.from('demo') }));
      const dec = await user.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
      expect(Buffer.from(dec.Plaintext ?? []).toString()).toBe('demo');
      expect(existsSync(join(cwd, '.kms-authz', 'state.db'))).toBe(true);
    } finally {
      served.child.kill('SIGTERM');
      expect(await served.exited).toBe(0);
    }
  });

  it('refuses an unreadable world with exit code 2 and file:line:column diagnostics', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'principals: [ {arn: x\n');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--world', bad, '--state', join(dir, 'bad.db')], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.yaml:2:1: error: invalid YAML/);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
