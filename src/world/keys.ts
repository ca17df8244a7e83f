/**
 * @module world/keys
 * Compiles a KMS key: its key policy (the API default when absent), its grants, and the key part
 * of the request context (aws:ResourceAccount, kms:KeySpec, kms:ResourceAliases, aws:ResourceTag/…).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 */
import type { ContextValue } from '../model/request.js';
import type { NormalizedGrant } from '../model/policy.js';
import type { CompiledGrant, CompiledKey } from './compiled-types.js';
import type { CompiledOrg } from './org.js';
import { PolicyBank } from './policies.js';
import type { WorldGrant, WorldKey, WorldOrigin } from './types.js';

/** The default key policy of CreateKey without a Policy: one statement delegating to the account. */
export function defaultKeyPolicy(partition: string, account: string): unknown {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/** Splits `arn:PART:kms:REGION:ACCOUNT:key/ID`; a malformed ARN yields empty parts. */
export function parseKeyArn(arn: string): { partition: string; region: string; account: string; keyId: string } {
  const p = arn.split(':');
  const res = p.slice(5).join(':');
  return { partition: p[1] ?? 'aws', region: p[3] ?? '', account: p[4] ?? '', keyId: res.startsWith('key/') ? res.slice(4) : res };
}

/** Options of {@link compileKey}. */
export interface CompileKeyOptions {
  /** Shared policy bank (diagnostics, documents); a fresh one otherwise. */
  readonly bank?: PolicyBank;
  /** The world's organization, for aws:ResourceOrgID. */
  readonly org?: CompiledOrg;
  /** Pointer of the key inside the world (e.g. `/keys/0`), for positions. */
  readonly pointer?: string;
  readonly origin?: WorldOrigin;
}

function grantOf(g: WorldGrant, key: WorldKey, account: string, partition: string, pointer: string, origin: WorldOrigin | undefined): CompiledGrant {
  const issuingAccount = g.issuingAccount ?? `arn:${partition}:iam::${account}:root`;
  const constraints = g.constraints === undefined ? undefined : {
    ...(g.constraints.EncryptionContextEquals === undefined ? {} : { encryptionContextEquals: g.constraints.EncryptionContextEquals }),
    ...(g.constraints.EncryptionContextSubset === undefined ? {} : { encryptionContextSubset: g.constraints.EncryptionContextSubset }),
  };
  const grant: NormalizedGrant = {
    ref: { kind: 'grant', id: `grant:${key.arn}#${g.grantId}`, ...(origin === undefined ? {} : { file: origin.file, pointer: origin.pointer + pointer }) },
    grantId: g.grantId,
    keyArn: key.arn,
    granteePrincipal: g.granteePrincipal,
    operations: g.operations.map((o) => (o.includes(':') ? o : `kms:${o}`)),
    issuingAccount,
    ...(g.name === undefined ? {} : { name: g.name }),
    ...(g.retiringPrincipal === undefined ? {} : { retiringPrincipal: g.retiringPrincipal }),
    ...(constraints === undefined ? {} : { constraints }),
  };
  const pos = origin?.locate(origin.pointer + pointer);
  return {
    grant, raw: g, pointer,
    operations: new Set(grant.operations.map((o) => o.toLowerCase())),
    issuingAccount: issuingAccount.split(':')[4] ?? issuingAccount,
    propagated: g.propagated !== false,
    ...(origin === undefined ? {} : { file: origin.file }),
    ...(pos === undefined ? {} : { line: pos.line, column: pos.column }),
  };
}

/** Compiles one key. The simulated backend calls this for keys it holds in its own store. */
export function compileKey(key: WorldKey, opts: CompileKeyOptions = {}): CompiledKey {
  const bank = opts.bank ?? new PolicyBank(opts.origin);
  const base = opts.pointer ?? '';
  const { partition, region, account, keyId } = parseKeyArn(key.arn);
  const defaultPolicy = key.policy === undefined;
  const policy = bank.compile(defaultPolicy ? defaultKeyPolicy(partition, account) : key.policy, 'key', `key-policy:${key.arn}`, `${base}/policy`);
  const grants = (key.grants ?? []).map((g, i) => grantOf(g, key, account, partition, `${base}/grants/${String(i)}`, opts.origin));
  const multiRegion = key.multiRegion === true;
  const ctx = new Map<string, ContextValue>([
    ['aws:resourceaccount', account],
    ['kms:keyspec', key.keySpec ?? 'SYMMETRIC_DEFAULT'],
    ['kms:customermasterkeyspec', key.keySpec ?? 'SYMMETRIC_DEFAULT'],
    ['kms:keyusage', key.keyUsage ?? 'ENCRYPT_DECRYPT'],
    ['kms:customermasterkeyusage', key.keyUsage ?? 'ENCRYPT_DECRYPT'],
    ['kms:keyorigin', key.origin ?? 'AWS_KMS'],
    ['kms:multiregion', multiRegion ? 'true' : 'false'],
  ]);
  if (multiRegion) ctx.set('kms:multiregionkeytype', key.multiRegionKeyType ?? 'PRIMARY');
  const aliases = key.aliases ?? [];
  if (aliases.length > 0) ctx.set('kms:resourcealiases', aliases);
  for (const [k, v] of Object.entries(key.tags ?? {})) ctx.set(`aws:resourcetag/${k.toLowerCase()}`, v);
  if (key.trailingDaysWithoutKeyUsage !== undefined) ctx.set('kms:trailingdayswithoutkeyusage', String(key.trailingDaysWithoutKeyUsage));
  if (opts.org?.rcpPath(account) != null) ctx.set('aws:resourceorgid', opts.org.id);
  const orgPath = opts.org?.orgPath(account);
  if (orgPath !== undefined) ctx.set('aws:resourceorgpaths', [orgPath]);
  return {
    arn: key.arn, account, region, keyId, raw: key, policy, defaultPolicy, grants,
    grantsById: new Map(grants.map((g) => [g.grant.grantId, g])),
    state: key.state ?? 'Enabled',
    awsManaged: key.keyManager === 'AWS',
    aliases,
    context: ctx,
  };
}
