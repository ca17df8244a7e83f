/**
 * @module lint/actions
 * Which KMS permissions an Action/NotAction element covers, from the catalogue
 * (https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html).
 * Patterns are compiled once and memoized. Whitespace inside a value (`"kms: Encrypt"`, common in
 * copied documentation) is ignored here, so the semantic rules judge what the author meant;
 * KMS201 reports the whitespace itself.
 */
import { KMS_ACTIONS } from '../catalogue/index.js';
import type { ActionInfo } from '../catalogue/index.js';
import { compileWildcard } from '../compile/wildcard.js';
import type { PolicyValue, ValueSet } from '../model/policy.js';

const memo = new Map<string, readonly ActionInfo[]>();

/** The KMS permissions one Action pattern matches (none for another service's action). */
export function actionsMatching(pattern: string): readonly ActionInfo[] {
  // Keyed by the value as written, so a hit costs one lookup (no whitespace stripping).
  let hit = memo.get(pattern);
  if (hit === undefined) {
    const test = compileWildcard(pattern.replace(/\s+/g, ''), { ignoreCase: true });
    hit = Object.freeze(KMS_ACTIONS.filter((a) => test(a.name)));
    if (memo.size > 10_000) memo.clear();
    memo.set(pattern, hit);
  }
  return hit;
}

/**
 * The KMS permissions an Action (or NotAction: every KMS permission not matched) element covers,
 * by canonical name. An absent element covers nothing.
 */
export function expandActions(set: ValueSet | undefined): ReadonlySet<string> {
  if (set === undefined) return NONE;
  let out = expanded.get(set);
  if (out === undefined) {
    // Most policies repeat the same few Action lists: one expansion per distinct list.
    const key = JSON.stringify([set.not, ...set.values.map((v) => v.raw)]);
    out = byList.get(key);
    if (out === undefined) {
      const matched = new Set<string>();
      for (const v of set.values) for (const a of actionsMatching(v.raw)) matched.add(a.name);
      out = set.not ? new Set(KMS_ACTIONS.filter((a) => !matched.has(a.name)).map((a) => a.name)) : matched;
      if (byList.size > 10_000) byList.clear();
      byList.set(key, out);
    }
    expanded.set(set, out);
  }
  return out;
}

const NONE: ReadonlySet<string> = new Set();
/** Per element, computed once: many rules ask about the same (frozen) statement. */
const expanded = new WeakMap<ValueSet, ReadonlySet<string>>();
/** Per distinct Action list (bounded). The sets are shared, so callers must not change them. */
const byList = new Map<string, ReadonlySet<string>>();

/** The values of an Action element that cover a given permission (for pointing at them). */
export function valuesCovering(set: ValueSet | undefined, action: string): PolicyValue[] {
  if (set === undefined || set.not) return [];
  return set.values.filter((v) => actionsMatching(v.raw).some((a) => a.name === action));
}

/** Key administration permissions (KMS113: admin-has-crypto). */
export const ADMIN_ACTIONS: ReadonlySet<string> = new Set(
  KMS_ACTIONS.map((a) => a.name).filter((n) => /^kms:(PutKeyPolicy|CreateGrant|ScheduleKeyDeletion|CancelKeyDeletion|Disable|Delete|Enable|Update|ImportKeyMaterial|ReplicateKey|RotateKeyOnDemand|RevokeGrant|RetireGrant|TagResource|UntagResource|CreateAlias)/.test(n)),
);

/** Cryptographic-use permissions (KMS113, KMS204). */
export const CRYPTO_ACTIONS: ReadonlySet<string> = new Set(
  KMS_ACTIONS.map((a) => a.name).filter((n) => /^kms:(Decrypt|Encrypt|ReEncrypt|GenerateDataKey|GenerateMac|VerifyMac|Sign|Verify|DeriveSharedSecret)/.test(n)),
);
