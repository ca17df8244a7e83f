/**
 * @module backend/operations/multi-region
 * ReplicateKey (a replica of a multi-Region primary key in another Region of the same account,
 * sharing its key id and key material; created in the Creating state) and UpdatePrimaryRegion
 * (swaps the primary and a replica; both are Updating until the change completes).
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 */
import { authorizeAccount, authorizeKey } from '../authz.js';
import type { Handler, OpCtx } from '../context.js';
import { fail } from '../errors.js';
import { keyArn, regionOf } from '../ids.js';
import { createKeyRecord } from '../key-factory.js';
import { checkKeyState } from '../key-state.js';
import { checkLockout, checkPolicyDocument } from '../policy-check.js';
import type { KeyRecord } from '../records.js';
import { resolveKey } from '../resolve.js';
import { MAX_TAGS, customerManaged } from './keys.js';
import { keyMetadata } from './metadata.js';
import { bool, optStr, str, tagContext, tagsOf } from './params.js';

function primaryOf(k: KeyRecord): void {
  if (!k.multiRegion || k.multiRegionKeyType !== 'PRIMARY') fail('UnsupportedOperationException', `${k.arn} is not a multi-region primary key.`);
}

const replicateKey: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const region = str(input, 'ReplicaRegion');
  authorizeKey(ctx, 'kms:ReplicateKey', k, { context: { 'kms:ReplicaRegion': region } });
  customerManaged(k);
  primaryOf(k);
  checkKeyState('ReplicateKey', k);
  const tags = tagsOf(input);
  if (Object.keys(tags).length > MAX_TAGS) fail('TagException', 'Too many tags');
  // The replica is created in the replica Region: CreateKey (and TagResource for tags) are asked there.
  const there: OpCtx = { ...ctx, region };
  authorizeAccount(there, 'kms:CreateKey', { context: { 'kms:MultiRegion': 'true', 'kms:MultiRegionKeyType': 'REPLICA', 'kms:KeySpec': k.keySpec, 'kms:KeyUsage': k.keyUsage, 'kms:KeyOrigin': k.origin } });
  if (Object.keys(tags).length > 0) authorizeAccount(there, 'kms:TagResource', { context: tagContext(tags) });
  if (region === k.region) fail('ValidationException', `The replica Region ${region} is the Region of the primary key.`);
  const arn = keyArn(region, k.account, k.keyId);
  if (ctx.repo.key(arn)) fail('AlreadyExistsException', `A replica of ${k.arn} already exists in ${region}.`);
  const policy = optStr(input, 'Policy');
  if (policy !== undefined) checkPolicyDocument(policy, ctx);
  const materials = ctx.repo.materialsOf(k.arn).map((m) => ({ record: m, ...secretOf(ctx, k, m.materialId) }));
  const r = createKeyRecord(ctx.repo, {
    account: k.account, region, keyId: k.keyId, keySpec: k.keySpec, keyUsage: k.keyUsage, origin: k.origin, keyManager: 'CUSTOMER',
    description: optStr(input, 'Description') ?? k.description, ...(policy !== undefined ? { policy } : {}), tags, multiRegion: true,
    multiRegionKeyType: 'REPLICA', primaryArn: k.arn, state: 'Creating', materials, ...(k.currentMaterial !== undefined ? { currentMaterial: k.currentMaterial } : {}),
  }, ctx.now);
  ctx.resources.push(r.arn);
  if (policy !== undefined && !bool(input, 'BypassPolicyLockoutSafetyCheck')) checkLockout(there, r, policy);
  // KMS finishes creating a replica asynchronously; here it is Enabled from the next call on.
  r.settleAt = ctx.now;
  r.settleTo = k.origin === 'EXTERNAL' && k.currentMaterial === undefined ? 'PendingImport' : 'Enabled';
  if (k.expirationModel !== undefined) r.expirationModel = k.expirationModel;
  if (k.importedFingerprint !== undefined) r.importedFingerprint = k.importedFingerprint;
  ctx.repo.putKey(r);
  k.replicaArns = [...k.replicaArns, r.arn];
  ctx.repo.putKey(k);
  return { ReplicaKeyMetadata: keyMetadata(ctx.repo, r), ReplicaPolicy: r.policy, ReplicaTags: Object.entries(r.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) };
};

function secretOf(ctx: OpCtx, k: KeyRecord, id: string): { secret?: Uint8Array } {
  const s = ctx.repo.secret(k.arn, id);
  return s !== undefined ? { secret: s } : {};
}

const updatePrimaryRegion: Handler = (ctx, input) => {
  const k = resolveKey(ctx, str(input, 'KeyId'));
  const region = str(input, 'PrimaryRegion');
  authorizeKey(ctx, 'kms:UpdatePrimaryRegion', k, { context: { 'kms:PrimaryRegion': region } });
  customerManaged(k);
  primaryOf(k);
  checkKeyState('UpdatePrimaryRegion', k);
  const target = k.replicaArns.find((a) => regionOf(a) === region);
  const r = target !== undefined ? ctx.repo.key(target) : undefined;
  if (!r) return fail('NotFoundException', `Key '${keyArn(region, k.account, k.keyId)}' does not exist`);
  ctx.resources.push(r.arn);
  authorizeKey({ ...ctx, region }, 'kms:UpdatePrimaryRegion', r, { context: { 'kms:PrimaryRegion': region } });
  checkKeyState('UpdatePrimaryRegion', r);
  const others = k.replicaArns.filter((a) => a !== r.arn);
  const related = [k.arn, ...others];
  r.multiRegionKeyType = 'PRIMARY';
  r.primaryArn = r.arn;
  r.replicaArns = related;
  r.rotationEnabled = k.rotationEnabled;
  if (k.rotationPeriodInDays !== undefined) r.rotationPeriodInDays = k.rotationPeriodInDays;
  if (k.nextRotationDate !== undefined) r.nextRotationDate = k.nextRotationDate;
  k.multiRegionKeyType = 'REPLICA';
  k.primaryArn = r.arn;
  k.replicaArns = [];
  k.rotationEnabled = false;
  delete k.nextRotationDate;
  for (const x of [k, r]) {
    x.settleTo = x.state;
    x.state = 'Updating';
    x.settleAt = ctx.now;
    ctx.repo.putKey(x);
  }
  for (const arn of others) {
    const o = ctx.repo.key(arn);
    if (!o) continue;
    o.primaryArn = r.arn;
    ctx.repo.putKey(o);
  }
  return {};
};

/** The handlers of this module. */
export const MULTI_REGION_HANDLERS: Readonly<Record<string, Handler>> = { ReplicateKey: replicateKey, UpdatePrimaryRegion: updatePrimaryRegion };
