/**
 * @module backend/schedule
 * When a key next has a lifecycle event due (deletion, rotation, material expiry). The store keeps
 * the earliest such time so that a call does not scan every key when nothing is due.
 * https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
 */
import type { KeyRecord } from './records.js';

/** The meta row holding the earliest due time (null = nothing scheduled). */
export const NEXT_DUE = 'lifecycle:nextDue';

/** The earliest time at which `k` has something due, or Infinity. */
export function dueAt(k: KeyRecord): number {
  let t = Number.POSITIVE_INFINITY;
  if (k.deletionDate !== undefined && k.state === 'PendingDeletion') t = Math.min(t, k.deletionDate);
  if (k.rotationEnabled && k.nextRotationDate !== undefined && k.state === 'Enabled') t = Math.min(t, k.nextRotationDate);
  if (k.validTo !== undefined && k.expirationModel === 'KEY_MATERIAL_EXPIRES') t = Math.min(t, k.validTo);
  if (k.settleAt !== undefined) t = Math.min(t, k.settleAt);
  if (k.state === 'PendingReplicaDeletion' && k.multiRegionKeyType === 'PRIMARY' && k.replicaArns.length === 0) t = 0;
  return t;
}
