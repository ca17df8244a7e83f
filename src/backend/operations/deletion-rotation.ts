/**
 * @module backend/operations/deletion-rotation
 * ScheduleKeyDeletion (7–30 days, default 30; a primary multi-Region key with replicas waits in
 * PendingReplicaDeletion), CancelKeyDeletion (→ Disabled), Enable/DisableKeyRotation
 * (RotationPeriodInDays 90–2560, default 365), GetKeyRotationStatus, RotateKeyOnDemand (25 per
 * key), ListKeyRotations. The clock carries out deletions and rotations (see lifecycle.ts).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
 */
import { authorizeKey } from '../authz.js';
import type { Handler } from '../context.js';
import { fail } from '../errors.js';
import { checkKeyState } from '../key-state.js';
import { rotate } from '../lifecycle.js';
import type { KeyRecord } from '../records.js';
import { resolveKey } from '../resolve.js';
import { customerManaged, trailingDays } from './keys.js';
import { page } from './paging.js';
import { epoch, optInt, str } from './params.js';

const DAY = 86_400_000;
/** On-demand rotations per key (not adjustable). */
export const MAX_ON_DEMAND_ROTATIONS = 25;

const scheduleKeyDeletion: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const days = optInt(input, 'PendingWindowInDays') ?? 30;
  authorizeKey(ctx, 'kms:ScheduleKeyDeletion', k, { context: { 'kms:ScheduleKeyDeletionPendingWindowInDays': String(days), ...trailingDays(ctx, k) } });
  customerManaged(k);
  if (days < 7 || days > 30) fail('ValidationException', 'PendingWindowInDays must be between 7 and 30');
  checkKeyState('ScheduleKeyDeletion', k);
  k.pendingWindowInDays = days;
  if (k.multiRegionKeyType === 'PRIMARY' && k.replicaArns.length > 0) {
    k.state = 'PendingReplicaDeletion';
    delete k.deletionDate;
  } else {
    k.state = 'PendingDeletion';
    k.deletionDate = ctx.now + days * DAY;
  }
  ctx.repo.putKey(k);
  return { KeyId: k.arn, KeyState: k.state, PendingWindowInDays: days, ...(k.deletionDate !== undefined ? { DeletionDate: epoch(k.deletionDate) } : {}) };
};

const cancelKeyDeletion: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:CancelKeyDeletion', k);
  customerManaged(k);
  checkKeyState('CancelKeyDeletion', k);
  k.state = 'Disabled';
  delete k.deletionDate;
  delete k.pendingWindowInDays;
  ctx.repo.putKey(k);
  return { KeyId: k.arn };
};

/** Automatic rotation applies to symmetric keys with AWS_KMS material, and not to replicas. */
function rotatable(k: KeyRecord, onDemand: boolean): void {
  if (k.keySpec !== 'SYMMETRIC_DEFAULT') fail('UnsupportedOperationException', onDemand ? '' : `${k.arn} key spec ${k.keySpec} does not support automatic rotation.`);
  if (k.customKeyStoreId !== undefined) fail('UnsupportedOperationException', `${k.arn} origin is ${k.origin} which is not valid for this operation.`);
  if (!onDemand && k.origin === 'EXTERNAL') fail('UnsupportedOperationException', `${k.arn} origin is EXTERNAL which is not valid for this operation.`);
  if (k.multiRegionKeyType === 'REPLICA') fail('UnsupportedOperationException', `${k.arn} is a multi-Region replica key: rotation is managed on its primary key.`);
}

const enableKeyRotation: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const days = optInt(input, 'RotationPeriodInDays') ?? 365;
  authorizeKey(ctx, 'kms:EnableKeyRotation', k, { context: { 'kms:RotationPeriodInDays': String(days) } });
  customerManaged(k);
  checkKeyState('EnableKeyRotation', k);
  rotatable(k, false);
  k.rotationEnabled = true;
  k.rotationPeriodInDays = days;
  k.nextRotationDate = ctx.now + days * DAY;
  ctx.repo.putKey(k);
  return {};
};

const disableKeyRotation: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:DisableKeyRotation', k);
  customerManaged(k);
  checkKeyState('DisableKeyRotation', k);
  rotatable(k, false);
  k.rotationEnabled = false;
  delete k.nextRotationDate;
  ctx.repo.putKey(k);
  return {};
};

const getKeyRotationStatus: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:GetKeyRotationStatus', k);
  checkKeyState('GetKeyRotationStatus', k);
  if (k.origin === 'EXTERNAL' || k.customKeyStoreId !== undefined) fail('UnsupportedOperationException', `${k.arn} origin is ${k.origin} which is not valid for this operation.`);
  const primary = k.multiRegionKeyType === 'REPLICA' && k.primaryArn !== undefined ? ctx.repo.key(k.primaryArn) ?? k : k;
  const last = ctx.repo.materialsOf(k.arn).filter((m) => m.rotationType === 'ON_DEMAND').pop();
  return {
    KeyRotationEnabled: primary.rotationEnabled,
    KeyId: k.arn,
    ...(primary.rotationEnabled && primary.rotationPeriodInDays !== undefined ? { RotationPeriodInDays: primary.rotationPeriodInDays } : {}),
    ...(primary.rotationEnabled && primary.nextRotationDate !== undefined ? { NextRotationDate: epoch(primary.nextRotationDate) } : {}),
    ...(last ? { OnDemandRotationStartDate: epoch(last.createdAt) } : {}),
  };
};

const rotateKeyOnDemand: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:RotateKeyOnDemand', k);
  customerManaged(k);
  checkKeyState('RotateKeyOnDemand', k);
  rotatable(k, true);
  if (k.onDemandRotations >= MAX_ON_DEMAND_ROTATIONS) {
    fail('LimitExceededException', `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${k.arn}`);
  }
  if (k.origin === 'EXTERNAL') {
    const pending = ctx.repo.materialsOf(k.arn).find((m) => m.pendingRotation === true && m.present !== false);
    if (!pending) fail('KMSInvalidStateException', `No available key material pending rotation for the key: ${k.arn}.`);
    ctx.repo.putMaterial({ ...pending, pendingRotation: false, rotationType: 'ON_DEMAND', createdAt: ctx.now });
    k.currentMaterial = pending.materialId;
  } else {
    rotate(ctx.repo, k, ctx.now, 'ON_DEMAND');
  }
  k.onDemandRotations += 1;
  ctx.repo.putKey(k);
  return { KeyId: k.arn };
};

const listKeyRotations: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  authorizeKey(ctx, 'kms:ListKeyRotations', k);
  checkKeyState('ListKeyRotations', k);
  if (k.keySpec !== 'SYMMETRIC_DEFAULT' || k.customKeyStoreId !== undefined) fail('UnsupportedOperationException', `${k.arn} key spec or origin is not valid for this operation.`);
  const all = ctx.repo.materialsOf(k.arn).filter((m) => m.rotationType !== undefined);
  const p = page(all, input, 100);
  return {
    Rotations: p.items.map((m) => ({ KeyId: k.arn, KeyMaterialId: m.materialId, RotationDate: epoch(m.createdAt), RotationType: m.rotationType, KeyMaterialState: m.materialId === k.currentMaterial ? 'CURRENT' : 'NON_CURRENT' })),
    Truncated: p.truncated,
    ...(p.nextMarker !== undefined ? { NextMarker: p.nextMarker } : {}),
  };
};

/** The handlers of this module. */
export const DELETION_ROTATION_HANDLERS: Readonly<Record<string, Handler>> = {
  ScheduleKeyDeletion: scheduleKeyDeletion, CancelKeyDeletion: cancelKeyDeletion, EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation, GetKeyRotationStatus: getKeyRotationStatus, RotateKeyOnDemand: rotateKeyOnDemand, ListKeyRotations: listKeyRotations,
};
