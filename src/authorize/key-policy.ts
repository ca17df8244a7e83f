/**
 * @module authorize/key-policy
 * The key policy as the root of trust (step 7 of spec §1.1): a statement naming the caller
 * directly, or delegating to the caller's account, and what else each kind of match needs:
 * - same account, user or session ARN, or `"*"`: nothing else (R8, R9, R10, Corrections 2a);
 * - same account, role ARN: the boundary and session policy must also allow (R8, R18);
 * - the account principal: an identity policy (+ boundary, + session policy) must allow (R4–R6);
 *   the account's root user needs no identity policy;
 * - another account, any match: the caller's identity policy must also allow (dual allow, §2.1).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 */
import type { StatementHit } from '../evaluate/policy.js';
import type { DecisionLayer, MissingAllow, Reason } from '../model/decision.js';
import type { CompiledKey, ResolvedPrincipal } from '../world/compiled-types.js';
import type { LayerResults } from './layers.js';
import { statementReason } from './reasons.js';

/** What a path needs beyond its own Allow. */
export type Requirement = 'none' | 'limits' | 'identity';

/** The outcome of one path to Allow. */
export type PathOutcome =
  | { readonly ok: true; readonly reasons: Reason[]; readonly via: string }
  | { readonly ok: false; readonly reasons: Reason[]; readonly missing: MissingAllow[] };

/** What a key-policy match needs, by the rules in the module comment. */
export function requirementOf(hit: StatementHit, c: ResolvedPrincipal, key: CompiledKey): Requirement | null {
  // A service principal belongs to no account; naming it is all it needs.
  const same = c.account === key.account || c.kind === 'service';
  switch (hit.match) {
    case null: return null;
    case 'service': return 'none';
    case 'account': return c.kind === 'root' ? 'none' : 'identity';
    case 'role': return same ? 'limits' : 'identity';
    case 'caller': case 'wildcard': case 'not': return same ? 'none' : 'identity';
  }
}

/** A missing layer and its note. */
export function missingAllow(layer: DecisionLayer, account: string, note: string): MissingAllow {
  return { layer, account, note };
}

/** Checks the boundary and session policy (and, when asked, the identity policies) for a path. */
export function limitsFor(r: LayerResults, c: ResolvedPrincipal, action: string, needIdentity: boolean, what: () => string): { reasons: Reason[]; missing: MissingAllow[] } {
  const reasons: Reason[] = [];
  const missing: MissingAllow[] = [];
  if (needIdentity && c.kind !== 'root') {
    if (r.identity === undefined) missing.push(missingAllow('identity', c.account, `${what()}, but no identity policy of ${c.name} allows ${action}`));
    else reasons.push(statementReason(r.identity.stmt.ref, 'Allow', 'identity'));
  }
  if (r.boundary !== undefined) {
    const b = r.boundary.allows[0];
    if (b === undefined) missing.push(missingAllow('boundary', c.account, `${what()}, but the permissions boundary of ${c.name} does not allow ${action}`));
    else reasons.push(statementReason(b.stmt.ref, 'Allow', 'boundary'));
  }
  if (r.session !== undefined) {
    const s = r.session.allows[0];
    if (s === undefined) missing.push(missingAllow('session', c.account, `${what()}, but the session policy does not allow ${action}`));
    else reasons.push(statementReason(s.stmt.ref, 'Allow', 'session'));
  }
  return { reasons, missing };
}

function describeHit(hit: StatementHit, c: ResolvedPrincipal, key: CompiledKey): string {
  const sid = hit.stmt.ref.sid;
  if (hit.match === 'account') return `the key policy delegates to IAM in ${c.account} (statement "${sid}")`;
  if (c.account !== key.account) return `the key policy allows ${c.name} of account ${c.account} (statement "${sid}"); cross-account use also needs its identity policy`;
  return `the key policy allows ${c.name} (statement "${sid}")`;
}

/** Tries every key-policy Allow that covers the caller; the first that is complete decides. */
export function keyPolicyPath(r: LayerResults, c: ResolvedPrincipal, key: CompiledKey, action: string): PathOutcome {
  let best: { reasons: Reason[]; missing: MissingAllow[] } | undefined;
  for (const hit of r.key.allows) {
    const req = requirementOf(hit, c, key);
    if (req === null) continue;
    const own = statementReason(hit.stmt.ref, 'Allow', 'key-policy');
    if (req === 'none') return { ok: true, reasons: [own], via: `key policy statement "${hit.stmt.ref.sid}"` };
    const lim = limitsFor(r, c, action, req === 'identity', () => describeHit(hit, c, key));
    if (lim.missing.length === 0) return { ok: true, reasons: [own, ...lim.reasons], via: `key policy statement "${hit.stmt.ref.sid}" and ${c.name}'s policies` };
    // Of the incomplete paths, explain the one closest to an Allow.
    if (best === undefined || lim.missing.length < best.missing.length) best = { reasons: [own, ...lim.reasons], missing: lim.missing };
  }
  if (best !== undefined) return { ok: false, ...best };
  const missing: MissingAllow[] = [missingAllow('key-policy', key.account, (c.account === key.account
    ? `the key policy of ${key.arn} neither names ${c.name} nor delegates ${action} to IAM in ${c.account}`
    : `the key policy of ${key.arn} allows neither ${c.name} nor its account ${c.account} to use ${action}`))];
  if (c.account !== key.account && r.identity === undefined && c.kind !== 'root' && c.kind !== 'service') {
    missing.push(missingAllow('identity', c.account, `cross-account use also needs an identity policy in ${c.account}, and none of ${c.name} allows ${action}`));
  }
  return { ok: false, reasons: [], missing };
}
