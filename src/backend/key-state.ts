/**
 * @module backend/key-state
 * The key state table, checked after authorization (an unauthorized caller learns nothing about
 * the key's state). The table itself is the catalogue's `keyStateError`, the one the evaluator
 * uses too, so both front doors answer alike; this module only supplies the key's facts (origin,
 * custom key store, key spec) and raises the error.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import { keyStateError } from '../catalogue/index.js';
import { KMS_ERRORS, fail, type KmsErrorType } from './errors.js';
import type { KeyRecord } from './records.js';

/** Aborts with the documented error when the key's state refuses `operation`. */
export function checkKeyState(operation: string, k: KeyRecord): void {
  const e = keyStateError(operation, k.state, k.arn, { origin: k.origin, customKeyStore: k.customKeyStoreId !== undefined, keySpec: k.keySpec });
  if (e !== null) fail(Object.hasOwn(KMS_ERRORS, e.type) ? (e.type as KmsErrorType) : 'KMSInvalidStateException', e.message);
}

/** The message of a key that has no usable key material (pending import). */
export function pendingImportMessage(k: KeyRecord): string {
  return keyStateError('Encrypt', 'PendingImport', k.arn)?.message ?? `${k.arn} is pending import.`;
}
