/**
 * @module authorize/action
 * A request's action, normalized once per distinct spelling: `kms:` prefix added when absent,
 * case-folded for matching, the operation name kept for key-state checks and messages.
 * Action names are case-insensitive: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { actionInfo } from '../catalogue/index.js';

/** A normalized action. */
export interface NormalizedAction {
  /** As printed in messages, e.g. `kms:Decrypt`. */
  readonly display: string;
  /** Case-folded, e.g. `kms:decrypt`. */
  readonly lower: string;
  /** The operation, e.g. `Decrypt` (ReEncryptFrom/ReEncryptTo map to ReEncrypt for key state). */
  readonly operation: string;
  /** Effective for a principal of another account (catalogue; unknown actions: no). */
  readonly crossAccount: boolean;
}

const cache = new Map<string, NormalizedAction>();

/** Normalizes an action (memoized; the hot path does one map lookup). */
export function normalizeAction(action: string): NormalizedAction {
  let a = cache.get(action);
  if (a === undefined) {
    const written = action.includes(':') ? action : `kms:${action}`;
    const info = actionInfo(written);
    const display = info?.name ?? written;
    a = { display, lower: display.toLowerCase(), operation: info?.operation ?? display.slice(display.indexOf(':') + 1), crossAccount: info?.crossAccount ?? false };
    if (cache.size < 10_000) cache.set(action, a);
  }
  return a;
}

/** Cryptographic operations that take an encryption context and an encryption algorithm. */
export const SYMMETRIC_CRYPTO = new Set([
  'kms:encrypt', 'kms:decrypt', 'kms:reencryptfrom', 'kms:reencryptto', 'kms:generatedatakey',
  'kms:generatedatakeywithoutplaintext', 'kms:generatedatakeypair', 'kms:generatedatakeypairwithoutplaintext',
]);

/** Operations where kms:GrantIsForAWSResource is in the request context (conditions-kms page). */
export const GRANT_FOR_AWS_RESOURCE_OPS = new Set(['kms:creategrant', 'kms:listgrants', 'kms:revokegrant']);

/** Operations where kms:RequestAlias is in the context: cryptographic ops, DescribeKey, GetPublicKey. */
export const REQUEST_ALIAS_OPS = new Set([
  ...SYMMETRIC_CRYPTO, 'kms:sign', 'kms:verify', 'kms:generatemac', 'kms:verifymac', 'kms:derivesharedsecret',
  'kms:describekey', 'kms:getpublickey',
]);
