/**
 * @module backend/lifecycle
 * Events the clock drives: a key whose deletion waiting period is over is deleted with its key
 * material, aliases and grants; a primary multi-Region key waits in PendingReplicaDeletion until its
 * replicas are gone and then starts its own waiting period; automatic rotation adds new material
 * every RotationPeriodInDays (only while the key is enabled; a disabled key rotates when
 * re-enabled); imported material past its ValidTo is deleted and the key becomes PendingImport.
 * https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-delete.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-manage.html
 */
import { addGeneratedMaterial } from './key-factory.js';
import type { KeyRecord } from './records.js';
import type { Repo } from './repo.js';
import { NEXT_DUE, dueAt } from './schedule.js';

const DAY = 86_400_000;

/** Deletes a key and everything that belongs to it (really gone: material secrets too). */
export function destroyKey(repo: Repo, k: KeyRecord): void {
  for (const m of repo.materialsOf(k.arn)) repo.deleteMaterial(k.arn, m.materialId);
  for (const a of repo.aliasesOf(k)) repo.deleteAlias(a.aliasArn);
  for (const g of repo.grantsOf(k.arn)) repo.deleteGrant(g);
  if (k.multiRegionKeyType === 'REPLICA' && k.primaryArn !== undefined) {
    const p = repo.key(k.primaryArn);
    if (p) {
      p.replicaArns = p.replicaArns.filter((a) => a !== k.arn);
      repo.putKey(p);
    }
  }
  repo.deleteKey(k.arn);
}

/** Adds automatic-rotation material to a key (and to its replicas, which share it). */
export function rotate(repo: Repo, k: KeyRecord, at: number, type: 'AUTOMATIC' | 'ON_DEMAND'): void {
  const m = addGeneratedMaterial(repo, k, at, type);
  const secret = repo.secret(k.arn, m.materialId);
  for (const arn of k.replicaArns) {
    const r = repo.key(arn);
    if (!r) continue;
    repo.putMaterial({ ...m, keyArn: arn }, secret);
    r.currentMaterial = m.materialId;
    repo.putKey(r);
  }
}

function step(repo: Repo, k: KeyRecord, now: number): boolean {
  if (k.settleAt !== undefined && k.settleAt <= now) {
    if (k.settleTo !== undefined && (k.state === 'Creating' || k.state === 'Updating')) k.state = k.settleTo;
    delete k.settleAt;
    delete k.settleTo;
  }
  if (k.state === 'PendingDeletion' && k.deletionDate !== undefined && k.deletionDate <= now) {
    destroyKey(repo, k);
    return false;
  }
  if (k.state === 'PendingReplicaDeletion' && k.multiRegionKeyType === 'PRIMARY' && k.replicaArns.length === 0) {
    k.state = 'PendingDeletion';
    k.deletionDate = now + (k.pendingWindowInDays ?? 30) * DAY;
  }
  while (k.rotationEnabled && k.state === 'Enabled' && k.nextRotationDate !== undefined && k.nextRotationDate <= now) {
    rotate(repo, k, k.nextRotationDate, 'AUTOMATIC');
    k.nextRotationDate += (k.rotationPeriodInDays ?? 365) * DAY;
  }
  if (k.expirationModel === 'KEY_MATERIAL_EXPIRES' && k.validTo !== undefined && k.validTo <= now) {
    for (const m of repo.materialsOf(k.arn)) {
      if (!m.imported) continue;
      repo.tx.deleteSecret(`${k.arn}#${m.materialId}`);
      repo.putMaterial({ ...m, present: false });
    }
    delete k.validTo;
    delete k.currentMaterial;
    if (k.state === 'Enabled' || k.state === 'Disabled') k.state = 'PendingImport';
  }
  repo.putKey(k);
  return true;
}

/** True when something may be due at `now` (one meta read; a store without the row has never been scanned). */
export function isDue(repo: Repo, now: number): boolean {
  const next = repo.meta<number | null>(NEXT_DUE);
  return next === undefined || (next !== null && next <= now);
}

/** Runs everything due at `now` (cheap when nothing is: one meta read). */
export function runDue(repo: Repo, now: number, force = false): void {
  const next = repo.meta<number | null>(NEXT_DUE);
  if (!force && next !== undefined && (next === null || next > now)) return;
  let min = Number.POSITIVE_INFINITY;
  // Replicas first, so a primary waiting for its replicas sees them gone in the same pass.
  const keys = repo.allKeys().sort((a, b) => (a.multiRegionKeyType === 'REPLICA' ? 0 : 1) - (b.multiRegionKeyType === 'REPLICA' ? 0 : 1));
  for (const k0 of keys) {
    const k = repo.key(k0.arn);
    if (!k) continue;
    if (dueAt(k) <= now && !step(repo, k, now)) continue;
    const after = repo.key(k.arn);
    if (after) min = Math.min(min, dueAt(after));
  }
  repo.putMeta(NEXT_DUE, min === Number.POSITIVE_INFINITY ? null : min);
}
