/**
 * @module evaluate/principal
 * Whether a statement's Principal / NotPrincipal covers the caller, and how: the kind of match
 * decides what else AWS requires (identity policy, boundary, session policy).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 */
import type { CompiledPrincipal } from '../compile/types.js';
import type { ResolvedPrincipal } from '../world/compiled-types.js';

/**
 * How a Principal element matched:
 * - `caller`: the caller's own ARN is named (user, assumed-role session, federated user);
 * - `role`: the role ARN of the caller's session (or of the role itself) is named;
 * - `account`: the caller's account is named (root ARN or bare id): delegation to IAM, or the root user;
 * - `wildcard`: `"*"` / `{"AWS":"*"}`;
 * - `service`: a service principal is named and the caller is that service;
 * - `not`: a NotPrincipal that does not exclude the caller.
 */
export type PrincipalMatch = 'caller' | 'role' | 'account' | 'wildcard' | 'service' | 'not';

function rootArn(account: string): string {
  return `arn:aws:iam::${account}:root`;
}

/** The Principal element (not NotPrincipal) against the caller; null when it does not cover the caller. */
function matchPositive(p: CompiledPrincipal, c: ResolvedPrincipal): PrincipalMatch | null {
  if (c.kind === 'service') return p.services.has(c.arn) || p.wildcard ? (p.wildcard ? 'wildcard' : 'service') : null;
  if (p.arns.has(c.arn)) return c.kind === 'role' ? 'role' : 'caller';
  if (c.roleArn !== undefined && (p.arns.has(c.roleArn) || p.arns.has(c.principalArn))) return 'role';
  if (p.accounts.has(c.account)) return 'account';
  if (p.wildcard) return 'wildcard';
  return null;
}

/**
 * NotPrincipal excludes the caller only when every identity the request carries is listed: for a
 * role session the session ARN, the role ARN and the account; for a user the user ARN and the
 * account (the NotPrincipal page's warning about denying one's own account or role).
 */
function excluded(p: CompiledPrincipal, c: ResolvedPrincipal): boolean {
  if (p.wildcard) return true;
  if (c.kind === 'service') return p.services.has(c.arn);
  const accountListed = p.accounts.has(c.account) || p.arns.has(rootArn(c.account));
  if (c.kind === 'root') return accountListed;
  if (!accountListed || !p.arns.has(c.arn)) return false;
  if (c.kind === 'assumed-role') return c.roleArn !== undefined && (p.arns.has(c.roleArn) || p.arns.has(c.principalArn));
  return true;
}

/** Matches a compiled Principal/NotPrincipal against the caller. */
export function matchPrincipal(p: CompiledPrincipal, c: ResolvedPrincipal): PrincipalMatch | null {
  if (p.set.not) return excluded(p, c) ? null : 'not';
  return matchPositive(p, c);
}
