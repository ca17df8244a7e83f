/**
 * @module world/principals
 * Resolves a caller ARN once: what kind of principal it is, the world entry it maps to (an
 * assumed-role session maps to its role), its identity policies (own and groups'), boundary, SCP
 * path, and the principal part of the request context.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
 */
import type { CompiledPolicy } from '../compile/types.js';
import type { ContextValue } from '../model/request.js';
import type { PrincipalKind, ResolvedPrincipal } from './compiled-types.js';
import type { CompiledOrg } from './org.js';
import type { PolicyBank } from './policies.js';
import type { WorldPrincipal } from './types.js';

/** The parts of a principal ARN. */
export interface ParsedPrincipalArn {
  readonly kind: PrincipalKind;
  readonly account: string;
  readonly partition: string;
  /** Last path segment (user or role name), or the session's role name. */
  readonly name: string;
  readonly sessionName?: string;
}

const ACCOUNT_RE = /^\d{12}$/;

/** Splits a caller ARN (or a bare account id, or a service principal). Unknown shapes give kind `unknown`. */
export function parsePrincipalArn(arn: string): ParsedPrincipalArn {
  if (ACCOUNT_RE.test(arn)) return { kind: 'root', account: arn, partition: 'aws', name: 'root' };
  if (arn.endsWith('.amazonaws.com') && !arn.startsWith('arn:')) return { kind: 'service', account: '', partition: 'aws', name: arn };
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return { kind: 'unknown', account: '', partition: 'aws', name: arn };
  const partition = parts[1] ?? 'aws';
  const service = parts[2];
  const account = parts[4] ?? '';
  const resource = parts.slice(5).join(':');
  const segs = resource.split('/');
  const last = segs[segs.length - 1] ?? '';
  if (service === 'iam' && resource === 'root') return { kind: 'root', account, partition, name: 'root' };
  if (service === 'iam' && segs[0] === 'user') return { kind: 'user', account, partition, name: last };
  if (service === 'iam' && segs[0] === 'role') return { kind: 'role', account, partition, name: last };
  if (service === 'sts' && segs[0] === 'assumed-role' && segs.length >= 3) {
    return { kind: 'assumed-role', account, partition, name: segs[1] ?? '', sessionName: segs.slice(2).join('/') };
  }
  if (service === 'sts' && segs[0] === 'federated-user') return { kind: 'federated-user', account, partition, name: last };
  return { kind: 'unknown', account, partition, name: arn };
}

/** A stable, made-up unique id (AIDA…/AROA…) for aws:userid when the world gives none. */
function syntheticId(prefix: string, arn: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < arn.length; i++) h = Math.imul(h ^ arn.charCodeAt(i), 0x01000193) >>> 0;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = prefix;
  for (let i = 0; i < 17; i++) {
    out += alphabet[h % 32] ?? 'A';
    h = Math.imul(h ^ i, 0x01000193) >>> 0;
  }
  return out;
}

/** What principal resolution needs from the world being compiled. */
export interface PrincipalIndex {
  readonly byArn: ReadonlyMap<string, WorldPrincipal>;
  /** `ACCOUNT/roleName` → role entry, for sessions (whose ARN has no role path). */
  readonly roleByName: ReadonlyMap<string, WorldPrincipal>;
  /** Index of each entry in `world.principals`, for pointers. */
  readonly indexOf: ReadonlyMap<WorldPrincipal, number>;
  readonly org: CompiledOrg | undefined;
  readonly bank: PolicyBank;
}

const compiledEntries = new WeakMap<WorldPrincipal, { identity: CompiledPolicy[]; boundary?: CompiledPolicy }>();

/** Compiles an entry's identity policies (own + groups') and boundary once. */
function compileEntry(e: WorldPrincipal, idx: PrincipalIndex): { identity: CompiledPolicy[]; boundary?: CompiledPolicy } {
  const hit = compiledEntries.get(e);
  if (hit !== undefined) return hit;
  const base = `/principals/${String(idx.indexOf.get(e) ?? 0)}`;
  const identity = (e.policies ?? []).map((p, i) => idx.bank.compile(p, 'identity', `identity:${e.arn}#${String(i)}`, `${base}/policies/${String(i)}`));
  (e.groups ?? []).forEach((g, gi) => {
    (g.policies ?? []).forEach((p, i) => {
      identity.push(idx.bank.compile(p, 'identity', `group:${e.arn}:${g.name}#${String(i)}`, `${base}/groups/${String(gi)}/policies/${String(i)}`));
    });
  });
  const v = e.boundary === undefined ? { identity } : { identity, boundary: idx.bank.compile(e.boundary, 'boundary', `boundary:${e.arn}`, `${base}/boundary`) };
  compiledEntries.set(e, v);
  return v;
}

const PRINCIPAL_TYPE: Readonly<Record<PrincipalKind, string>> = {
  user: 'User', role: 'AssumedRole', 'assumed-role': 'AssumedRole', root: 'Account', 'federated-user': 'FederatedUser', service: 'AWSService', unknown: 'Anonymous',
};

/** Resolves a caller ARN against the world. Never throws: unknown callers have no policies. */
export function resolvePrincipal(arn: string, idx: PrincipalIndex): ResolvedPrincipal {
  const p = parsePrincipalArn(arn);
  const entry = p.kind === 'assumed-role' ? idx.roleByName.get(`${p.account}/${p.name}`) : idx.byArn.get(arn);
  const roleArn = p.kind === 'assumed-role' ? (entry?.arn ?? `arn:${p.partition}:iam::${p.account}:role/${p.name}`) : undefined;
  const principalArn = roleArn ?? (p.kind === 'root' ? `arn:${p.partition}:iam::${p.account}:root` : arn);
  const compiled = entry === undefined ? { identity: [] } : compileEntry(entry, idx);
  const serviceLinked = entry?.serviceLinked === true || (roleArn ?? arn).includes(':role/aws-service-role/');
  const org = idx.org;
  const inOrg = org?.scpPath(p.account) ?? null;
  let scpPath = inOrg;
  let scpExemption: string | undefined;
  if (inOrg === null) scpExemption = org === undefined ? 'no organization in the world' : `account ${p.account} is not in the organization`;
  else if (org?.managementAccountId === p.account) [scpPath, scpExemption] = [null, `SCPs do not affect the management account ${p.account}`];
  else if (serviceLinked) [scpPath, scpExemption] = [null, 'SCPs do not affect service-linked roles'];

  const ctx = new Map<string, ContextValue>();
  if (p.kind === 'service') {
    ctx.set('aws:principalisawsservice', 'true');
    ctx.set('aws:principalservicename', arn);
  } else {
    ctx.set('aws:principalarn', principalArn);
    ctx.set('aws:principalaccount', p.account);
    ctx.set('kms:calleraccount', p.account);
    ctx.set('aws:principalisawsservice', 'false');
  }
  ctx.set('aws:principaltype', PRINCIPAL_TYPE[p.kind]);
  if (p.kind === 'user') ctx.set('aws:username', p.name);
  const uid = entry?.uniqueId;
  if (p.kind === 'user') ctx.set('aws:userid', uid ?? syntheticId('AIDA', arn));
  else if (p.kind === 'assumed-role') ctx.set('aws:userid', `${uid ?? syntheticId('AROA', roleArn ?? arn)}:${p.sessionName ?? ''}`);
  else if (p.kind === 'root') ctx.set('aws:userid', p.account);
  else if (p.kind === 'role') ctx.set('aws:userid', uid ?? syntheticId('AROA', arn));
  for (const [k, v] of Object.entries(entry?.tags ?? {})) ctx.set(`aws:principaltag/${k.toLowerCase()}`, v);
  if (inOrg !== null && org !== undefined) {
    ctx.set('aws:principalorgid', org.id);
    const path = org.orgPath(p.account);
    if (path !== undefined) ctx.set('aws:principalorgpaths', [path]);
  }

  const name = p.kind === 'assumed-role' ? `${p.name}/${p.sessionName ?? ''}` : p.kind === 'root' ? `root of ${p.account}` : p.name;
  return {
    arn, principalArn, account: p.account, kind: p.kind, name, serviceLinked, scpPath, context: ctx,
    identity: compiled.identity,
    ...(compiled.boundary === undefined ? {} : { boundary: compiled.boundary }),
    ...(roleArn === undefined ? {} : { roleArn }),
    ...(p.sessionName === undefined ? {} : { sessionName: p.sessionName }),
    ...(entry === undefined ? {} : { entry }),
    ...(scpExemption === undefined ? {} : { scpExemption }),
  };
}
