/**
 * @module backend/operations/usage
 * Checks shared by the cryptographic operations: key state (after authorization), key usage, and
 * the key material in use. Messages are the ones recorded against AWS.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html (InvalidKeyUsageException)
 */
import type { OpCtx } from '../context.js';
import { fail, invalidKeyUsage } from '../errors.js';
import { checkKeyState, pendingImportMessage } from '../key-state.js';
import type { KeyRecord } from '../records.js';

/** Key state, then key usage, for a cryptographic operation (`display` names it in the usage message). */
export function usable(k: KeyRecord, operation: string, usage: string, display = operation): void {
  checkKeyState(operation, k);
  if (k.keyUsage !== usage) invalidKeyUsage(k.arn, k.keyUsage, display);
}

/** The current material of a key and its secret. */
export function currentSecret(ctx: OpCtx, k: KeyRecord): { readonly materialId: string; readonly secret: Uint8Array } {
  const id = k.currentMaterial;
  const secret = id !== undefined ? ctx.repo.secret(k.arn, id) : undefined;
  if (id === undefined || secret === undefined) return fail('KMSInvalidStateException', pendingImportMessage(k));
  return { materialId: id, secret };
}

/** A symmetric-only feature (encryption context, data keys) used with another key spec. */
export function symmetricOnly(k: KeyRecord, operation: string): void {
  if (k.keySpec !== 'SYMMETRIC_DEFAULT') fail('InvalidKeyUsageException', `${k.arn} key spec is ${k.keySpec} which is not valid for ${operation}.`);
}
