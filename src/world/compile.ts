/**
 * @module world/compile
 * Compiles a world once: every policy parsed and compiled, principals indexed (sessions map to
 * their role by name), keys and aliases indexed, organization paths flattened, VPC endpoints.
 * Compile once, evaluate many (style.md convention 5).
 */
import type { CompiledKey, CompiledVpcEndpoint, CompiledWorld, OrgLevel, ResolvedPrincipal } from './compiled-types.js';
import { compileKey } from './keys.js';
import { compileOrg } from './org.js';
import { PolicyBank } from './policies.js';
import { parsePrincipalArn, resolvePrincipal, type PrincipalIndex } from './principals.js';
import type { World, WorldPrincipal } from './types.js';

/** How many resolved callers a compiled world remembers before starting afresh. */
const PRINCIPAL_MEMO_LIMIT = 50_000;

/** Compiles a validated world. Never throws on policy problems: they land in `diagnostics`. */
export function compileWorld(world: World): CompiledWorld {
  const bank = new PolicyBank(world.origin);
  const org = world.organization === undefined ? undefined : compileOrg(world.organization, bank);

  const byArn = new Map<string, WorldPrincipal>();
  const roleByName = new Map<string, WorldPrincipal>();
  const indexOf = new Map<WorldPrincipal, number>();
  world.principals.forEach((p, i) => {
    byArn.set(p.arn, p);
    indexOf.set(p, i);
    const parsed = parsePrincipalArn(p.arn);
    if (parsed.kind === 'role') roleByName.set(`${parsed.account}/${parsed.name}`, p);
  });
  const idx: PrincipalIndex = { byArn, roleByName, indexOf, org, bank };

  const keys = new Map<string, CompiledKey>();
  const aliases = new Map<string, CompiledKey>();
  world.keys.forEach((k, i) => {
    const ck = compileKey(k, { bank, pointer: `/keys/${String(i)}`, ...(org === undefined ? {} : { org }), ...(world.origin === undefined ? {} : { origin: world.origin }) });
    keys.set(k.arn, ck);
    for (const a of ck.aliases) {
      aliases.set(a, ck);
      aliases.set(`arn:aws:kms:${ck.region}:${ck.account}:${a}`, ck);
    }
  });

  const vpcEndpoints = new Map<string, CompiledVpcEndpoint>();
  world.vpcEndpoints.forEach((e, i) => {
    vpcEndpoints.set(e.id, e.policy === undefined ? { raw: e } : { raw: e, policy: bank.compile(e.policy, 'vpce', `vpce:${e.id}`, `/vpcEndpoints/${String(i)}/policy`) });
  });

  const principals = new Map<string, ResolvedPrincipal>();
  const principal = (arn: string): ResolvedPrincipal => {
    let p = principals.get(arn);
    if (p === undefined) {
      p = resolvePrincipal(arn, idx);
      // Session ARNs are unbounded in a long-running server: keep the memo bounded.
      if (principals.size >= PRINCIPAL_MEMO_LIMIT) principals.clear();
      principals.set(arn, p);
    }
    return p;
  };
  // Resolve every known principal now, so that their policies' diagnostics are known up front.
  for (const p of world.principals) principal(p.arn);

  const rcpCache = new Map<string, readonly OrgLevel[] | null>();
  const rcpPath = (account: string): readonly OrgLevel[] | null => {
    let v = rcpCache.get(account);
    if (v === undefined) {
      // RCPs do not restrict resources of the management account (RCP page, "Resources and entities not restricted by RCPs").
      v = org === undefined || org.managementAccountId === account ? null : org.rcpPath(account);
      rcpCache.set(account, v);
    }
    return v;
  };

  return {
    world, keys, aliases, vpcEndpoints, principal, rcpPath,
    diagnostics: bank.diagnostics,
    documents: bank.documents,
    ...(org === undefined ? {} : { managementAccountId: org.managementAccountId, organizationId: org.id }),
  };
}
