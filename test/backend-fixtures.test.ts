/* eslint-disable @typescript-eslint/no-unsafe-return -- fixtures are untyped JSON */
// Two front doors, one truth: every fixtures/authz case whose action is a KMS operation on a key is replayed
// through createKms (the operation called as the request's principal, with its parameters and context), and
// must give what authorize gives: success for Allow, AccessDeniedException for a deny, the key-state error
// for an authorized call on a key that refuses it. Then the fixtures/backend scenarios run (see runBackendScenario).
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKms, type Caller } from '../src/backend/kms.js';
import { encryptSymmetric, randomBytes } from '../src/backend/crypto/index.js';
import { openStore } from '../src/backend/store/index.js';
import { runBackendScenario, type Scenario } from './backend-scenario.js';

const MASTER = new Uint8Array(32).fill(42);
const READ_ONLY = new Set(['Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'DescribeKey', 'GetKeyPolicy', 'ListGrants', 'Sign']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.json') ? [p] : [];
  });
}

interface Case { id: string; request: Record<string, any>; expect: { decision: string; error?: string | null; message?: string } }

/** The operation input for a request, or a reason to skip it. */
function operationFor(req: Record<string, any>, key: Record<string, any>, blob: () => string): { op: string; input: Record<string, unknown> } | string {
  const keyId = req.keyIdAsSent ?? req.resource;
  const ec = req.encryptionContext !== undefined ? { EncryptionContext: req.encryptionContext } : {};
  const tokens = req.grantTokens !== undefined ? { GrantTokens: req.grantTokens } : {};
  if (req.context?.['kms:EncryptionAlgorithm'] !== undefined) return 'the case fixes kms:EncryptionAlgorithm';
  if (typeof req.keyIdAsSent === 'string' && req.keyIdAsSent.includes('alias/') && !(key.aliases ?? []).some((a: string) => req.keyIdAsSent.endsWith(a))) {
    return 'the alias sent is not an alias of the world key (the evaluator takes kms:RequestAlias as given)';
  }
  if (req.action === 'kms:ScheduleKeyDeletion' && req.context?.['kms:ScheduleKeyDeletionPendingWindowInDays'] === undefined) {
    return 'the backend always supplies kms:ScheduleKeyDeletionPendingWindowInDays (the default 30 applies when omitted)';
  }
  if (req.action === 'kms:Sign' && key.keyUsage !== 'SIGN_VERIFY') return 'the world key cannot sign';
  if (req.action !== 'kms:Sign' && (key.keySpec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT') return 'replay covers symmetric keys for data operations';
  switch (req.action) {
    case 'kms:Encrypt': return { op: 'Encrypt', input: { KeyId: keyId, Plaintext: 'cGxhaW4=', ...ec, ...tokens } };
    case 'kms:Decrypt': return { op: 'Decrypt', input: { CiphertextBlob: blob(), ...(req.keyIdAsSent !== undefined ? { KeyId: req.keyIdAsSent } : {}), ...ec, ...tokens } };
    case 'kms:GenerateDataKey': return { op: 'GenerateDataKey', input: { KeyId: keyId, NumberOfBytes: 32, ...ec, ...tokens } };
    case 'kms:GenerateDataKeyWithoutPlaintext': return { op: 'GenerateDataKeyWithoutPlaintext', input: { KeyId: keyId, NumberOfBytes: 32, ...ec, ...tokens } };
    case 'kms:DescribeKey': case 'kms:GetKeyPolicy': case 'kms:ListGrants': case 'kms:DisableKey': case 'kms:EnableKey': case 'kms:CancelKeyDeletion':
      return { op: req.action.slice(4), input: { KeyId: keyId, ...tokens } };
    case 'kms:ScheduleKeyDeletion': {
      const days = req.context?.['kms:ScheduleKeyDeletionPendingWindowInDays'];
      return { op: 'ScheduleKeyDeletion', input: { KeyId: keyId, ...(days !== undefined ? { PendingWindowInDays: Number(days) } : {}) } };
    }
    case 'kms:PutKeyPolicy': return { op: 'PutKeyPolicy', input: { KeyId: keyId, Policy: typeof key.policy === 'string' ? key.policy : JSON.stringify(key.policy) } };
    case 'kms:RetireGrant': return { op: 'RetireGrant', input: { KeyId: req.resource, GrantId: req.grantId } };
    case 'kms:RevokeGrant': return { op: 'RevokeGrant', input: { KeyId: req.resource, GrantId: req.grantId } };
    case 'kms:Sign': return { op: 'Sign', input: { KeyId: keyId, Message: 'bXNn', SigningAlgorithm: String(key.keySpec).startsWith('RSA') ? 'RSASSA_PSS_SHA_256' : 'ECDSA_SHA_256', ...tokens } };
    case 'kms:CreateGrant': {
      const g = req.grantRequest ?? {};
      return { op: 'CreateGrant', input: { KeyId: req.resource, GranteePrincipal: g.granteePrincipal, Operations: g.operations, ...(g.retiringPrincipal ? { RetiringPrincipal: g.retiringPrincipal } : {}), ...(g.constraints ? { Constraints: g.constraints } : {}), ...tokens } };
    }
    default: return `${String(req.action)} is not replayed (needs a second key or a prior signature)`;
  }
}

function callerFor(req: Record<string, any>, region: string): Caller {
  const ctx: Record<string, string | string[]> = {};
  let viaService: string | undefined;
  let sourceVpce: string | undefined = req.sourceVpce;
  let sourceIp: string | undefined;
  for (const [k, v] of Object.entries<any>(req.context ?? {})) {
    const lower = k.toLowerCase();
    if (lower === 'kms:viaservice') viaService = String(v);
    else if (lower === 'aws:sourcevpce') sourceVpce = String(v);
    else if (lower === 'aws:sourceip') sourceIp = String(v);
    else ctx[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  return { principal: req.principal, region, ...(viaService ? { viaService } : {}), ...(sourceVpce ? { sourceVpce } : {}), ...(sourceIp ? { sourceIp } : {}),
    ...(req.sessionPolicy !== undefined ? { sessionPolicy: req.sessionPolicy } : {}), context: ctx };
}

/** A ciphertext of `arn` under its current material (or of absent material), made directly in the store. */
function ciphertextFor(path: string, arn: string, ec: Record<string, string> | undefined): string {
  const store = openStore({ path, masterKey: MASTER });
  try {
    return store.tx((tx) => {
      const keyId = arn.slice(arn.indexOf(':key/') + 5);
      const k = tx.get<{ currentMaterial?: string }>('keys', arn);
      const mid = k?.currentMaterial;
      const secret = mid !== undefined ? tx.getSecret(`${arn}#${mid}`) : undefined;
      const blob = encryptSymmetric({ keyId, materialId: mid ?? 'f'.repeat(64), key: secret ?? randomBytes(32), plaintext: new Uint8Array([1, 2, 3]), encryptionContext: ec ?? {} });
      return Buffer.from(blob).toString('base64');
    });
  } finally {
    store.close();
  }
}

describe('fixtures/authz replayed through the simulated KMS', () => {
  for (const file of files('fixtures/authz')) {
    const fx = JSON.parse(readFileSync(file, 'utf8')) as { world: Record<string, any>; cases: Case[] };
    const keys = new Map<string, Record<string, any>>((fx.world.keys ?? []).map((k: Record<string, any>) => [k.arn, k]));
    it(file, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'replay-'));
      const template = join(dir, 'template.db');
      await (await createKms({ world: fx.world, storePath: template, masterKey: MASTER })).close();
      const pristine = join(dir, 'pristine.db');
      copyFileSync(template, pristine);
      // Read-only operations share one store; operations that change the key get a fresh copy each.
      const shared = await createKms({ world: fx.world, storePath: template, masterKey: MASTER });
      let replayed = 0;
      const skipped: string[] = [];
      for (const [i, c] of fx.cases.entries()) {
        const key = keys.get(c.request.resource);
        if (!key) { skipped.push(`${c.id}: resource is not a world key`); continue; }
        const region = String(c.request.resource).split(':')[3];
        const plan = operationFor(c.request, key, () => ciphertextFor(template, c.request.resource, c.request.encryptionContext));
        if (typeof plan === 'string') { skipped.push(`${c.id}: ${plan}`); continue; }
        let kms = shared;
        if (!READ_ONLY.has(plan.op)) {
          const path = join(dir, `case-${i}.db`);
          copyFileSync(pristine, path);
          kms = await createKms({ world: fx.world, storePath: path, masterKey: MASTER });
        }
        const r = await kms.call(plan.op, plan.input, callerFor(c.request, region));
        if (kms !== shared) await kms.close();
        const want = c.expect.decision === 'Allow' ? (c.expect.error ?? null) : 'AccessDeniedException';
        const got = r.ok ? null : r.error.type;
        expect(got, `${c.id} (${plan.op} as ${String(c.request.principal)}): ${r.ok ? 'ok' : r.error.message}`).toBe(want);
        if (!r.ok && c.expect.message !== undefined && want === 'AccessDeniedException') expect(r.error.message, c.id).toBe(c.expect.message);
        replayed++;
      }
      await shared.close();
      expect(replayed + skipped.length).toBe(fx.cases.length);
      // Most cases of every file replay; the skipped ones say why.
      expect(replayed, skipped.join('\n')).toBeGreaterThan(0);
    });
  }
});

describe('fixtures/backend scenarios', () => {
  for (const file of files('fixtures/backend')) {
    const sc = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    it(`${file}: ${sc.description}`, async () => {
      await runBackendScenario(sc);
    });
  }
});
