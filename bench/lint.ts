/**
 * Lint benchmark: policies linted per second on a generated corpus with every built-in rule on
 * (reading with positions and linting timed apart), and the cold start of `kms-authz lint
 * file.json`, `kms-authz explain` on the demo world and `kms-authz --help` against a bare
 * `node -e 0` (run `npm run build` first: the binary loads the CLI bundle).
 * Bounded: a fixed corpus and a fixed number of process starts, well under 20 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLint } from '../src/lint/index.js';
import type { LintInput } from '../src/model/lint.js';
import { readLintInputFromText } from '../src/sources/index.js';

const POLICIES = 1500;
const STARTS = 5;
const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:*', 'kms: Decrypt'];

/** A deterministic pseudo-random policy: a root statement plus 2–6 varied ones (some defective). */
function policy(i: number): unknown {
  const pick = <T>(xs: readonly T[], k: number): T => xs[(i * 7 + k * 13) % xs.length];
  const statements: unknown[] = [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNTS[0]}:root` }, Action: 'kms:*', Resource: '*' }];
  for (let k = 0; k < 2 + (i % 5); k++) {
    const s: Record<string, unknown> = {
      Sid: `S${String(k)}`,
      Effect: k % 4 === 3 ? 'Deny' : 'Allow',
      Principal: k % 3 === 0 ? '*' : { AWS: `arn:aws:iam::${pick(ACCOUNTS, k)}:role/r${String(k)}` },
      Action: [pick(ACTIONS, k), pick(ACTIONS, k + 1)],
      Resource: '*',
    };
    if (k % 2 === 0) s.Condition = { StringEquals: { 'kms:CallerAccount': pick(ACCOUNTS, k), 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' } };
    if (k % 5 === 4) s.Condition = { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['Department'] } };
    statements.push(s);
  }
  return { Version: '2012-10-17', Statement: statements };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeProcess(args: string[]): number {
  const t = process.hrtime.bigint();
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs the lint benchmark and prints its figures. */
export async function run(): Promise<void> {
  const texts = Array.from({ length: POLICIES }, (_, i) => JSON.stringify(policy(i), null, 2));
  // Best of three rounds after a warm-up: the figures are for a JIT-warm process, as in CI over many files.
  const read = (): LintInput[] => texts.map((text, i) => readLintInputFromText(text, `p${String(i)}.json`));
  runLint(read().slice(0, 500));
  // CPU time of this process (user + system), so that other work on a shared machine does not count.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let readMs = Infinity;
  let lintMs = Infinity;
  let findings = 0;
  for (let round = 0; round < 3; round++) {
    let t = cpu();
    const inputs = read();
    readMs = Math.min(readMs, cpu() - t);
    t = cpu();
    const results = runLint(inputs);
    lintMs = Math.min(lintMs, cpu() - t);
    findings = results.reduce((n, r) => n + r.findings.length, 0);
  }
  const perSec = (ms: number): string => Math.round((POLICIES / ms) * 1000).toLocaleString('en-US');
  console.log(`lint: ${String(POLICIES)} generated key policies of 3-7 statements (${String(findings)} findings, all built-in rules; CPU time, best of 3)`);
  console.log(`  read with positions   ${perSec(readMs)} policies/s per core (${readMs.toFixed(0)} ms)`);
  console.log(`  lint                  ${perSec(lintMs)} policies/s per core (${lintMs.toFixed(0)} ms)`);
  console.log(`  read + lint           ${perSec(readMs + lintMs)} policies/s per core`);

  const dir = mkdtempSync(join(tmpdir(), 'kms-authz-bench-'));
  const file = join(dir, 'key-policy.json');
  writeFileSync(file, texts[1]);
  const bin = fileURLToPath(new URL('../../bin/kms-authz.js', import.meta.url));
  const world = fileURLToPath(new URL('../../fixtures/demo/world.yaml', import.meta.url));
  const commands: [string, string[]][] = [
    ['kms-authz lint file.json', [bin, 'lint', file]],
    ['kms-authz explain (demo world)', [bin, 'explain', '--world', world, '--principal', 'arn:aws:iam::111122223333:user/Alice', '--action', 'kms:Decrypt', '--key', 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab']],
    ['kms-authz --help', [bin, '--help']],
  ];
  // Warm the file system cache once, then alternate so every command sees the same machine load.
  timeProcess(['-e', '0']);
  for (const [, args] of commands) timeProcess(args);
  const bare: number[] = [];
  const times = commands.map((): number[] => []);
  for (let i = 0; i < STARTS; i++) {
    bare.push(timeProcess(['-e', '0']));
    commands.forEach(([, args], k) => times[k].push(timeProcess(args)));
  }
  const b = median(bare);
  console.log(`  cold start (wall clock, median of ${String(STARTS)}): node -e 0 ${b.toFixed(0)} ms`);
  commands.forEach(([name], k) => {
    const m = median(times[k]);
    console.log(`    ${name.padEnd(32)} ${m.toFixed(0)} ms (${(m / b).toFixed(2)}x)`);
  });
  await Promise.resolve();
}
