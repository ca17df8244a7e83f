/**
 * @module backend/key-factory
 * Making a key record with its first key material: CreateKey, ReplicateKey, AWS managed keys and
 * world seeding all come through here. A key created without a policy gets the API default key
 * policy (one statement giving the account `kms:*`, which enables IAM policies).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
 */
import { randomBytes } from 'node:crypto';
import { generateKeyMaterial, isCryptoFailure } from './crypto/index.js';
import { fail } from './errors.js';
import { keyArn, newKeyId } from './ids.js';
import type { KeyRecord, KeyState, MaterialRecord } from './records.js';
import type { Repo } from './repo.js';

/** The API default key policy of an account, as GetKeyPolicy shows it. */
export function defaultKeyPolicy(account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
    ],
  });
}

/** A new 64-hex key material id (the KeyMaterialId form of the API). */
export function newMaterialId(): string {
  return randomBytes(32).toString('hex');
}

/** What a new key is made of. */
export interface NewKey {
  readonly account: string;
  readonly region: string;
  readonly keyId?: string;
  readonly keySpec: string;
  readonly keyUsage: string;
  readonly origin: string;
  readonly keyManager: 'CUSTOMER' | 'AWS';
  readonly description: string;
  readonly policy?: string;
  readonly tags?: Record<string, string>;
  readonly multiRegion: boolean;
  readonly multiRegionKeyType?: 'PRIMARY' | 'REPLICA';
  readonly primaryArn?: string;
  readonly state?: KeyState;
  readonly customKeyStoreId?: string;
  /** Material to share (replicas share the primary's); absent = generate (not for EXTERNAL). */
  readonly materials?: readonly { readonly record: MaterialRecord; readonly secret?: Uint8Array }[];
  readonly currentMaterial?: string;
}

/** Generates one material version for `k`; UnsupportedOperationException for specs the simulator cannot make. */
export function addGeneratedMaterial(repo: Repo, k: KeyRecord, now: number, rotationType?: 'AUTOMATIC' | 'ON_DEMAND'): MaterialRecord {
  const m = generateKeyMaterial(k.keySpec);
  if (isCryptoFailure(m)) return fail('UnsupportedOperationException', m.message);
  const rec: MaterialRecord = {
    materialId: newMaterialId(),
    keyArn: k.arn,
    createdAt: now,
    imported: false,
    ...(m.publicKey ? { publicKey: Buffer.from(m.publicKey).toString('base64') } : {}),
    ...(rotationType ? { rotationType } : {}),
  };
  repo.putMaterial(rec, m.secret);
  k.currentMaterial = rec.materialId;
  return rec;
}

/** Creates and stores a key (and its first material unless EXTERNAL or shared). */
export function createKeyRecord(repo: Repo, n: NewKey, now: number): KeyRecord {
  const keyId = n.keyId ?? newKeyId(n.multiRegion);
  const arn = keyArn(n.region, n.account, keyId);
  const k: KeyRecord = {
    keyId,
    arn,
    account: n.account,
    region: n.region,
    description: n.description,
    keySpec: n.keySpec,
    keyUsage: n.keyUsage,
    origin: n.origin,
    keyManager: n.keyManager,
    state: n.state ?? (n.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled'),
    creationDate: now,
    policy: n.policy ?? defaultKeyPolicy(n.account),
    defaultPolicy: n.policy === undefined,
    tags: { ...n.tags },
    rev: 0,
    rotationEnabled: false,
    onDemandRotations: 0,
    multiRegion: n.multiRegion,
    ...(n.multiRegionKeyType ? { multiRegionKeyType: n.multiRegionKeyType, primaryArn: n.primaryArn ?? arn } : {}),
    replicaArns: [],
    ...(n.customKeyStoreId !== undefined ? { customKeyStoreId: n.customKeyStoreId } : {}),
  };
  if (n.materials) {
    for (const m of n.materials) repo.putMaterial({ ...m.record, keyArn: arn }, m.secret);
    if (n.currentMaterial !== undefined) k.currentMaterial = n.currentMaterial;
  } else if (n.origin !== 'EXTERNAL') {
    addGeneratedMaterial(repo, k, now);
  }
  repo.putKey(k);
  return k;
}
