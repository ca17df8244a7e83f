/**
 * Parse benchmark: policies read (JSON text → value with positions), normalized and compiled per
 * second over a generated corpus of 5,000 varied policies (key policies, identity policies and
 * SCPs with wildcards, variables, every operator family), then compiled-statement lookups per
 * second. Deterministic (seeded), bounded: each phase runs at most 3 s.
 */
import { compilePolicy } from '../src/compile/policy.js';
import type { RequestContext } from '../src/model/request.js';
import { parsePolicy } from '../src/parse/policy.js';
import { readDocument } from '../src/source/document.js';

const CORPUS = 5000;
const PHASE_MS = 3000;

/** A small seeded PRNG (mulberry32), so every run measures the same corpus. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:*', 'kms:Get*', 'kms:List*', 'kms:Put*'];
const CONDITIONS: (() => Record<string, Record<string, unknown>>)[] = [
  () => ({ StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': ['ec2.us-west-2.amazonaws.com', 'rds.us-west-2.amazonaws.com'] } }),
  () => ({ 'ForAnyValue:StringLike': { 'kms:ResourceAliases': ['alias/finance-*', 'alias/app-${aws:PrincipalTag/team}'] } }),
  () => ({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['Department', 'Project'] }, Null: { 'kms:EncryptionContextKeys': 'false' } }),
  () => ({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Ops*' } }),
  () => ({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] }, Bool: { 'aws:SecureTransport': true } }),
  () => ({ NumericLessThanEquals: { 'kms:TrailingDaysWithoutKeyUsage': 90 }, DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } }),
  () => ({ StringEqualsIgnoreCase: { 'kms:EncryptionContext:AppName': 'ExampleApp' } }),
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

/** One generated policy document. */
function policy(r: () => number, i: number): { kind: 'key' | 'identity' | 'scp'; doc: unknown } {
  const kind = pick(r, ['key', 'identity', 'scp'] as const);
  const n = 1 + Math.floor(r() * 6);
  const statements = Array.from({ length: n }, (_, j) => {
    const acct = String(100000000000 + Math.floor(r() * 899999999999));
    const st: Record<string, unknown> = {
      Sid: `S${String(i)}x${String(j)}`,
      Effect: r() < 0.8 ? 'Allow' : 'Deny',
      Action: Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, ACTIONS)),
      Resource: kind === 'key' ? '*' : [`arn:aws:kms:*:${acct}:key/*`, `arn:aws:kms:us-west-2:${acct}:key/\${aws:PrincipalTag/key-id}`],
    };
    if (kind === 'key') st.Principal = r() < 0.3 ? '*' : { AWS: [`arn:aws:iam::${acct}:root`, `arn:aws:iam::${acct}:role/Role${String(j)}`] };
    if (r() < 0.7) st.Condition = pick(r, CONDITIONS)();
    return st;
  });
  return { kind, doc: { Version: '2012-10-17', Id: `p-${String(i)}`, Statement: statements } };
}

/** The generated corpus: `count` policies, the same for the same seed. */
export function generateCorpus(count: number, seed = 42): { kind: 'key' | 'identity' | 'scp'; doc: unknown }[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => policy(r, i));
}

/** Runs `step` over the corpus repeatedly for at most PHASE_MS; returns items per second. */
function measure(count: number, step: (i: number) => void): number {
  const start = performance.now();
  let done = 0;
  while (performance.now() - start < PHASE_MS) {
    for (let i = 0; i < count; i++) step(i);
    done += count;
  }
  return done / ((performance.now() - start) / 1000);
}

/** Prints policies/s for read+parse+compile, parse+compile, and statement lookups/s. */
export function run(): Promise<void> {
  const corpus = generateCorpus(CORPUS);
  const texts = corpus.map((p) => JSON.stringify(p.doc, null, 2));
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const withDiagnostics = corpus.filter((p, i) => parsePolicy(p.doc, { kind: p.kind, id: `p${String(i)}` }).diagnostics.length > 0).length;
  const full = measure(CORPUS, (i) => {
    const d = readDocument(texts[i], 'p.json');
    compilePolicy(parsePolicy(d.value, { kind: corpus[i].kind, id: `p${String(i)}`, file: 'p.json', locate: d.locate }).policy);
  });
  const objects = measure(CORPUS, (i) => {
    compilePolicy(parsePolicy(corpus[i].doc, { kind: corpus[i].kind, id: `p${String(i)}` }).policy);
  });
  const compiled = corpus.map((p, i) => compilePolicy(parsePolicy(p.doc, { kind: p.kind, id: `p${String(i)}` }).policy));
  const ctx: RequestContext = new Map<string, string | readonly string[]>([
    ['kms:calleraccount', '111122223333'], ['kms:viaservice', 'ec2.us-west-2.amazonaws.com'], ['aws:principaltag/team', 'red'],
    ['kms:resourcealiases', ['alias/finance-key']], ['kms:encryptioncontextkeys', ['Department']], ['aws:sourceip', '203.0.113.9'],
    ['aws:securetransport', 'true'], ['aws:principalarn', 'arn:aws:iam::111122223333:role/Ops1'], ['aws:currenttime', '2026-11-28T12:00:00Z'],
  ]);
  const resource = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const applies = (i: number): number => compiled[i].statementsFor('kms:decrypt')
    .filter((st) => st.matchesResource(resource, ctx) && st.conditions.every((c) => c.test(ctx))).length;
  let matched = 0;
  for (let i = 0; i < CORPUS; i++) matched += applies(i);
  const lookups = measure(CORPUS, applies);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(`parse: corpus ${fmt(CORPUS)} policies, ${fmt(bytes / 1024)} KiB of JSON (${fmt(withDiagnostics)} with diagnostics)`);
  console.log(`parse: read+parse+compile ${fmt(full)} policies/s`);
  console.log(`parse: parse+compile (from objects) ${fmt(objects)} policies/s`);
  console.log(`parse: evaluate kms:Decrypt over compiled policies ${fmt(lookups)} policies/s (${fmt(matched)} statements apply per pass)`);
  return Promise.resolve();
}
