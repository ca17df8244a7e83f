/**
 * `npm run bench` suite `compare` (issue 3): our evaluator's decisions per second measured side by side,
 * in one run, with @cloud-copilot/iam-simulate (AGPL; used only as a comparator, as a devDependency:
 * nothing of it is copied or shipped). Both evaluate the same world as bench/authorize.ts builds it
 * (key policy with the console default statements, a cross-account role, SCPs three levels deep)
 * over the same mix of requests, and must agree on Allow/deny for each; any disagreement is printed.
 * The world's one grant is dropped: iam-simulate has no KMS grants, so the workload is one both express.
 * SCP evaluation: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { authorize } from '../src/authorize/index.js';
import type { AuthzRequest, DecisionKind } from '../src/model/decision.js';
import { compileWorld } from '../src/world/compile.js';
import { FULL_AWS_ACCESS } from '../src/world/policies.js';
import type { PolicyInput, World } from '../src/world/types.js';
import { benchWorld } from './authorize.js';

const A = '111122223333';
const B = '444455556666';

/** One request of the mix: the caller, the IAM identity whose policies apply, and its context. */
interface MixEntry {
  readonly principal: string;
  readonly identity: string;
  readonly action: string;
  readonly context: Readonly<Record<string, string>>;
}

const ROLE = `arn:aws:iam::${B}:role/Engineering`;
const SESSION = `arn:aws:sts::${B}:assumed-role/Engineering/bob`;
const user = (name: string): string => `arn:aws:iam::${A}:user/${name}`;
const admin = user('KMSAdminUser');
const MIX: readonly MixEntry[] = [
  { principal: SESSION, identity: ROLE, action: 'kms:Decrypt', context: {} },
  { principal: SESSION, identity: ROLE, action: 'kms:Encrypt', context: {} },
  { principal: SESSION, identity: ROLE, action: 'kms:GenerateDataKey', context: {} },
  { principal: SESSION, identity: ROLE, action: 'kms:ScheduleKeyDeletion', context: {} },
  { principal: user('user0'), identity: user('user0'), action: 'kms:Decrypt', context: { 'aws:PrincipalTag/team': 'red' } },
  { principal: user('user1'), identity: user('user1'), action: 'kms:CreateGrant', context: { 'aws:PrincipalTag/team': 'blue', 'kms:GrantIsForAWSResource': 'true' } },
  { principal: user('user1'), identity: user('user1'), action: 'kms:CreateGrant', context: { 'aws:PrincipalTag/team': 'blue' } },
  { principal: user('user2'), identity: user('user2'), action: 'kms:DisableKey', context: { 'aws:PrincipalTag/team': 'red' } },
  { principal: user('user3'), identity: user('user3'), action: 'kms:Decrypt', context: { 'aws:PrincipalTag/team': 'blue' } },
  { principal: admin, identity: admin, action: 'kms:DisableKey', context: {} },
  { principal: admin, identity: admin, action: 'kms:PutKeyPolicy', context: {} },
];

/** The managed-policy names a world may use, as documents for iam-simulate. */
function doc(p: PolicyInput): unknown {
  return p === 'FullAWSAccess' ? FULL_AWS_ACCESS : p;
}

/** The SCPs of `account`, root first and the account last, as iam-simulate takes them. */
function scpChain(world: World, account: string): Simulation['serviceControlPolicies'] {
  const nodes = world.organization?.nodes ?? [];
  const chain: Simulation['serviceControlPolicies'] = [];
  for (let id: string | undefined = account; id !== undefined;) {
    const node = nodes.find((n) => n.id === id);
    if (node === undefined) break;
    const scps = node.scps ?? ['FullAWSAccess'];
    chain.unshift({ orgIdentifier: node.id, policies: scps.map((p, i) => ({ name: `${node.id}-${String(i)}`, policy: doc(p) })) });
    id = node.parent;
  }
  return chain;
}

/** iam-simulate's input for one request of the mix, built once from the same world. */
function simulation(world: World, e: MixEntry): Simulation {
  const key = world.keys[0];
  if (key === undefined) throw new Error('bench world has no key');
  const who = world.principals.find((p) => p.arn === e.identity);
  const account = e.identity.split(':')[4] ?? '';
  return {
    request: { principal: e.principal, action: e.action, resource: { resource: key.arn, accountId: A }, contextVariables: { ...e.context } },
    identityPolicies: (who?.policies ?? []).map((p, i) => ({ name: `identity-${String(i)}`, policy: doc(p) })),
    serviceControlPolicies: scpChain(world, account),
    resourceControlPolicies: [],
    resourcePolicy: key.policy,
  };
}

const THEIRS: Readonly<Record<string, DecisionKind>> = { Allowed: 'Allow', ExplicitlyDenied: 'ExplicitDeny', ImplicitlyDenied: 'ImplicitDeny' };

function cpu(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Times `n` calls of a synchronous `f` (index → work), CPU and wall. */
function time(n: number, f: (i: number) => unknown): { cpuUs: number; ms: number } {
  const c0 = cpu();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f(i);
  return { cpuUs: cpu() - c0, ms: performance.now() - t0 };
}

/** Times `n` awaited calls of an asynchronous `f`. */
async function timeAsync(n: number, f: (i: number) => Promise<unknown>): Promise<{ cpuUs: number; ms: number }> {
  const c0 = cpu();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  return { cpuUs: cpu() - c0, ms: performance.now() - t0 };
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const perSec = (n: number, t: { cpuUs: number; ms: number }): number => (n / t.cpuUs) * 1e6;
const line = (n: number, t: { cpuUs: number; ms: number }): string =>
  `${fmt(perSec(n, t))} decisions/s of CPU (${fmt((n / t.ms) * 1000)}/s wall, ${fmt(n)} decisions)`;

/** Runs the suite and prints its figures, with every disagreement between the two tools. */
export async function run(): Promise<void> {
  const raw = benchWorld(4);
  const world: World = { ...raw, keys: raw.keys.map((k) => ({ ...k, grants: [] })) };
  const compiled = compileWorld(world);
  const key = world.keys[0]?.arn ?? '';
  const ours: AuthzRequest[] = MIX.map((e) => ({ principal: e.principal, action: e.action, resource: key, context: e.context }));
  const sims = MIX.map((e) => simulation(world, e));

  // Same answers first (also the warm-up of both).
  let agree = 0;
  const counts: Record<string, number> = {};
  for (let i = 0; i < MIX.length; i++) {
    const a = authorize(compiled, ours[i]).decision;
    const r = await runSimulation(sims[i], {});
    const b = r.resultType === 'error' ? `error: ${r.errors.message}` : (THEIRS[r.overallResult] ?? r.overallResult);
    const e = MIX[i];
    counts[a] = (counts[a] ?? 0) + 1;
    if ((a === 'Allow') === (b === 'Allow')) agree++;
    else console.log(`compare DISAGREEMENT ${e.principal} ${e.action}: ours ${a}, iam-simulate ${b}`);
    if ((a === 'Allow') === (b === 'Allow') && a !== b) console.log(`compare note ${e.principal} ${e.action}: ours ${a}, iam-simulate ${b} (both deny)`);
  }
  console.log(`compare: Allow/deny agree on ${String(agree)} of ${String(MIX.length)} requests of the mix (ours: ${JSON.stringify(counts)})`);

  const oursIters = 20_000;
  const oursN = oursIters * MIX.length;
  const allowsPerMix = counts.Allow ?? 0;
  for (let i = 0; i < 20_000; i++) authorize(compiled, ours[i % ours.length]);
  let oursAllows = 0;
  const tOurs = time(oursN, (i) => {
    if (authorize(compiled, ours[i % ours.length]).decision === 'Allow') oursAllows++;
  });
  // iam-simulate has no compile-once API: runSimulation validates, parses and evaluates on each call.
  // Its runUnsafeSimulation (no validation) is not timed: in 0.1.173 it throws on any resource policy
  // (it loads the policy without a name, then reads the name), and a key policy is this workload's core.
  // Its iterations are calibrated to about 1.5 s so the suite stays bounded.
  const probe = await timeAsync(MIX.length * 10, (i) => runSimulation(sims[i % sims.length], {}));
  const theirIters = Math.max(1, Math.min(oursIters, Math.round((1500 * 10) / Math.max(probe.ms, 1))));
  const theirN = theirIters * MIX.length;
  let theirAllows = 0;
  const tTheirs = await timeAsync(theirN, async (i) => {
    const r = await runSimulation(sims[i % sims.length], {});
    if (r.resultType !== 'error' && r.overallResult === 'Allowed') theirAllows++;
  });
  const fewer = theirIters < oursIters ? `; fewer iterations than ours (${fmt(theirIters)} vs ${fmt(oursIters)}) because it is slower` : '';
  console.log(`compare ${String(MIX.length)}-request mix, iam-simulate 0.1.173 runSimulation: ${line(theirN, tTheirs)}, ${fmt(theirAllows)} Allow (expected ${fmt(allowsPerMix * theirIters)})${fewer}`);
  console.log(`compare same mix, kms-authz authorize: ${line(oursN, tOurs)}, ${fmt(oursAllows)} Allow (expected ${fmt(allowsPerMix * oursIters)})`);
  console.log(`compare ratio ours / theirs: ${(perSec(oursN, tOurs) / perSec(theirN, tTheirs)).toFixed(1)}× (CPU), ${((oursN / tOurs.ms) / (theirN / tTheirs.ms)).toFixed(1)}× (wall)`);
}
