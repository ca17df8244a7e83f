/**
 * @module lint/probe
 * The narrow evaluator helper that evaluator-backed rules (KMS110, KMS701, KMS702) use: "could this
 * principal, with an identity policy allowing everything, do this action on the key this key
 * policy belongs to?" answered by the real authorization flow (src/authorize), not a re-implementation.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
import { authorize } from '../authorize/index.js';
import type { PolicyTarget } from '../model/lint.js';
import { THIS_ACCOUNT } from '../model/lint.js';
// The compile modules themselves, not the world barrel: its loader pulls in ajv and the world
// schema, which `kms-authz lint` never needs (cold start, bench/lint.ts).
import { compileWorld } from '../world/compile.js';
import { compileKey } from '../world/keys.js';
import type { CompiledKey, CompiledWorld } from '../world/index.js';
import { arnAccount } from './helpers.js';

/** A request to try against the target's key. */
export interface ProbeRequest {
  /** Caller ARN (user, role or account root). */
  readonly principal: string;
  /** Give the caller an identity policy allowing every KMS action (default true: another account controls its own IAM). */
  readonly identityAllowsAll?: boolean;
  /** `kms:Decrypt`, … */
  readonly action: string;
  /** Request context keys the caller can arrange (e.g. `kms:ViaService`, `kms:EncryptionContext:app`). */
  readonly context?: Readonly<Record<string, string>>;
}

/** The decision, with the key-policy statements that decided it (pointers relative to the policy). */
export interface ProbeDecision {
  readonly decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  readonly statements: readonly string[];
}

/** Tries requests against one key policy; built once per target, worlds cached per caller. */
export interface Prober {
  /** The key ARN used (the target's, or one made up in its owner account). */
  readonly keyArn: string;
  /** The key's account. */
  readonly account: string;
  probe(request: ProbeRequest): ProbeDecision;
}

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] };

function keyArnOf(target: PolicyTarget, assumedAccount: string | undefined): string {
  if (target.keyId?.startsWith('arn:') === true && arnAccount(target.keyId) !== undefined) return target.keyId;
  const account = target.ownerAccount ?? assumedAccount ?? THIS_ACCOUNT;
  return `arn:aws:kms:us-east-1:${account}:key/00000000-0000-4000-8000-000000000000`;
}

/** The probe callers: roles whose IAM allows every KMS action; shared by every target (compiled once). */
const worlds = new Map<string, CompiledWorld>();

function worldFor(principal: string, allowAll: boolean): CompiledWorld {
  const id = `${allowAll ? '+' : '-'}${principal}`;
  let w = worlds.get(id);
  if (w === undefined) {
    const isRoot = principal.endsWith(':root');
    w = compileWorld({
      accounts: [],
      principals: [{ arn: principal, type: isRoot ? 'root' : principal.includes(':user/') ? 'user' : 'role', ...(isRoot || !allowAll ? {} : { policies: [ALLOW_ALL] }) }],
      keys: [],
      vpcEndpoints: [],
    });
    // Bounded: callers are the fixed stranger plus account roots named in linted policies.
    if (worlds.size > 1000) worlds.clear();
    worlds.set(id, w);
  }
  return w;
}

/**
 * A prober for a key policy target: the key is compiled once, on first use. The key sits in the
 * account the input says (its ARN, the reader's owner account), else in `assumedAccount` (a rule
 * asking "if this key were in that account": some operations, PutKeyPolicy among them, are never
 * allowed across accounts), else in the placeholder {@link THIS_ACCOUNT}.
 */
export function proberFor(target: PolicyTarget, assumedAccount?: string): Prober {
  const keyArn = keyArnOf(target, assumedAccount);
  const account = arnAccount(keyArn) ?? THIS_ACCOUNT;
  let key: CompiledKey | undefined;
  return {
    keyArn,
    account,
    probe(req) {
      key ??= compileKey({ arn: keyArn, policy: target.raw });
      const d = authorize(worldFor(req.principal, req.identityAllowsAll !== false), { principal: req.principal, action: req.action, resource: keyArn, ...(req.context === undefined ? {} : { context: req.context }) }, { key });
      const statements = d.reasons.filter((r) => r.layer === 'key-policy').map((r) => r.pointer);
      return { decision: d.decision === 'Allow' ? 'Allow' : d.decision === 'ExplicitDeny' ? 'ExplicitDeny' : 'ImplicitDeny', statements };
    },
  };
}
