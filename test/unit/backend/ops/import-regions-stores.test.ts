/* eslint-disable @typescript-eslint/no-unsafe-return -- outputs are untyped AWS JSON wire shapes */
// Imported key material, multi-Region keys, CloudHSM custom key stores and AWS managed keys.
// Sources: https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/keystore-cloudhsm.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
import { constants, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kms } from '../../../../src/backend/kms.js';
import { ACCT, REGION, WORLD, admin, alice, b64, expectError, newKey, open, out } from './helpers.js';

const DAY = 86_400_000;
let kms: Kms | undefined;
afterEach(async () => { await kms?.close(); kms = undefined; });

function wrap(publicKeyB64: string, material: Buffer): string {
  const key = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, material).toString('base64');
}

async function importInto(k: Kms, keyId: string, material: Buffer, extra: Record<string, unknown> = {}) {
  const p = out(await k.call('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }, admin));
  return k.call('ImportKeyMaterial', { KeyId: keyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrap(p.PublicKey, material), ...extra }, admin);
}

describe('imported key material', () => {
  it('starts PendingImport, imports, expires at ValidTo, and accepts only the same material again', async () => {
    kms = await open();
    const k = await newKey(kms, { Origin: 'EXTERNAL' });
    expect(k.KeyState).toBe('PendingImport');
    expectError(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin), 'KMSInvalidStateException', /is pending import/);
    const material = randomBytes(32);
    const validTo = Math.floor((kms.clock.now().getTime() + 10 * DAY) / 1000);
    expectError(await importInto(kms, k.KeyId, material, { ExpirationModel: 'KEY_MATERIAL_EXPIRES' }), 'ValidationException', 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
    out(await importInto(kms, k.KeyId, material, { ValidTo: validTo }));
    const e = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('imported') }, admin));
    expectError(await importInto(kms, k.KeyId, randomBytes(32)), 'IncorrectKeyMaterialException');
    kms.clock.advance(10 * DAY + 1000);
    expect(out(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin)).KeyMetadata.KeyState).toBe('PendingImport');
    out(await importInto(kms, k.KeyId, material));
    expect(Buffer.from(out(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin)).Plaintext, 'base64').toString()).toBe('imported');
    out(await kms.call('DeleteImportedKeyMaterial', { KeyId: k.KeyId }, admin));
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin), 'KMSInvalidStateException');
  });

  it('refuses import operations on AWS_KMS keys and expired or foreign tokens', async () => {
    kms = await open();
    const aws = await newKey(kms);
    expectError(await kms.call('GetParametersForImport', { KeyId: aws.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }, admin),
      'UnsupportedOperationException', `${aws.Arn} origin is AWS_KMS which is not valid for this operation.`);
    const k = await newKey(kms, { Origin: 'EXTERNAL' });
    const p = out(await kms.call('GetParametersForImport', { KeyId: k.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_1', WrappingKeySpec: 'RSA_2048' }, admin));
    kms.clock.advance(DAY + 1000);
    const wrapped = publicEncrypt({ key: createPublicKey({ key: Buffer.from(p.PublicKey, 'base64'), format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, randomBytes(32));
    expectError(await kms.call('ImportKeyMaterial', { KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: wrapped.toString('base64') }, admin), 'ExpiredImportTokenException');
    expectError(await kms.call('ImportKeyMaterial', { KeyId: k.KeyId, ImportToken: b64('junk'), EncryptedKeyMaterial: wrapped.toString('base64') }, admin), 'InvalidImportTokenException');
  });
});

describe('multi-Region keys', () => {
  it('replicates with the same id and material, decrypts across Regions, swaps the primary, and deletes replicas first', async () => {
    kms = await open();
    const east = { ...admin, region: 'us-east-1' };
    const p = await newKey(kms, { MultiRegion: true });
    expect(p.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(p.MultiRegionConfiguration.MultiRegionKeyType).toBe('PRIMARY');
    const r = out(await kms.call('ReplicateKey', { KeyId: p.KeyId, ReplicaRegion: 'us-east-1' }, admin));
    expect(r.ReplicaKeyMetadata).toMatchObject({ KeyId: p.KeyId, Arn: `arn:aws:kms:us-east-1:${ACCT}:key/${p.KeyId}`, KeyState: 'Creating' });
    const e = out(await kms.call('Encrypt', { KeyId: p.KeyId, Plaintext: b64('mrk') }, admin));
    expect(Buffer.from(out(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, east)).Plaintext, 'base64').toString()).toBe('mrk');
    expectError(await kms.call('ReplicateKey', { KeyId: p.KeyId, ReplicaRegion: 'us-east-1' }, admin), 'AlreadyExistsException');
    const single = await newKey(kms);
    expectError(await kms.call('ReplicateKey', { KeyId: single.KeyId, ReplicaRegion: 'us-east-1' }, admin), 'UnsupportedOperationException', `${single.Arn} is not a multi-region primary key.`);
    out(await kms.call('UpdatePrimaryRegion', { KeyId: p.KeyId, PrimaryRegion: 'us-east-1' }, admin));
    const after = out(await kms.call('DescribeKey', { KeyId: p.KeyId }, east)).KeyMetadata;
    expect(after.MultiRegionConfiguration).toMatchObject({ MultiRegionKeyType: 'PRIMARY', ReplicaKeys: [{ Arn: p.Arn, Region: REGION }] });
    out(await kms.call('ScheduleKeyDeletion', { KeyId: p.KeyId, PendingWindowInDays: 7 }, east));
    expect(out(await kms.call('DescribeKey', { KeyId: p.KeyId }, east)).KeyMetadata.KeyState).toBe('PendingReplicaDeletion');
    out(await kms.call('ScheduleKeyDeletion', { KeyId: p.KeyId, PendingWindowInDays: 7 }, admin));
    kms.clock.advance(7 * DAY + 1000);
    expectError(await kms.call('DescribeKey', { KeyId: p.KeyId }, admin), 'NotFoundException');
    expect(out(await kms.call('DescribeKey', { KeyId: p.KeyId }, east)).KeyMetadata.KeyState).toBe('PendingDeletion');
    kms.clock.advance(7 * DAY + 1000);
    expectError(await kms.call('DescribeKey', { KeyId: p.KeyId }, east), 'NotFoundException');
  });
});

describe('custom key stores', () => {
  it('connect only with two active HSMs; keys are Unavailable while disconnected', async () => {
    kms = await open({ world: { ...WORLD, cloudHsmClusters: [{ id: 'cluster-1a23b4cdefg', activeHsms: 2 }, { id: 'cluster-2b34c5defgh', activeHsms: 1 }] } });
    const base = { TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----x', KeyStorePassword: 'kmsuser-password' };
    const s = out(await kms.call('CreateCustomKeyStore', { CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-1a23b4cdefg', ...base }, admin));
    const weak = out(await kms.call('CreateCustomKeyStore', { CustomKeyStoreName: 'weak', CloudHsmClusterId: 'cluster-2b34c5defgh', ...base }, admin));
    expectError(await kms.call('CreateCustomKeyStore', { CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-1a23b4cdefg', ...base }, admin), 'CustomKeyStoreNameInUseException');
    expectError(await kms.call('CreateCustomKeyStore', { CustomKeyStoreName: 'nope', CloudHsmClusterId: 'cluster-9z99z9zzzzz', ...base }, admin), 'CloudHsmClusterNotFoundException');
    expectError(await kms.call('CreateKey', { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: s.CustomKeyStoreId }, admin), 'CustomKeyStoreInvalidStateException');
    out(await kms.call('ConnectCustomKeyStore', { CustomKeyStoreId: weak.CustomKeyStoreId }, admin));
    expect(out(await kms.call('DescribeCustomKeyStores', { CustomKeyStoreId: weak.CustomKeyStoreId }, admin)).CustomKeyStores[0]).toMatchObject({ ConnectionState: 'FAILED', ConnectionErrorCode: 'INSUFFICIENT_CLOUDHSM_HSMS' });
    out(await kms.call('ConnectCustomKeyStore', { CustomKeyStoreId: s.CustomKeyStoreId }, admin));
    const k = await newKey(kms, { Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: s.CustomKeyStoreId });
    expect(k).toMatchObject({ Origin: 'AWS_CLOUDHSM', CustomKeyStoreId: s.CustomKeyStoreId, CloudHsmClusterId: 'cluster-1a23b4cdefg' });
    const e = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('hsm') }, admin));
    out(await kms.call('DisconnectCustomKeyStore', { CustomKeyStoreId: s.CustomKeyStoreId }, admin));
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin), 'KMSInvalidStateException', `${k.Arn} is unavailable.`);
    expectError(await kms.call('DeleteCustomKeyStore', { CustomKeyStoreId: s.CustomKeyStoreId }, admin), 'CustomKeyStoreHasCMKsException');
    out(await kms.call('ConnectCustomKeyStore', { CustomKeyStoreId: s.CustomKeyStoreId }, admin));
    expect(Buffer.from(out(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, admin)).Plaintext, 'base64').toString()).toBe('hsm');
    expectError(await kms.call('EnableKeyRotation', { KeyId: k.KeyId }, admin), 'UnsupportedOperationException');
    expectError(await kms.call('CreateCustomKeyStore', { CustomKeyStoreName: 'x', CloudHsmClusterId: 'cluster-1a23b4cdefg', ...base }, alice), 'AccessDeniedException',
      `User: ${alice.principal} is not authorized to perform: kms:CreateCustomKeyStore because no identity-based policy allows the kms:CreateCustomKeyStore action`);
  });
});

describe('AWS managed keys', () => {
  it('are created on first use through their service, usable only through it, and not manageable', async () => {
    kms = await open();
    const viaEbs = { ...alice, viaService: `ec2.${REGION}.amazonaws.com` };
    expectError(await kms.call('Encrypt', { KeyId: 'alias/aws/ebs', Plaintext: b64('x') }, alice), 'NotFoundException', `Alias arn:aws:kms:${REGION}:${ACCT}:alias/aws/ebs is not found.`);
    const e = out(await kms.call('Encrypt', { KeyId: 'alias/aws/ebs', Plaintext: b64('vol') }, viaEbs));
    const d = out(await kms.call('DescribeKey', { KeyId: 'alias/aws/ebs' }, admin)).KeyMetadata;
    expect(d).toMatchObject({ KeyManager: 'AWS', Arn: e.KeyId });
    expect(out(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, viaEbs)).KeyId).toBe(e.KeyId);
    expectError(await kms.call('Decrypt', { CiphertextBlob: e.CiphertextBlob }, alice), 'AccessDeniedException');
    expectError(await kms.call('ScheduleKeyDeletion', { KeyId: e.KeyId }, admin), 'AccessDeniedException', /no resource-based policy allows the kms:ScheduleKeyDeletion action/);
    expectError(await kms.call('PutKeyPolicy', { KeyId: e.KeyId, Policy: '{}' }, admin), 'AccessDeniedException');
    expect(out(await kms.call('GetKeyRotationStatus', { KeyId: e.KeyId }, admin))).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
  });
});

describe('audit trail', () => {
  it('writes CloudTrail events without plaintext to the store and a JSON-lines file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.jsonl');
    kms = await open({ auditFile: file });
    const k = await newKey(kms);
    await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('TOPSECRET'), EncryptionContext: { p: '1' } }, alice);
    // Events of calls that change nothing are written in batches within milliseconds (backend/audit-sink.ts).
    kms.flushAudit();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      eventName: 'Encrypt', errorCode: 'AccessDeniedException', awsRegion: REGION, recipientAccountId: ACCT,
      userIdentity: { type: 'IAMUser', arn: alice.principal, accountId: ACCT }, requestParameters: { keyId: k.KeyId, encryptionContext: { p: '1' } },
      resources: [{ ARN: k.Arn, accountId: ACCT, type: 'AWS::KMS::Key' }], kmsAuthzExplanation: { decision: 'ImplicitDeny' },
    });
    expect(readFileSync(file, 'utf8')).not.toContain(b64('TOPSECRET'));
    expect(kms.audit()).toHaveLength(2);
  });
});

describe('wrapping algorithms', () => {
  it('imports material wrapped with RSA_AES_KEY_WRAP_SHA_256 (RSA-OAEP of an AES key, then AES key wrap with padding)', async () => {
    const { createCipheriv } = await import('node:crypto');
    kms = await open();
    const k = await newKey(kms, { Origin: 'EXTERNAL' });
    const p = out(await kms.call('GetParametersForImport', { KeyId: k.KeyId, WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256', WrappingKeySpec: 'RSA_3072' }, admin));
    const aesKey = randomBytes(32);
    const kwp = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('A65959A6', 'hex'));
    const wrappedMaterial = Buffer.concat([kwp.update(randomBytes(32)), kwp.final()]);
    const wrappedKey = publicEncrypt({ key: createPublicKey({ key: Buffer.from(p.PublicKey, 'base64'), format: 'der', type: 'spki' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, aesKey);
    out(await kms.call('ImportKeyMaterial', { KeyId: k.KeyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: Buffer.concat([wrappedKey, wrappedMaterial]).toString('base64') }, admin));
    expect(out(await kms.call('DescribeKey', { KeyId: k.KeyId }, admin)).KeyMetadata).toMatchObject({ KeyState: 'Enabled', Origin: 'EXTERNAL', ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    const bad = await kms.call('GetParametersForImport', { KeyId: k.KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'SM2' }, admin);
    expectError(bad, 'UnsupportedOperationException');
  });
});

describe('on-demand rotation of imported material', () => {
  it('rotates to NEW_KEY_MATERIAL imported beforehand; without it, no material is pending rotation', async () => {
    kms = await open();
    const k = await newKey(kms, { Origin: 'EXTERNAL' });
    out(await importInto(kms, k.KeyId, randomBytes(32)));
    const old = out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('before') }, admin));
    expectError(await kms.call('RotateKeyOnDemand', { KeyId: k.KeyId }, admin), 'KMSInvalidStateException', `No available key material pending rotation for the key: ${k.Arn}.`);
    const second = out(await importInto(kms, k.KeyId, randomBytes(32), { ImportType: 'NEW_KEY_MATERIAL' }));
    expect(out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin)).KeyMaterialId).toBe(old.KeyMaterialId);
    out(await kms.call('RotateKeyOnDemand', { KeyId: k.KeyId }, admin));
    expect(out(await kms.call('Encrypt', { KeyId: k.KeyId, Plaintext: b64('x') }, admin)).KeyMaterialId).toBe(second.KeyMaterialId);
    expect(Buffer.from(out(await kms.call('Decrypt', { CiphertextBlob: old.CiphertextBlob }, admin)).Plaintext, 'base64').toString()).toBe('before');
  });
});
