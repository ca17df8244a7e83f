/**
 * @module authorize/grants
 * Grants: which grant lets the caller perform the operation (grantee, operations, encryption
 * context constraints, grant tokens), CreateGrant from a grant, and RetireGrant's own rules.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/using-grant-token.html
 */
import type { AuthzRequest, GrantConstraintsInput } from '../model/decision.js';
import type { CompiledGrant, CompiledKey, ResolvedPrincipal } from '../world/compiled-types.js';

/**
 * How a grant's grantee covers the caller: `direct` (its ARN, or the role of its session), or
 * `account` (the grantee is the caller's account root). For an account grantee AWS does not say
 * whether IAM principals then need an identity policy; by analogy with key-policy delegation we
 * require one (spec §2.2 [UNSURE], our choice).
 */
export type GranteeMatch = 'direct' | 'account';

/** Whether the grant's grantee covers the caller. */
export function granteeMatch(g: CompiledGrant, c: ResolvedPrincipal): GranteeMatch | null {
  const gp = g.grant.granteePrincipal;
  if (gp === c.arn || gp === c.principalArn) return 'direct';
  if (c.roleArn !== undefined && gp === c.roleArn) return 'direct';
  if (gp === `arn:aws:iam::${c.account}:root` || gp === c.account) return c.kind === 'root' ? 'direct' : 'account';
  return null;
}

function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

function contains(big: Readonly<Record<string, string>>, small: Readonly<Record<string, string>>): boolean {
  return Object.keys(small).every((k) => big[k] === small[k]);
}

/** Constraints are ignored for DescribeKey and RetireGrant (create-grant-overview page). */
const UNCONSTRAINED = new Set(['kms:describekey', 'kms:retiregrant']);

/**
 * Why the grant's constraints refuse the request, or null. For CreateGrant the child grant must be
 * "equally strict or stricter": a Subset parent takes a Subset or Equals child holding its pairs;
 * an Equals parent takes only the same Equals.
 */
export function constraintFailure(g: CompiledGrant, req: AuthzRequest, actionLower: string): string | null {
  const c = g.grant.constraints;
  if (c === undefined || UNCONSTRAINED.has(actionLower)) return null;
  if (actionLower === 'kms:creategrant' && req.grantRequest !== undefined) {
    const child: GrantConstraintsInput = req.grantRequest.constraints ?? {};
    if (c.encryptionContextEquals !== undefined) {
      return child.EncryptionContextEquals !== undefined && sameRecord(child.EncryptionContextEquals, c.encryptionContextEquals)
        ? null : 'the new grant must carry the same EncryptionContextEquals constraint as the parent grant';
    }
    const parent = c.encryptionContextSubset ?? {};
    const childPairs = child.EncryptionContextEquals ?? child.EncryptionContextSubset;
    return childPairs !== undefined && contains(childPairs, parent) ? null : 'the new grant must be at least as strict as the parent grant\'s EncryptionContextSubset';
  }
  const ec = req.encryptionContext ?? {};
  if (c.encryptionContextEquals !== undefined && !sameRecord(ec, c.encryptionContextEquals)) return 'the encryption context does not equal the grant\'s EncryptionContextEquals constraint';
  if (c.encryptionContextSubset !== undefined && !contains(ec, c.encryptionContextSubset)) return 'the encryption context does not contain the grant\'s EncryptionContextSubset pairs';
  return null;
}

/** Why a grant cannot be used for this request, or null when it can (grantee checked by the caller). */
export function grantFailure(g: CompiledGrant, req: AuthzRequest, actionLower: string): string | null {
  if (!g.operations.has(actionLower)) return `its operations do not include ${actionLower.slice(4)}`;
  if (!g.propagated && !(req.grantTokens ?? []).includes(g.raw.grantToken ?? '\0')) return 'it has not propagated yet and the request carries no grant token for it';
  if (actionLower === 'kms:creategrant' && req.grantRequest !== undefined) {
    const extra = req.grantRequest.operations.find((o) => !g.operations.has(`kms:${o.toLowerCase()}`));
    if (extra !== undefined) return `the new grant asks for ${extra}, which the parent grant does not allow`;
  }
  return constraintFailure(g, req, actionLower);
}

/** The outcome of looking for a usable grant. */
export interface GrantSearch {
  readonly grant?: CompiledGrant;
  readonly match?: GranteeMatch;
  /** For the explanation: grants naming the caller that could not be used, and why. */
  readonly refused: readonly { readonly grant: CompiledGrant; readonly why: string }[];
}

const NONE: GrantSearch = { refused: [] };

/** Finds a grant of the key that lets the caller perform the action. */
export function findGrant(key: CompiledKey, c: ResolvedPrincipal, req: AuthzRequest, actionLower: string): GrantSearch {
  if (key.grants.length === 0) return NONE;
  let refused: { grant: CompiledGrant; why: string }[] | undefined;
  let accountGrant: GrantSearch | undefined;
  for (const g of key.grants) {
    const m = granteeMatch(g, c);
    if (m === null) continue;
    const why = grantFailure(g, req, actionLower);
    if (why !== null) (refused ??= []).push({ grant: g, why });
    else if (m === 'direct') return { grant: g, match: m, refused: refused ?? [] };
    else accountGrant ??= { grant: g, match: m, refused: [] };
  }
  if (accountGrant !== undefined) return { ...accountGrant, refused: refused ?? [] };
  return refused === undefined ? NONE : { refused };
}

/** Who may retire a grant, per grant-delete: the retiring principal, the grantee when the grant allows RetireGrant, or the issuing account. */
export type RetireRight = 'retiring-principal' | 'grantee' | 'retiring-account' | 'issuing-account';

/**
 * The right the caller has to retire the grant. `retiring-account` / `issuing-account` mean the
 * account holds the right: its root user may retire, and its IAM principals need an identity
 * policy allowing kms:RetireGrant ("an account … can delegate kms:RetireGrant to its IAM users").
 */
export function retireRight(g: CompiledGrant, c: ResolvedPrincipal): RetireRight | null {
  const rp = g.grant.retiringPrincipal;
  if (rp !== undefined && (rp === c.arn || rp === c.principalArn || rp === c.roleArn)) return 'retiring-principal';
  if (granteeMatch(g, c) === 'direct' && g.operations.has('kms:retiregrant')) return 'grantee';
  if (rp !== undefined && (rp === `arn:aws:iam::${c.account}:root` || rp === c.account)) return 'retiring-account';
  if (g.issuingAccount === c.account) return 'issuing-account';
  return null;
}
