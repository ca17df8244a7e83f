/**
 * @module backend/operations/metadata
 * The KeyMetadata structure of CreateKey, DescribeKey and ReplicateKey.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html
 */
import { HMAC_ALGORITHM, KEY_AGREEMENT_SPECS, SIGNING_ALGORITHMS, isHmacSpec, isRsaSpec, type SupportedKeySpec } from '../crypto/index.js';
import { regionOf } from '../ids.js';
import type { KeyRecord } from '../records.js';
import type { Repo } from '../repo.js';
import { epoch } from './params.js';

function algorithms(k: KeyRecord): Record<string, unknown> {
  if (k.keyUsage === 'ENCRYPT_DECRYPT') {
    return { EncryptionAlgorithms: k.keySpec === 'SYMMETRIC_DEFAULT' ? ['SYMMETRIC_DEFAULT'] : isRsaSpec(k.keySpec) ? ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] : ['SM2PKE'] };
  }
  if (k.keyUsage === 'SIGN_VERIFY') return { SigningAlgorithms: SIGNING_ALGORITHMS[k.keySpec as SupportedKeySpec] ?? (k.keySpec === 'SM2' ? ['SM2DSA'] : ['ML_DSA_SHAKE_256']) };
  if (k.keyUsage === 'GENERATE_VERIFY_MAC' && isHmacSpec(k.keySpec)) return { MacAlgorithms: [HMAC_ALGORITHM[k.keySpec]] };
  if (k.keyUsage === 'KEY_AGREEMENT' && (KEY_AGREEMENT_SPECS as readonly string[]).includes(k.keySpec)) return { KeyAgreementAlgorithms: ['ECDH'] };
  return {};
}

/** The MultiRegionConfiguration of a multi-Region key (replicas are listed on the primary's record). */
export function multiRegionConfiguration(repo: Repo, k: KeyRecord): Record<string, unknown> | undefined {
  if (!k.multiRegion || k.primaryArn === undefined) return undefined;
  const primary = k.primaryArn === k.arn ? k : repo.key(k.primaryArn);
  return {
    MultiRegionKeyType: k.multiRegionKeyType ?? 'PRIMARY',
    PrimaryKey: { Arn: k.primaryArn, Region: regionOf(k.primaryArn) },
    ReplicaKeys: (primary?.replicaArns ?? []).map((arn) => ({ Arn: arn, Region: regionOf(arn) })),
  };
}

/** KeyMetadata of a key. */
export function keyMetadata(repo: Repo, k: KeyRecord): Record<string, unknown> {
  const mrc = multiRegionConfiguration(repo, k);
  const store = k.customKeyStoreId !== undefined ? repo.keyStore(k.customKeyStoreId) : undefined;
  return {
    AWSAccountId: k.account,
    KeyId: k.keyId,
    Arn: k.arn,
    CreationDate: epoch(k.creationDate),
    Enabled: k.state === 'Enabled',
    Description: k.description,
    KeyUsage: k.keyUsage,
    KeyState: k.state,
    ...(k.deletionDate !== undefined ? { DeletionDate: epoch(k.deletionDate) } : {}),
    ...(k.pendingWindowInDays !== undefined && k.state === 'PendingReplicaDeletion' ? { PendingDeletionWindowInDays: k.pendingWindowInDays } : {}),
    ...(k.validTo !== undefined ? { ValidTo: epoch(k.validTo) } : {}),
    Origin: k.origin,
    ...(k.customKeyStoreId !== undefined ? { CustomKeyStoreId: k.customKeyStoreId } : {}),
    ...(store?.cloudHsmClusterId !== undefined ? { CloudHsmClusterId: store.cloudHsmClusterId } : {}),
    ...(k.origin === 'EXTERNAL' && k.expirationModel !== undefined ? { ExpirationModel: k.expirationModel } : {}),
    KeyManager: k.keyManager,
    CustomerMasterKeySpec: k.keySpec,
    KeySpec: k.keySpec,
    ...algorithms(k),
    MultiRegion: k.multiRegion,
    ...(mrc ? { MultiRegionConfiguration: mrc } : {}),
    ...(k.currentMaterial !== undefined && k.keySpec === 'SYMMETRIC_DEFAULT' ? { CurrentKeyMaterialId: k.currentMaterial } : {}),
  };
}
