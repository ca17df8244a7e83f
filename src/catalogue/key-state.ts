/**
 * @module catalogue/key-state
 * Which operations each key state allows, and the exact error KMS returns otherwise: the
 * key-state table of the current AWS page (kms-authorization.md §9.2 with its "Corrections" block).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import type { KeyState } from './types.js';

/** A KMS error: its type (`__type` on the wire) and message. */
export interface KmsStateError {
  readonly type: string;
  readonly message: string;
}

/** Facts about the key that some cells depend on. */
export interface KeyFacts {
  /** AWS_KMS | EXTERNAL | AWS_CLOUDHSM | EXTERNAL_KEY_STORE. */
  readonly origin?: string;
  /** The key is in a custom key store (CloudHSM or external). Derived from `origin` when absent. */
  readonly customKeyStore?: boolean;
  readonly keySpec?: string;
}

/**
 * A cell of the table. `ok` succeeds; `na` cannot happen (the state does not exist for keys the
 * operation applies to), so it succeeds; `xN` fails with footnote N; `cN` succeeds unless
 * footnote N's condition holds; `xA|B` fails with B when B's condition holds, else with A.
 */
type Cell = string;
/** Columns: Enabled, Disabled, PendingDeletion (and PendingReplicaDeletion), PendingImport, Unavailable, Creating, Updating. */
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell];

const CRYPTO: Row = ['ok', 'x1', 'x3', 'x5', 'x11', 'x14', 'ok'];
const SIGN: Row = ['ok', 'x1', 'x3', 'x5', 'na', 'x14', 'ok'];
const ALWAYS: Row = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const MANAGE: Row = ['ok', 'ok', 'x3', 'ok', 'ok', 'ok', 'ok'];
const ENABLE: Row = ['ok', 'ok', 'x3', 'x5', 'ok', 'x14', 'x15'];
const ROTATION: Row = ['c7', 'x1|7', 'x3|7', 'x6', 'x7', 'x14', 'c7'];

const TABLE: Readonly<Record<string, Row>> = {
  Encrypt: CRYPTO, Decrypt: CRYPTO, ReEncrypt: CRYPTO, GenerateDataKey: CRYPTO, GenerateDataKeyWithoutPlaintext: CRYPTO,
  // Correction 1: data key pairs fail with UnsupportedOperationException on an unavailable key.
  GenerateDataKeyPair: ['ok', 'x1', 'x3', 'x5', 'x7', 'x14', 'ok'],
  GenerateDataKeyPairWithoutPlaintext: ['ok', 'x1', 'x3', 'x5', 'x7', 'x14', 'ok'],
  Sign: SIGN, Verify: SIGN, GenerateMac: SIGN, VerifyMac: SIGN,
  // Correction 1: GetPublicKey has its own row (Disabled ✓ follows the current page, marked UNSURE there).
  GetPublicKey: ['ok', 'ok', 'x3', 'ok', 'na', 'x14', 'ok'],
  DeriveSharedSecret: ['ok', 'x1', 'x3', 'x5', 'na', 'x14', 'ok'],
  CreateGrant: ['ok', 'x1', 'x3', 'x5', 'ok', 'x14', 'ok'],
  DescribeKey: ALWAYS, GetKeyPolicy: ALWAYS, PutKeyPolicy: ALWAYS, ListGrants: ALWAYS, ListKeyPolicies: ALWAYS,
  ListResourceTags: ALWAYS, ListAliases: ALWAYS, RetireGrant: ALWAYS, RevokeGrant: ALWAYS, DeleteAlias: ALWAYS,
  CreateAlias: MANAGE,
  // Footnote 10 concerns the destination key: callers check UpdateAlias against the target key only.
  UpdateAlias: ['ok', 'ok', 'x10', 'ok', 'ok', 'ok', 'ok'],
  DisableKey: ENABLE, EnableKey: ENABLE,
  EnableKeyRotation: ROTATION, DisableKeyRotation: ROTATION,
  GetKeyRotationStatus: ['c7', 'c7', 'c7', 'x6', 'x7', 'c7', 'c7'],
  ScheduleKeyDeletion: ['ok', 'ok', 'x3', 'ok', 'ok', 'ok', 'x15'],
  CancelKeyDeletion: ['x4', 'x4', 'ok', 'x4', 'x4', 'x4', 'x4'],
  TagResource: MANAGE, UntagResource: MANAGE, UpdateKeyDescription: MANAGE,
  GetParametersForImport: ['c9', 'c9', 'x8|9', 'ok', 'x9', 'x14', 'x15'],
  // Correction 1 gives X[9] when pending deletion; a key that can hold imported material gets [8].
  ImportKeyMaterial: ['c9', 'c9', 'x8|9', 'ok', 'x9', 'x14', 'ok'],
  DeleteImportedKeyMaterial: ['c9', 'c9', 'c9', 'ok', 'na', 'x14', 'x15'],
  ReplicateKey: ['ok', 'x1', 'x3', 'x5', 'na', 'x14', 'x15'],
  UpdatePrimaryRegion: ['ok', 'x1', 'x3', 'x5', 'na', 'x14', 'ok'],
  RotateKeyOnDemand: ['c7', 'x1|7', 'x3|7', 'x5', 'x7', 'x14', 'c7'],
  ListKeyRotations: ['c7', 'c7', 'c7', 'ok', 'x7', 'c7', 'c7'],
};

const COLUMN: Readonly<Record<KeyState, number>> = {
  Enabled: 0, Disabled: 1, PendingDeletion: 2, PendingReplicaDeletion: 2, PendingImport: 3, Unavailable: 4, Creating: 5, Updating: 6,
};

const INVALID = 'KMSInvalidStateException';
const UNSUPPORTED = 'UnsupportedOperationException';

/** True when the key lives in a custom key store (CloudHSM or external key store). */
function inCustomStore(f: KeyFacts): boolean {
  return f.customKeyStore ?? (f.origin === 'AWS_CLOUDHSM' || f.origin === 'EXTERNAL_KEY_STORE');
}

/** Whether a footnote's condition holds for this key (only conditional footnotes 7 and 9 have one). */
function applies(n: number, f: KeyFacts): boolean {
  if (n === 7) return inCustomStore(f);
  if (n === 9) return f.origin !== 'EXTERNAL';
  return true;
}

/** The error of a footnote. Messages follow the key-state page; [7] and [9] wording is ours (AWS gives only the type). */
function footnote(n: number, state: KeyState, arn: string, f: KeyFacts): KmsStateError {
  const pending = state === 'PendingReplicaDeletion' ? 'pending replica deletion' : 'pending deletion';
  switch (n) {
    case 1: return { type: 'DisabledException', message: `${arn} is disabled.` };
    case 2: return { type: 'DisabledException', message: `${arn} is ${pending}.` };
    case 3: case 8: case 10: return { type: INVALID, message: `${arn} is ${pending}.` };
    case 4: return { type: INVALID, message: `${arn} is not ${pending}.` };
    case 5: return {
      type: INVALID,
      message: `${arn} is pending import because no key material has ever been imported or one of the imported key materials is deleted or expired.`,
    };
    case 6: return { type: UNSUPPORTED, message: `${arn} origin is EXTERNAL which is not valid for this operation.` };
    case 7: return { type: UNSUPPORTED, message: `${arn} is in a custom key store which is not valid for this operation.` };
    case 9: return { type: UNSUPPORTED, message: `${arn} origin is ${f.origin ?? 'AWS_KMS'} which is not valid for this operation.` };
    case 11: return { type: INVALID, message: `${arn} is unavailable.` };
    case 14: return { type: INVALID, message: `${arn} is creating.` };
    default: return { type: INVALID, message: `${arn} is updating.` };
  }
}

/**
 * The error KMS returns when `operation` is called on a key in `state`, or null when the state
 * allows it. For a cryptographic operation on a key pending deletion AWS documents either
 * DisabledException [2] or KMSInvalidStateException [3]; we return [3]. Operations that take no
 * key (CreateKey, ListKeys, GenerateRandom, …) and unknown names give null.
 */
export function keyStateError(operation: string, state: KeyState, keyArn: string, facts: KeyFacts = {}): KmsStateError | null {
  const row = TABLE[operation];
  const col = COLUMN[state];
  if (row === undefined || col === undefined) return null;
  const cell = row[col];
  if (cell === 'ok' || cell === 'na') return null;
  const nums = cell.slice(1).split('|').map(Number);
  if (cell.startsWith('c')) return applies(nums[0], facts) ? footnote(nums[0], state, keyArn, facts) : null;
  const alt = nums[1];
  if (alt !== undefined && applies(alt, facts)) return footnote(alt, state, keyArn, facts);
  return footnote(nums[0], state, keyArn, facts);
}

/** The operations the key-state table covers. */
export const KEY_STATE_OPERATIONS: readonly string[] = Object.keys(TABLE);
