/**
 * `npm run bench` suite `authorize`: decisions per second (one core, trace off) and peak memory for
 * (a) one request repeated and (b) 1,000 principals × 10 actions, on a realistic world (a key with
 * the console default statements, a cross-account role, SCPs three levels deep, a constrained grant),
 * and the start-up time of `kms-authz explain` against a bare `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { authorize } from '../src/authorize/index.js';
import type { AuthzRequest } from '../src/model/decision.js';
import { compileWorld } from '../src/world/compile.js';
import type { World } from '../src/world/types.js';

const A = '111122223333';
const B = '444455556666';
const KEY = `arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ReEncryptFrom', 'kms:CreateGrant', 'kms:ListGrants', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:GetKeyPolicy'];

/** A realistic world with `extraPrincipals` more IAM users (half allowed by identity policies). */
export function benchWorld(extraPrincipals: number): World {
  const pol = (...s: object[]): object => ({ Version: '2012-10-17', Statement: s });
  const users = Array.from({ length: extraPrincipals }, (_, i) => ({
    arn: `arn:aws:iam::${A}:user/user${String(i)}`, type: 'user' as const, tags: { team: i % 2 === 0 ? 'red' : 'blue' },
    policies: i % 2 === 0 ? [pol({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*'], Resource: `arn:aws:kms:us-west-2:${A}:key/*` })] : [],
  }));
  return {
    accounts: [{ id: A }, { id: B }],
    organization: {
      id: 'o-exampleorgid', managementAccountId: '999988887777',
      nodes: [
        { id: 'r-root', type: 'ROOT' },
        { id: 'ou-a', type: 'OU', parent: 'r-root', scps: ['FullAWSAccess', pol({ Sid: 'NoLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' })] },
        { id: 'ou-b', type: 'OU', parent: 'ou-a', scps: ['FullAWSAccess', pol({ Sid: 'NoKeyDisabling', Effect: 'Deny', Action: 'kms:DisableKey', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'admin' } } })] },
        { id: A, type: 'ACCOUNT', parent: 'ou-b' },
        { id: B, type: 'ACCOUNT', parent: 'ou-a' },
      ],
    },
    principals: [
      ...users,
      { arn: `arn:aws:iam::${A}:user/KMSAdminUser`, type: 'user' },
      { arn: `arn:aws:iam::${B}:role/Engineering`, type: 'role', policies: [pol({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:DescribeKey'], Resource: KEY })] },
    ],
    keys: [{
      arn: KEY,
      policy: pol(
        { Sid: 'Enable IAM policies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/KMSAdminUser` }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' },
        { Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:user/user1`, `arn:aws:iam::${B}:root`] }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' },
        { Sid: 'Allow attachment of persistent resources', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/user1` }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
      ),
      grants: [{ grantId: 'g-1', granteePrincipal: `arn:aws:iam::${A}:user/user3`, operations: ['Decrypt'], constraints: { EncryptionContextSubset: { Department: 'IT' } } }],
      aliases: ['alias/finance'],
      tags: { Project: 'alpha' },
    }],
    vpcEndpoints: [],
  };
}

/** Decisions per second of this process's CPU time (the machine may be shared; wall time is printed too). */
function rate(n: number, ms: number, cpuMicros: number): string {
  const per = (x: number): string => Math.round(x).toLocaleString('en-US');
  return `${per((n / cpuMicros) * 1e6)} decisions/s of CPU (${per((n / ms) * 1000)}/s wall)`;
}

function cpu(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Peak resident set size of the process so far, and the heap in use now. */
function peakMb(): string {
  return `peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timeSpawn(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Runs the suite and prints its figures. */
export function run(): Promise<void> {
  const world = compileWorld(benchWorld(1000));
  const one: AuthzRequest = { principal: `arn:aws:sts::${B}:assumed-role/Engineering/bob`, action: 'kms:Decrypt', resource: KEY };
  for (let i = 0; i < 50_000; i++) authorize(world, one);
  const n1 = 1_000_000;
  let c0 = cpu();
  let t0 = performance.now();
  let allowed = 0;
  for (let i = 0; i < n1; i++) if (authorize(world, one).decision === 'Allow') allowed++;
  const ms1 = performance.now() - t0;
  console.log(`authorize (a) one cross-account request repeated: ${rate(n1, ms1, cpu() - c0)} (${String(n1)} decisions, ${String(allowed)} Allow), ${peakMb()}`);

  const requests: AuthzRequest[] = [];
  for (let p = 0; p < 1000; p++) for (const action of ACTIONS) requests.push({ principal: `arn:aws:iam::${A}:user/user${String(p)}`, action, resource: KEY, encryptionContext: { Department: 'IT' } });
  for (const r of requests) authorize(world, r);
  const rounds = 20;
  c0 = cpu();
  t0 = performance.now();
  const counts = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  for (let k = 0; k < rounds; k++) for (const r of requests) counts[authorize(world, r).decision]++;
  const ms2 = performance.now() - t0;
  console.log(`authorize (b) 1,000 principals × 10 actions: ${rate(requests.length * rounds, ms2, cpu() - c0)} (${JSON.stringify(counts)}), ${peakMb()}`);

  const big = compileWorld(benchWorld(10_000));
  for (let i = 0; i < 50_000; i++) authorize(big, one);
  c0 = cpu();
  t0 = performance.now();
  for (let i = 0; i < 200_000; i++) authorize(big, one);
  console.log(`authorize (a) with 10,000 principals in the world: ${rate(200_000, performance.now() - t0, cpu() - c0)}`);

  const dir = mkdtempSync(join(tmpdir(), 'kms-authz-bench-'));
  const worldFile = join(dir, 'world.json');
  writeFileSync(worldFile, JSON.stringify(benchWorld(3)));
  const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'kms-authz.js');
  const bare = timeSpawn(['-e', '0'], 7);
  const cli = timeSpawn([bin, 'explain', '--world', worldFile, '--principal', one.principal, '--action', 'kms:Decrypt', '--key', KEY], 7);
  console.log(`explain start-up: ${cli.toFixed(0)} ms vs node -e 0: ${bare.toFixed(0)} ms (${(cli / bare).toFixed(2)}×, median of 7)`);
  return Promise.resolve();
}
