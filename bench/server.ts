/**
 * Load benchmark of `kms-authz serve`: signed Encrypt requests per second and p50/p99 latency,
 * with SigV4 verification and full authorization (SCP, key policy delegating to IAM, identity
 * policy) on every request. Loopback only; bounded by request count and time; stops by itself.
 * Requests are pre-signed with @smithy/signature-v4 (not the full SDK) so the client spends
 * its share of the 2 cores on HTTP only; AWS accepts a signature for 5 minutes, so reuse is valid.
 * The server runs in its own process, as `kms-authz serve` does, so client and server do not share
 * one JavaScript thread; its CPU time per request is printed too, a figure that other load on the
 * machine does not inflate the way it inflates wall-clock req/s. Modes: `full` (in-memory store), `file`
 * (SQLite state file, WAL, synchronous=FULL, as `kms-authz serve --state` runs), `protocol` (no backend work).
 */
import { createHash, createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { parse } from 'yaml';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen } from '../src/server/listen.js';
import type { ServedKms } from '../src/server/ports.js';
import { demoWorldPath, startServer } from '../src/server/start.js';
import { createTrustEvaluator, foundationCompiler } from '../src/server/trust.js';

const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const BENCH = { accessKeyId: 'AKIABENCHDEMO0000001', secretAccessKey: 'bench-demo-secret' };
const CONCURRENCY = 8;
const MAX_REQUESTS = 6000;
const MAX_MS = 8_000;
const WARMUP = 300;

class NodeSha256 {
  private readonly h;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : new Uint8Array(secret instanceof ArrayBuffer ? secret : secret.buffer));
  }
  update(d: Uint8Array): void {
    this.h.update(d);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
  reset(): void {
    // single use
  }
}

function benchWorld(): object {
  const world = parse(readFileSync(demoWorldPath(), 'utf8')) as { principals: object[] };
  world.principals.push({
    arn: 'arn:aws:iam::111122223333:user/Bench',
    type: 'user',
    accessKeys: [BENCH],
    policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: KEY }] }],
  });
  return world;
}

interface Prepared {
  headers: Record<string, string>;
  body: string;
}

async function presign(port: number, n: number): Promise<Prepared[]> {
  const signer = new SignatureV4({ credentials: BENCH, region: 'us-west-2', service: 'kms', sha256: NodeSha256, applyChecksum: true });
  const out: Prepared[] = [];
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({ KeyId: KEY, Plaintext: Buffer.from(`bench payload ${String(i)}`).toString('base64'), EncryptionContext: { purpose: 'bench' } });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: '/',
        headers: { host: `127.0.0.1:${String(port)}`, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Encrypt', 'content-length': String(Buffer.byteLength(body)) },
        body,
      }),
    );
    out.push({ headers: signed.headers, body });
  }
  return out;
}

function send(agent: Agent, port: number, p: Prepared): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: p.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', reject);
    req.end(p.body);
  });
}

interface ChildMessage {
  port: number;
}

type Mode = 'full' | 'file' | 'protocol';

/**
 * The baseline for `protocol` mode: a backend that answers Encrypt without crypto or policy, so
 * the figure isolates HTTP + JSON + SigV4 verification (the part local-kms's figure compares to).
 */
function protocolOnlyBackend(): ServedKms {
  let now = Date.now();
  return {
    call: (_op, input) => Promise.resolve({ ok: true, output: { KeyId: KEY, CiphertextBlob: input.Plaintext, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' } }),
    clock: { now: () => new Date(now), set: (t) => { now = t.getTime(); }, advance: (ms) => { now += ms; } },
    callCounts: () => ({}),
    audit: () => [],
    reloadWorld: () => Promise.resolve({ ok: true }),
    close: () => Promise.resolve(),
  };
}

/** Starts the server in a child process; resolves with its port, pid and a stop function. */
async function serverProcess(mode: Mode): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, KMS_AUTHZ_BENCH_SERVER: mode },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve((JSON.parse(line) as ChildMessage).port);
    });
    child.once('error', reject);
    void exited.then(() => {
      reject(new Error('bench: the server process exited before listening'));
    });
  });
  return {
    port,
    pid: child.pid ?? 0,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/**
 * CPU seconds (user + system) a process has used, split into its main (JavaScript) thread and its other
 * threads (V8's garbage-collection and compiler helpers, libuv), from /proc (Linux; USER_HZ is 100 there).
 * Undefined elsewhere: the figure is then omitted.
 */
function cpuSeconds(pid: number): { main: number; other: number } | undefined {
  try {
    const out = { main: 0, other: 0 };
    for (const task of readdirSync(`/proc/${String(pid)}/task`)) {
      const stat = readFileSync(`/proc/${String(pid)}/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const s = (Number(fields[11]) + Number(fields[12])) / 100;
      if (task === String(pid)) out.main += s;
      else out.other += s;
    }
    return out;
  } catch {
    return undefined;
  }
}

const childMode = process.env.KMS_AUTHZ_BENCH_SERVER as Mode | undefined;
if (childMode !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  const stateDir = childMode === 'file' ? mkdtempSync(join(tmpdir(), 'kms-bench-serve-')) : undefined;
  const server =
    childMode === 'protocol'
      ? await listen({ kms: protocolOnlyBackend(), world: benchWorld(), trust: createTrustEvaluator(foundationCompiler()), port: 0 })
      : await startServer({ world: benchWorld(), port: 0, ...(stateDir !== undefined ? { statePath: join(stateDir, 'state.db') } : {}) });
  process.stdin.resume();
  process.stdin.once('end', () => {
    void server.close().then(() => {
      if (stateDir !== undefined) rmSync(stateDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.stdout.write(`${JSON.stringify({ port: server.port } satisfies ChildMessage)}\n`);
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  await measure('full');
  await measure('file');
  await measure('protocol');
}

async function measure(mode: Mode): Promise<void> {
  const server = await serverProcess(mode);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const pool = await presign(server.port, 64);
    for (let i = 0; i < WARMUP; i++) {
      const status = await send(agent, server.port, pool[i % pool.length] ?? pool[0]);
      if (status !== 200) throw new Error(`bench: warm-up Encrypt answered HTTP ${String(status)}`);
    }
    const latencies: number[] = [];
    let issued = 0;
    let failed = 0;
    const cpuBefore = cpuSeconds(server.pid);
    const start = performance.now();
    const worker = async (): Promise<void> => {
      while (issued < MAX_REQUESTS && performance.now() - start < MAX_MS) {
        const p = pool[issued++ % pool.length] ?? (pool[0]);
        const t0 = performance.now();
        const status = await send(agent, server.port, p);
        latencies.push(performance.now() - t0);
        if (status !== 200) failed++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = (performance.now() - start) / 1000;
    const cpuAfter = cpuSeconds(server.pid);
    let cpu = '';
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      const main = cpuAfter.main - cpuBefore.main;
      const total = main + cpuAfter.other - cpuBefore.other;
      const us = (sec: number): string => (sec * 1e6 / latencies.length).toFixed(0);
      cpu =
        `; server CPU ${us(total)} µs/request (main thread ${us(main)}, helper threads ${us(total - main)}; ` +
        `≈ ${(latencies.length / Math.max(total, 0.01)).toFixed(0)} req/s per idle core)`;
    }
    latencies.sort((a, b) => a - b);
    const pct = (q: number): string => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2);
    const what = {
      full: 'SigV4 + full authorization + AES-GCM + audit (group-written), in-memory store',
      file: 'as full, SQLite state file with synchronous=FULL',
      protocol: 'SigV4 + HTTP/JSON only, no backend work',
    }[mode];
    console.log(
      `server (${mode}): ${String(latencies.length)} signed Encrypt requests (${what}), ${String(CONCURRENCY)} keep-alive clients: ` +
        `${(latencies.length / elapsed).toFixed(0)} req/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, ${String(failed)} non-200${cpu}`,
    );
  } finally {
    agent.destroy();
    await server.stop();
  }
}
