// Acknowledged state changes of the simulated KMS survive SIGKILL. A child process (the compiled backend in
// dist/, so run `npm run build` first) drives createKms over a SQLite file: CreateKey, TagResource, CreateGrant,
// with Encrypts in between (whose audit events are buffered, audit-sink.ts); it prints an acknowledgement only
// after call() resolved. We kill it mid-stream, reopen the file, and require every acknowledged change and its
// audit event. https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html (KMS state is durable)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKms } from '../../src/backend/kms.js';
import { admin, alice, REGION, WORLD } from '../unit/backend/ops/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = join(here, '..', '..', 'dist', 'src', 'backend', 'kms.js');
let dir = '';

beforeAll(() => {
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run \`npm run build\` before the e2e tests`);
  dir = mkdtempSync(join(tmpdir(), 'kms-crash-kms-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The child: endless (bounded) CreateKey → TagResource → CreateGrant → Encrypt rounds, acks after each resolves. */
function childSource(kmsUrl: string): string {
  return `
import { writeSync } from 'node:fs';
import { createKms } from ${JSON.stringify(kmsUrl)};
const [world, path] = process.argv.slice(1);
const admin = ${JSON.stringify(admin)};
const kms = await createKms({ world, storePath: path, defaultRegion: ${JSON.stringify(REGION)} });
const must = (r) => { if (!r.ok) throw new Error(r.error.type + ': ' + r.error.message); return r.output; };
for (let i = 0; i < 5000; i++) {
  const k = must(await kms.call('CreateKey', { Description: 'crash ' + i }, admin)).KeyMetadata.KeyId;
  writeSync(1, 'key ' + k + '\\n');
  must(await kms.call('TagResource', { KeyId: k, Tags: [{ TagKey: 'round', TagValue: String(i) }] }, admin));
  writeSync(1, 'tag ' + k + ' ' + i + '\\n');
  const g = must(await kms.call('CreateGrant', { KeyId: k, GranteePrincipal: ${JSON.stringify(alice.principal)}, Operations: ['Encrypt'] }, admin)).GrantId;
  writeSync(1, 'grant ' + k + ' ' + g + '\\n');
  must(await kms.call('Encrypt', { KeyId: k, Plaintext: 'eA==' }, admin));
}
`;
}

interface Acks {
  keys: string[];
  tags: Map<string, string>;
  grants: Map<string, string>;
}

function runThenKill(world: string, db: string, killAfter: number): Promise<Acks> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', childSource(pathToFileURL(compiled).href), world, db], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Acks = { keys: [], tags: new Map(), grants: new Map() };
    let n = 0;
    let buf = '';
    let stderr = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`child produced only ${String(n)} acks in 60 s: ${stderr}`));
    }, 60_000);
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        const [kind, key = '', extra = ''] = l.split(' ');
        if (kind === 'key') acks.keys.push(key);
        else if (kind === 'tag') acks.tags.set(key, extra);
        else if (kind === 'grant') acks.grants.set(key, extra);
        n++;
      }
      if (n >= killAfter && p.exitCode === null && !p.killed) p.kill('SIGKILL');
    });
    // 'close', not 'exit': acknowledgements already in the pipe when the kill lands must still be read.
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`child exited ${String(code)} ${String(signal)}: ${stderr}`));
    });
  });
}

describe('createKms under SIGKILL', () => {
  it('every acknowledged CreateKey, TagResource and CreateGrant (and its audit event) survives two kills', async () => {
    const world = join(dir, 'world.json');
    writeFileSync(world, JSON.stringify(WORLD));
    const db = join(dir, 'state.db');
    const all: Acks = { keys: [], tags: new Map(), grants: new Map() };
    for (const killAfter of [40, 71]) {
      const acks = await runThenKill(world, db, killAfter);
      expect(acks.keys.length + acks.tags.size + acks.grants.size).toBeGreaterThanOrEqual(killAfter);
      all.keys.push(...acks.keys);
      for (const [k, v] of acks.tags) all.tags.set(k, v);
      for (const [k, v] of acks.grants) all.grants.set(k, v);
    }
    const kms = await createKms({ world, storePath: db, defaultRegion: REGION });
    try {
      for (const k of all.keys) {
        const d = await kms.call('DescribeKey', { KeyId: k }, admin);
        expect(d.ok, k).toBe(true);
      }
      for (const [k, round] of all.tags) {
        const t = await kms.call('ListResourceTags', { KeyId: k }, admin);
        expect(t.ok && t.output.Tags, k).toEqual([{ TagKey: 'round', TagValue: round }]);
      }
      for (const [k, grantId] of all.grants) {
        const g = await kms.call('ListGrants', { KeyId: k }, admin);
        expect(g.ok && (g.output.Grants as { GrantId: string }[]).map((x) => x.GrantId), k).toContain(grantId);
      }
      const events = kms.audit().filter((e) => e.errorCode === undefined);
      const created = new Set(events.filter((e) => e.eventName === 'CreateKey').map((e) => (e.responseElements?.keyMetadata as { KeyId: string }).KeyId));
      for (const k of all.keys) expect(created.has(k), `CreateKey event of ${k}`).toBe(true);
      const tagged = events.filter((e) => e.eventName === 'TagResource').length;
      expect(tagged).toBeGreaterThanOrEqual(all.tags.size);
    } finally {
      await kms.close();
    }
  });
});
