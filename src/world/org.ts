/**
 * @module world/org
 * The organization tree: each account's path root → OUs → account, with the SCPs and RCPs of
 * every level compiled once. Every level must allow
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html,
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html).
 */
import type { CompiledPolicy } from '../compile/types.js';
import type { OrgLevel } from './compiled-types.js';
import type { PolicyBank } from './policies.js';
import type { WorldOrganization, WorldOrgNode } from './types.js';

/** The compiled organization. */
export interface CompiledOrg {
  readonly id: string;
  readonly managementAccountId: string;
  /** SCP levels of an account's path, or null when the account is not in the organization. */
  scpPath(account: string): readonly OrgLevel[] | null;
  /** RCP levels of an account's path, or null when the account is not in the organization. */
  rcpPath(account: string): readonly OrgLevel[] | null;
  /** aws:PrincipalOrgPaths value of an account (`o-…/r-…/ou-…/`), or undefined. */
  orgPath(account: string): string | undefined;
}

/** Compiles the organization of a world. Cycles and dangling parents end the path (reported by the schema layer). */
export function compileOrg(org: WorldOrganization, bank: PolicyBank): CompiledOrg {
  const nodes = new Map<string, { node: WorldOrgNode; index: number }>();
  org.nodes.forEach((node, index) => nodes.set(node.id, { node, index }));

  const levelCache = new Map<string, { scp: OrgLevel; rcp: OrgLevel }>();
  const levelsOf = (id: string): { scp: OrgLevel; rcp: OrgLevel } => {
    const hit = levelCache.get(id);
    if (hit !== undefined) return hit;
    const { node, index } = nodes.get(id)!; // INVARIANT: only ids found in `nodes` are asked for
    const base = `/organization/nodes/${String(index)}`;
    const list = (kind: 'scp' | 'rcp', given: readonly unknown[] | undefined): CompiledPolicy[] => {
      const docs = given ?? [kind === 'scp' ? 'FullAWSAccess' : 'RCPFullAWSAccess'];
      const out = docs.map((d, i) => bank.compile(d, kind, `${kind}:${id}#${String(i)}`, `${base}/${kind}s/${String(i)}`));
      // RCPFullAWSAccess "is always attached and cannot be detached" (RCP page): a custom RCP list adds to it.
      if (kind === 'rcp' && given !== undefined && !given.includes('RCPFullAWSAccess')) {
        out.push(bank.compile('RCPFullAWSAccess', 'rcp', `rcp:${id}#RCPFullAWSAccess`, base));
      }
      return out;
    };
    const v = { scp: { nodeId: id, policies: list('scp', node.scps) }, rcp: { nodeId: id, policies: list('rcp', node.rcps) } };
    levelCache.set(id, v);
    return v;
  };

  const pathCache = new Map<string, readonly string[] | null>();
  const pathOf = (account: string): readonly string[] | null => {
    const hit = pathCache.get(account);
    if (hit !== undefined) return hit;
    let ids: string[] | null = null;
    if (nodes.get(account)?.node.type === 'ACCOUNT') {
      ids = [];
      const seen = new Set<string>();
      for (let cur: string | undefined = account; cur !== undefined && !seen.has(cur); cur = nodes.get(cur)?.node.parent) {
        if (!nodes.has(cur)) break;
        seen.add(cur);
        ids.unshift(cur);
      }
    }
    pathCache.set(account, ids);
    return ids;
  };

  return {
    id: org.id,
    managementAccountId: org.managementAccountId,
    scpPath: (a) => pathOf(a)?.map((id) => levelsOf(id).scp) ?? null,
    rcpPath: (a) => pathOf(a)?.map((id) => levelsOf(id).rcp) ?? null,
    orgPath: (a) => {
      const p = pathOf(a);
      if (p === null) return undefined;
      return `${org.id}/${p.slice(0, -1).join('/')}/`;
    },
  };
}
