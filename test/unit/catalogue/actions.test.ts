// The KMS action catalogue against AWS's lists.
// Operations: https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html
// Permissions: https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
// Grant operations: https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations
// Cross-account: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
import { describe, expect, it } from 'vitest';
import { actionInfo, actionsForOperation, GRANT_OPERATIONS, KMS_ACTIONS, KMS_OPERATIONS, suggestAction } from '../../../src/catalogue/index.js';

const API_OPERATIONS = `CancelKeyDeletion ConnectCustomKeyStore CreateAlias CreateCustomKeyStore CreateGrant CreateKey Decrypt DeleteAlias
DeleteCustomKeyStore DeleteImportedKeyMaterial DeriveSharedSecret DescribeCustomKeyStores DescribeKey DisableKey DisableKeyRotation
DisconnectCustomKeyStore EnableKey EnableKeyRotation Encrypt GenerateDataKey GenerateDataKeyPair GenerateDataKeyPairWithoutPlaintext
GenerateDataKeyWithoutPlaintext GenerateMac GenerateRandom GetKeyLastUsage GetKeyPolicy GetKeyRotationStatus GetParametersForImport
GetPublicKey ImportKeyMaterial ListAliases ListGrants ListKeyPolicies ListKeyRotations ListKeys ListResourceTags ListRetirableGrants
PutKeyPolicy ReEncrypt ReplicateKey RetireGrant RevokeGrant RotateKeyOnDemand ScheduleKeyDeletion Sign TagResource UntagResource
UpdateAlias UpdateCustomKeyStore UpdateKeyDescription UpdatePrimaryRegion Verify VerifyMac`.split(/\s+/);

describe('KMS operations and actions', () => {
  it('lists exactly the 54 API operations', () => {
    expect(API_OPERATIONS).toHaveLength(54);
    expect([...KMS_OPERATIONS]).toEqual([...API_OPERATIONS].sort());
  });

  it('finds actions case-insensitively and maps ReEncrypt to its two permissions', () => {
    expect(actionInfo('KMS:decrypt')?.name).toBe('kms:Decrypt');
    expect(actionInfo('kms:ReEncrypt')).toBeUndefined();
    expect(actionsForOperation('ReEncrypt').map((a) => a.name)).toEqual(['kms:ReEncryptFrom', 'kms:ReEncryptTo']);
    expect(actionInfo('kms:SynchronizeMultiRegionKey')?.operation).toBeUndefined();
  });

  it('has the grant operations of the grants page', () => {
    expect([...GRANT_OPERATIONS].sort()).toEqual([
      'CreateGrant', 'Decrypt', 'DeriveSharedSecret', 'DescribeKey', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair',
      'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'GetPublicKey', 'ReEncryptFrom',
      'ReEncryptTo', 'RetireGrant', 'Sign', 'Verify', 'VerifyMac',
    ]);
  });

  it('marks the cross-account operations of the external-accounts page', () => {
    const cross = KMS_ACTIONS.filter((a) => a.crossAccount).map((a) => a.name.slice(4)).sort();
    expect(cross).toEqual([
      'CreateGrant', 'Decrypt', 'DeriveSharedSecret', 'DescribeKey', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair',
      'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'GetKeyRotationStatus', 'GetPublicKey',
      'ListGrants', 'ReEncryptFrom', 'ReEncryptTo', 'RetireGrant', 'RevokeGrant', 'Sign', 'Verify', 'VerifyMac',
    ]);
    expect(actionInfo('kms:ScheduleKeyDeletion')?.crossAccount).toBe(false);
  });

  it('knows IAM-only permissions and key resource condition keys', () => {
    // "kms:CreateKey … is valid only in an IAM policy" (key-policy-default.html)
    expect(actionInfo('kms:CreateKey')?.policyPlaces).toEqual(['iam-policy']);
    expect(actionInfo('kms:CreateKey')?.resources).toEqual([]);
    // "The kms:RetireGrant permission is not effective in a key policy" (grant-delete.html)
    expect(actionInfo('kms:RetireGrant')?.policyPlaces).toEqual(['iam-policy']);
    expect(actionInfo('kms:CreateAlias')?.resources).toEqual(['alias', 'key']);
    expect(actionInfo('kms:Decrypt')?.conditionKeys).toContain('kms:ViaService');
    expect(actionInfo('kms:Decrypt')?.conditionKeys).toContain('kms:EncryptionContext:${EncryptionContextKey}');
    expect(actionInfo('kms:ListKeys')?.conditionKeys).not.toContain('kms:ViaService');
    expect(actionInfo('kms:GenerateDataKey')?.keySpecs).toEqual(['SYMMETRIC_DEFAULT']);
    expect(actionInfo('kms:Sign')?.keyUsages).toEqual(['SIGN_VERIFY']);
    for (const a of KMS_ACTIONS) expect(a.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/kms\//);
  });

  it('suggests the closest action', () => {
    expect(suggestAction('kms:Decrpyt')).toBe('kms:Decrypt');
    expect(suggestAction('kms: Encrypt')).toBe('kms:Encrypt');
    expect(suggestAction('GenerateDataKy')).toBe('kms:GenerateDataKey');
    expect(suggestAction('kms:decrypt')).toBe('kms:Decrypt');
    expect(suggestAction('s3:GetObject')).toBeUndefined();
  });
});

// Exact condition-key lists of the service authorization reference for AWS KMS:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
describe('condition keys per action (service authorization reference)', () => {
  const KEY = ['aws:ResourceTag/${TagKey}', 'kms:CallerAccount', 'kms:KeyOrigin', 'kms:KeySpec', 'kms:KeyUsage', 'kms:MultiRegion', 'kms:MultiRegionKeyType', 'kms:ResourceAliases', 'kms:ViaService'];
  const cases: [string, string[]][] = [
    ['kms:CancelKeyDeletion', KEY],
    ['kms:CreateKey', ['aws:RequestTag/${TagKey}', 'aws:ResourceTag/${TagKey}', 'aws:TagKeys', 'kms:BypassPolicyLockoutSafetyCheck', 'kms:CallerAccount', 'kms:KeyOrigin', 'kms:KeySpec', 'kms:KeyUsage', 'kms:MultiRegion', 'kms:MultiRegionKeyType', 'kms:ViaService']],
    ['kms:Encrypt', [...KEY, 'kms:EncryptionAlgorithm', 'kms:EncryptionContext:${EncryptionContextKey}', 'kms:EncryptionContextKeys', 'kms:RequestAlias']],
    ['kms:DisableKey', [...KEY, 'kms:TrailingDaysWithoutKeyUsage']],
    ['kms:ListGrants', [...KEY, 'kms:GrantIsForAWSResource']],
    ['kms:RetireGrant', [...KEY, 'kms:EncryptionContext:${EncryptionContextKey}', 'kms:EncryptionContextKeys', 'kms:GrantConstraintType']],
    ['kms:ConnectCustomKeyStore', ['kms:CallerAccount']],
    ['kms:ListKeys', []],
    ['kms:SynchronizeMultiRegionKey', ['aws:ResourceTag/${TagKey}', 'kms:KeyOrigin', 'kms:KeySpec', 'kms:KeyUsage', 'kms:MultiRegion', 'kms:MultiRegionKeyType', 'kms:ResourceAliases']],
    ['kms:ImportKeyMaterial', [...KEY, 'kms:ExpirationModel', 'kms:ValidTo']],
    ['kms:TagResource', [...KEY, 'aws:RequestTag/${TagKey}', 'aws:TagKeys']],
  ];
  it.each(cases)('%s', (name, keys) => {
    expect(actionInfo(name)?.conditionKeys).toEqual([...keys].sort());
  });
});
