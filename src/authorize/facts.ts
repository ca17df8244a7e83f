/**
 * @module authorize/facts
 * The two per-operation facts the flow needs: whether an operation works across accounts, and
 * the error an authorized call gets from the key's state.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import type { DecisionError } from '../model/decision.js';
import type { CompiledKey } from '../world/compiled-types.js';

/** Operations whose cross-account permission is effective (spec §2.3), case-folded. */
const CROSS_ACCOUNT = new Set([
  'decrypt', 'encrypt', 'generatedatakey', 'generatedatakeypair', 'generatedatakeypairwithoutplaintext',
  'generatedatakeywithoutplaintext', 'generatemac', 'verifymac', 'reencryptfrom', 'reencryptto', 'reencrypt',
  'sign', 'verify', 'derivesharedsecret', 'creategrant', 'describekey', 'getkeyrotationstatus', 'getpublickey',
  'listgrants', 'retiregrant', 'revokegrant',
].map((o) => `kms:${o}`));

/** Whether a principal of another account can be allowed this (case-folded) action. */
export function crossAccountAllowed(actionLower: string): boolean {
  return CROSS_ACCOUNT.has(actionLower);
}

type Outcome = 'ok' | 'disabled' | 'pending-deletion' | 'not-pending-deletion' | 'pending-import' | 'unavailable' | 'creating' | 'updating' | 'external-origin';
type Row = readonly [enabled: Outcome, disabled: Outcome, pendingDeletion: Outcome, pendingImport: Outcome, unavailable: Outcome, creating: Outcome, updating: Outcome];

const CRYPTO: Row = ['ok', 'disabled', 'pending-deletion', 'pending-import', 'unavailable', 'creating', 'ok'];
const SIGN: Row = ['ok', 'disabled', 'pending-deletion', 'pending-import', 'ok', 'creating', 'ok'];
const ADMIN: Row = ['ok', 'ok', 'pending-deletion', 'ok', 'ok', 'ok', 'ok'];

/** Key-state table rows (spec §9.2 with its Corrections); operations not listed succeed in every state. */
const TABLE: ReadonlyMap<string, Row> = new Map<string, Row>([
  ...['Encrypt', 'Decrypt', 'ReEncrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'DeriveSharedSecret'].map((o) => [o, CRYPTO] as const),
  ...['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'].map((o) => [o, CRYPTO] as const),
  ...['Sign', 'Verify', 'GenerateMac', 'VerifyMac'].map((o) => [o, SIGN] as const),
  ['GetPublicKey', ['ok', 'ok', 'pending-deletion', 'ok', 'ok', 'creating', 'ok']],
  ['CreateGrant', ['ok', 'disabled', 'pending-deletion', 'pending-import', 'ok', 'creating', 'ok']],
  ...['CreateAlias', 'TagResource', 'UntagResource', 'UpdateKeyDescription'].map((o) => [o, ADMIN] as const),
  ...['DisableKey', 'EnableKey'].map((o) => [o, ['ok', 'ok', 'pending-deletion', 'pending-import', 'ok', 'creating', 'updating']] as const),
  ['ScheduleKeyDeletion', ['ok', 'ok', 'pending-deletion', 'ok', 'ok', 'ok', 'updating']],
  ['CancelKeyDeletion', ['not-pending-deletion', 'not-pending-deletion', 'ok', 'not-pending-deletion', 'not-pending-deletion', 'not-pending-deletion', 'not-pending-deletion']],
  ...['EnableKeyRotation', 'DisableKeyRotation'].map((o) => [o, ['ok', 'disabled', 'pending-deletion', 'external-origin', 'ok', 'creating', 'ok']] as const),
  ['GetKeyRotationStatus', ['ok', 'ok', 'ok', 'external-origin', 'ok', 'ok', 'ok']],
  ...['ReplicateKey'].map((o) => [o, ['ok', 'disabled', 'pending-deletion', 'pending-import', 'ok', 'creating', 'updating']] as const),
  ['UpdatePrimaryRegion', ['ok', 'disabled', 'pending-deletion', 'pending-import', 'ok', 'creating', 'ok']],
]);

const COLUMN: Readonly<Record<CompiledKey['state'], number>> = {
  Enabled: 0, Disabled: 1, PendingDeletion: 2, PendingReplicaDeletion: 2, PendingImport: 3, Unavailable: 4, Creating: 5, Updating: 6,
};

/**
 * The key-state error of an authorized call, or null. For cryptographic operations on a key
 * pending deletion AWS documents either DisabledException or KMSInvalidStateException (§9.2
 * [UNSURE]); we return KMSInvalidStateException, as the key-state page's footnote 3 words it.
 */
export function keyStateErrorOf(operation: string, key: CompiledKey): DecisionError | null {
  if (key.state === 'Enabled') return null;
  const row = TABLE.get(operation);
  if (row === undefined) return null;
  const o = row[COLUMN[key.state]];
  const arn = key.arn;
  const pending = key.state === 'PendingReplicaDeletion' ? 'pending replica deletion' : 'pending deletion';
  switch (o) {
    case 'ok': case undefined: return null;
    case 'disabled': return { type: 'DisabledException', message: `${arn} is disabled.` };
    case 'pending-deletion': return { type: 'KMSInvalidStateException', message: `${arn} is ${pending}.` };
    case 'not-pending-deletion': return { type: 'KMSInvalidStateException', message: `${arn} is not pending deletion.` };
    case 'pending-import': return { type: 'KMSInvalidStateException', message: `${arn} is pending import because no key material has ever been imported or one of the imported key materials is deleted or expired.` };
    case 'unavailable': return { type: 'KMSInvalidStateException', message: `${arn} is unavailable.` };
    case 'creating': return { type: 'KMSInvalidStateException', message: `${arn} is creating.` };
    case 'updating': return { type: 'KMSInvalidStateException', message: `${arn} is updating.` };
    case 'external-origin': return { type: 'UnsupportedOperationException', message: `${arn} origin is EXTERNAL which is not valid for this operation.` };
  }
}
