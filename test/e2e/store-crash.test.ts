// The store under real process death and real multi-process contention. A child process (the compiled store in
// dist/, so run `npm run build` first) writes and acknowledges each transaction after tx() returns; we SIGKILL it
// mid-stream, reopen the file (WAL recovery) and require every acknowledged write, intact, plus integrity_check ok.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/backend/store/index.js';
import { storeWriterSource } from './helpers/store-writer.js';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = join(here, '..', '..', 'dist', 'src', 'backend', 'store', 'index.js');
let dir = '';

beforeAll(() => {
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run \`npm run build\` before the e2e tests`);
  dir = mkdtempSync(join(tmpdir(), 'kms-crash-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function child(args: string[]): ChildProcess {
  const source = storeWriterSource(pathToFileURL(compiled).href);
  return spawn(process.execPath, ['--input-type=module', '-e', source, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs the writer from `from`, kills it with SIGKILL after `killAfter` acks, and returns the acked ids. */
function writeThenKill(db: string, from: number, killAfter: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const p = child(['write', db, String(from)]);
    const acked: number[] = [];
    let buf = '';
    let stderr = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`writer produced only ${acked.length} acks in 60 s: ${stderr}`));
    }, 60_000);
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    p.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) acked.push(Number(l));
      if (acked.length >= killAfter && p.exitCode === null && !p.killed) p.kill('SIGKILL');
    });
    // 'close', not 'exit': acks already in the pipe when the kill lands must still be read.
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited ${code} ${signal}: ${stderr}`));
    });
  });
}

describe('SIGKILL mid-stream', () => {
  it('every acknowledged write survives three kills, and the store stays consistent', async () => {
    const db = join(dir, 'crash.db');
    let next = 0;
    const allAcked: number[] = [];
    for (const killAfter of [150, 37, 260]) {
      const acked = await writeThenKill(db, next, killAfter);
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      allAcked.push(...acked);
      const s = openStore({ path: db });
      let count: number;
      try {
        expect(s.checkIntegrity()).toEqual(['ok']);
        const found = s.tx((t) => {
          const missing: number[] = [];
          for (const i of allAcked) {
            const doc = t.get<{ i: number }>('keys', `k${String(i).padStart(8, '0')}`);
            const secret = t.getSecret(`s${i}`);
            if (doc?.i !== i || secret === undefined || new TextDecoder().decode(secret) !== `secret-${i}`) missing.push(i);
          }
          return { missing, count: t.list('keys').length };
        });
        expect(found.missing).toEqual([]);
        count = found.count;
        // Per round, at most the one transaction in flight at the kill committed without its ack being written.
        expect(acked[0]).toBe(next);
        expect(count - next - acked.length).toBeGreaterThanOrEqual(0);
        expect(count - next - acked.length).toBeLessThanOrEqual(1);
        // Atomicity: the document, the sequence step and the audit event of one tx are all there or none is.
        expect(s.readAudit().length).toBe(count);
      } finally {
        s.close();
      }
      const raw = new Database(db, { readonly: true });
      expect(raw.prepare("SELECT value FROM sequences WHERE name = 'writes'").pluck().get()).toBe(count);
      raw.close();
      next = count;
    }
  });
});

describe('two processes on one file', () => {
  it('serialize read-modify-write transactions through BEGIN IMMEDIATE + busy_timeout: no lost update', async () => {
    const db = join(dir, 'contend.db');
    openStore({ path: db }).close(); // create schema and key file first, so the children only contend on data
    const N = 300;
    const run = (name: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const p = child(['contend', db, String(N), name]);
        let out = '';
        let err = '';
        const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
        p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        p.on('exit', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(out.trim());
          else reject(new Error(`contender ${name} exited ${code}: ${err}`));
        });
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual(['done a', 'done b']);
    const s = openStore({ path: db });
    expect(s.tx((t) => t.get('meta', 'counter'))).toEqual({ n: 2 * N, by: { a: N, b: N } });
    expect(s.checkIntegrity()).toEqual(['ok']);
    s.close();
  });
});
