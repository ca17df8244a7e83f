/**
 * @module backend/seed
 * Seeds the keys of the world (contract "World" keys: ARN, policy, grants, tags, aliases, state,
 * key spec, usage, origin, multi-Region, key manager) into the store the first time each is seen,
 * with fresh key material. A key already in the store is left as the store has it: the store is
 * the truth once a key exists.
 */
import { randomBytes } from 'node:crypto';
import type { WorldKey } from '../world/types.js';
import { fail } from './errors.js';
import { tokenRow } from './grant-tokens.js';
import { aliasArn, keyArn } from './ids.js';
import { addGeneratedMaterial, createKeyRecord } from './key-factory.js';
import { MANAGED_KEY_ROTATION_DAYS } from './managed-keys.js';
import type { Repo } from './repo.js';

const KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;

/** Creates the store's copy of each world key not yet held. Returns the ARNs created. */
export function seedWorldKeys(repo: Repo, keys: readonly WorldKey[], now: number): string[] {
  const created: string[] = [];
  for (const wk of keys) {
    const m = KEY_ARN.exec(wk.arn);
    if (!m) fail('ValidationException', `world key ARN ${wk.arn} is not a key ARN`);
    const [, region, account, keyId] = m as unknown as [string, string, string, string];
    if (repo.key(keyArn(region, account, keyId))) continue;
    const origin = wk.origin ?? 'AWS_KMS';
    const policy = wk.policy === undefined ? undefined : typeof wk.policy === 'string' ? wk.policy : JSON.stringify(wk.policy);
    const multiRegion = wk.multiRegion === true;
    const k = createKeyRecord(repo, {
      account, region, keyId, keySpec: wk.keySpec ?? 'SYMMETRIC_DEFAULT', keyUsage: wk.keyUsage ?? 'ENCRYPT_DECRYPT', origin,
      keyManager: wk.keyManager ?? 'CUSTOMER', description: '', ...(policy !== undefined ? { policy } : {}), tags: { ...wk.tags }, multiRegion,
      ...(multiRegion ? { multiRegionKeyType: wk.multiRegionKeyType ?? 'PRIMARY' } : {}), state: wk.state ?? 'Enabled',
    }, now);
    if (origin === 'EXTERNAL' && k.state !== 'PendingImport') {
      addGeneratedMaterial(repo, k, now);
      k.expirationModel = 'KEY_MATERIAL_DOES_NOT_EXPIRE';
    }
    // A world key given as PendingDeletion gets the default 30-day waiting period from the time it is seeded.
    if (k.state === 'PendingDeletion') {
      k.pendingWindowInDays = 30;
      k.deletionDate = now + 30 * 86_400_000;
    }
    if (k.keyManager === 'AWS') {
      k.rotationEnabled = true;
      k.rotationPeriodInDays = MANAGED_KEY_ROTATION_DAYS;
      k.nextRotationDate = now + MANAGED_KEY_ROTATION_DAYS * 86_400_000;
    }
    repo.putKey(k);
    for (const name of wk.aliases ?? []) {
      const arn = aliasArn(region, account, name);
      repo.putAlias({ aliasName: name, aliasArn: arn, account, region, targetKeyArn: k.arn, targetKeyId: k.keyId, creationDate: now, lastUpdatedDate: now });
    }
    for (const g of wk.grants ?? []) {
      const grantToken = g.grantToken ?? randomBytes(32).toString('base64url');
      repo.putMeta(tokenRow(grantToken), { keyArn: k.arn, grantId: g.grantId });
      repo.putGrant({
        grantId: g.grantId, keyArn: k.arn, ...(g.name !== undefined ? { name: g.name } : {}), granteePrincipal: g.granteePrincipal,
        ...(g.retiringPrincipal !== undefined ? { retiringPrincipal: g.retiringPrincipal } : {}), operations: g.operations,
        ...(g.constraints !== undefined ? { constraints: g.constraints } : {}), issuingAccount: g.issuingAccount ?? `arn:aws:iam::${account}:root`,
        creationDate: now, grantToken, propagatesAt: g.propagated === false ? Number.MAX_SAFE_INTEGER : 0,
      });
    }
    created.push(k.arn);
  }
  return created;
}
