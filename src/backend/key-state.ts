/**
 * @module backend/key-state
 * The key state table: which operations a key in each state accepts, and the error otherwise,
 * checked after authorization (an unauthorized caller learns nothing about the key's state).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 * Where the page allows either DisabledException [2] or KMSInvalidStateException [3] for a
 * cryptographic operation on a key pending deletion, we answer [3], the form recorded against AWS.
 * Where the page is conditional on the key's origin or custom key store ([6], [7], [9]), the
 * operation checks the origin itself.
 */
import type { KeyState } from './records.js';
import { fail } from './errors.js';

// Columns: Enabled Disabled PendingDeletion PendingReplicaDeletion PendingImport Unavailable Creating Updating.
// '.' ok · D disabled [1] · P pending (replica) deletion [3] · N not pending deletion [4] · I pending import [5]
// · U unavailable [11] · C creating [14] · W updating [15].
const STATES: readonly KeyState[] = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingReplicaDeletion', 'PendingImport', 'Unavailable', 'Creating', 'Updating'];
const CRYPTO = '.DPPIUC.';
const ROWS: Readonly<Record<string, string>> = {
  Encrypt: CRYPTO, Decrypt: CRYPTO, ReEncrypt: CRYPTO, GenerateDataKey: CRYPTO, GenerateDataKeyWithoutPlaintext: CRYPTO,
  GenerateDataKeyPair: CRYPTO, GenerateDataKeyPairWithoutPlaintext: CRYPTO,
  Sign: '.DPPI.C.', Verify: '.DPPI.C.', GenerateMac: '.DPPI.C.', VerifyMac: '.DPPI.C.',
  GetPublicKey: '..PP..C.', DeriveSharedSecret: '.DPPI.C.', CreateGrant: '.DPPI.C.',
  CreateAlias: '..PP....', UpdateAlias: '..PP....',
  EnableKey: '..PPI.CW', DisableKey: '..PPI.CW',
  EnableKeyRotation: '.DPP.UC.', DisableKeyRotation: '.DPP.UC.', GetKeyRotationStatus: '.....U..',
  ScheduleKeyDeletion: '..PP...W', CancelKeyDeletion: 'NN..NNNN',
  TagResource: '..PP....', UntagResource: '..PP....', UpdateKeyDescription: '..PP....',
  GetParametersForImport: '..PP.UCW', ImportKeyMaterial: '..PP.UC.', DeleteImportedKeyMaterial: '......CW',
  ReplicateKey: '.DPPI.CW', UpdatePrimaryRegion: '.DPPI.C.', RotateKeyOnDemand: '.DPPIUC.', ListKeyRotations: '.....U..',
};

function pendingWord(state: KeyState): string {
  return state === 'PendingReplicaDeletion' ? 'pending replica deletion' : 'pending deletion';
}

/** Aborts with the documented error when `state` refuses `operation` on key `arn`. */
export function checkKeyState(operation: string, state: KeyState, arn: string): void {
  const row = ROWS[operation];
  if (row === undefined) return;
  const code = row[STATES.indexOf(state)];
  switch (code) {
    case 'D': return fail('DisabledException', `${arn} is disabled.`);
    case 'P': return fail('KMSInvalidStateException', `${arn} is ${pendingWord(state)}.`);
    case 'N': return fail('KMSInvalidStateException', `${arn} is not pending deletion.`);
    case 'I': return fail('KMSInvalidStateException', `${arn} is pending import.`);
    case 'U': return fail('KMSInvalidStateException', `${arn} is unavailable.`);
    case 'C': return fail('KMSInvalidStateException', `${arn} is creating.`);
    case 'W': return fail('KMSInvalidStateException', `${arn} is updating.`);
    default: return;
  }
}
