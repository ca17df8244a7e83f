/**
 * @module backend/schemas
 * Request member constraints of the 54 KMS operations, from the KMS API reference
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html) and the botocore
 * `kms/2014-11-01` model. Compiled once at module load.
 */
import type { FieldSpec, OperationSchema } from './validate.js';

/** Key specs of the current KMS model. */
export const KEY_SPECS = [
  'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
  'SYMMETRIC_DEFAULT', 'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512', 'SM2', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87',
  'ECC_NIST_EDWARDS25519',
] as const;
/** Key usages. */
export const KEY_USAGES = ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'] as const;
/** Encryption algorithms. */
export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
/** Signing algorithms. */
export const SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512', 'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512', 'SM2DSA', 'ML_DSA_SHAKE_256',
  'ED25519_SHA_512', 'ED25519_PH_SHA_512',
] as const;
/** MAC algorithms. */
export const MAC_ALGORITHMS = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const;
/** Data key pair specs. */
export const DATA_KEY_PAIR_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2', 'ECC_NIST_EDWARDS25519'] as const;
/** Wrapping algorithms for GetParametersForImport. */
export const WRAPPING_ALGORITHMS = ['RSAES_PKCS1_V1_5', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256', 'SM2PKE'] as const;
/** Grant operations (the only operations a grant may allow). */
export const GRANT_OPERATIONS = [
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', 'Sign', 'Verify',
  'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext',
  'GenerateMac', 'VerifyMac', 'DeriveSharedSecret',
] as const;

const KEY_ID: FieldSpec = { kind: 'string', required: true, min: 1, max: 2048 };
const OPT_KEY_ID: FieldSpec = { kind: 'string', min: 1, max: 2048 };
const GRANT_TOKENS: FieldSpec = { kind: 'list', max: 10, of: { kind: 'string', min: 1, max: 8192 } };
const LIMIT: FieldSpec = { kind: 'int', min: 1, max: 1000 };
const MARKER: FieldSpec = { kind: 'string', min: 1, max: 1024, pattern: /^[\u0020-\u00FF]*$/ };
const DRY_RUN: FieldSpec = { kind: 'bool' };
const EC: FieldSpec = { kind: 'map' };
const ENC_ALG: FieldSpec = { kind: 'string', enum: ENCRYPTION_ALGORITHMS };
const ALIAS_NAME: FieldSpec = { kind: 'string', required: true, min: 1, max: 256, pattern: /^[a-zA-Z0-9:/_-]+$/ };
const POLICY: FieldSpec = { kind: 'string', min: 1, max: 131072, pattern: new RegExp('^[\\t\\n\\r\\u0020-\\u00FF]+$') };
const POLICY_NAME: FieldSpec = { kind: 'string', min: 1, max: 128, pattern: /^[\w]+$/ };
const CKS_ID: FieldSpec = { kind: 'string', min: 1, max: 64 };
const RECIPIENT: FieldSpec = { kind: 'object', fields: { KeyEncryptionAlgorithm: { kind: 'string', enum: ['RSAES_OAEP_SHA_256'] }, AttestationDocument: { kind: 'blob', min: 1, max: 262144 } } };
const NUMBER_OF_BYTES: FieldSpec = { kind: 'int', min: 1, max: 1024 };
const MESSAGE: FieldSpec = { kind: 'blob', required: true, min: 1, max: 4096 };
const MESSAGE_TYPE: FieldSpec = { kind: 'string', enum: ['RAW', 'DIGEST', 'EXTERNAL_MU'] };
const CKS_FIELDS: OperationSchema = {
  CustomKeyStoreName: { kind: 'string', min: 1, max: 256 },
  CloudHsmClusterId: { kind: 'string', min: 19, max: 24 },
  TrustAnchorCertificate: { kind: 'string', min: 1, max: 5000 },
  KeyStorePassword: { kind: 'string', min: 7, max: 32 },
  CustomKeyStoreType: { kind: 'string', enum: ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] },
  XksProxyUriEndpoint: { kind: 'string', min: 10, max: 128 },
  XksProxyUriPath: { kind: 'string', min: 10, max: 128 },
  XksProxyVpcEndpointServiceName: { kind: 'string', min: 20, max: 64 },
  XksProxyAuthenticationCredential: { kind: 'object', fields: { AccessKeyId: { kind: 'string', required: true, min: 20, max: 30 }, RawSecretAccessKey: { kind: 'string', required: true, min: 43, max: 64 } } },
  XksProxyConnectivity: { kind: 'string', enum: ['PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'] },
};

/** Member constraints of every operation, by operation name. */
export const SCHEMAS: Readonly<Record<string, OperationSchema>> = {
  CancelKeyDeletion: { KeyId: KEY_ID },
  ConnectCustomKeyStore: { CustomKeyStoreId: { ...CKS_ID, required: true } },
  CreateAlias: { AliasName: ALIAS_NAME, TargetKeyId: KEY_ID },
  CreateCustomKeyStore: { ...CKS_FIELDS, CustomKeyStoreName: { kind: 'string', required: true, min: 1, max: 256 } },
  CreateGrant: {
    KeyId: KEY_ID, GranteePrincipal: { kind: 'string', required: true, min: 1, max: 256, pattern: /^[\w+=,.@:/-]+$/ },
    RetiringPrincipal: { kind: 'string', min: 1, max: 256, pattern: /^[\w+=,.@:/-]+$/ },
    Operations: { kind: 'list', required: true, of: { kind: 'string', enum: GRANT_OPERATIONS } },
    Constraints: { kind: 'object', fields: { EncryptionContextSubset: EC, EncryptionContextEquals: EC } },
    GrantTokens: GRANT_TOKENS, Name: { kind: 'string', min: 1, max: 256, pattern: /^[a-zA-Z0-9:/_-]+$/ }, DryRun: DRY_RUN,
  },
  CreateKey: {
    Policy: POLICY, Description: { kind: 'string', min: 0, max: 8192 }, KeyUsage: { kind: 'string', enum: KEY_USAGES },
    CustomerMasterKeySpec: { kind: 'string', enum: KEY_SPECS }, KeySpec: { kind: 'string', enum: KEY_SPECS },
    Origin: { kind: 'string', enum: ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] }, CustomKeyStoreId: CKS_ID,
    BypassPolicyLockoutSafetyCheck: { kind: 'bool' }, Tags: { kind: 'tags' }, MultiRegion: { kind: 'bool' }, XksKeyId: { kind: 'string', min: 1, max: 128 },
  },
  Decrypt: { CiphertextBlob: { kind: 'blob', required: true, min: 1, max: 6144 }, EncryptionContext: EC, GrantTokens: GRANT_TOKENS, KeyId: OPT_KEY_ID, EncryptionAlgorithm: ENC_ALG, Recipient: RECIPIENT, DryRun: DRY_RUN },
  DeleteAlias: { AliasName: ALIAS_NAME },
  DeleteCustomKeyStore: { CustomKeyStoreId: { ...CKS_ID, required: true } },
  DeleteImportedKeyMaterial: { KeyId: KEY_ID, KeyMaterialId: { kind: 'string', min: 64, max: 64, pattern: /^[a-f0-9]+$/ } },
  DeriveSharedSecret: { KeyId: KEY_ID, KeyAgreementAlgorithm: { kind: 'string', required: true, enum: ['ECDH'] }, PublicKey: { kind: 'blob', required: true, min: 1, max: 8192 }, GrantTokens: GRANT_TOKENS, DryRun: DRY_RUN, Recipient: RECIPIENT },
  DescribeCustomKeyStores: { CustomKeyStoreId: CKS_ID, CustomKeyStoreName: { kind: 'string', min: 1, max: 256 }, Limit: LIMIT, Marker: MARKER },
  DescribeKey: { KeyId: KEY_ID, GrantTokens: GRANT_TOKENS },
  DisableKey: { KeyId: KEY_ID },
  DisableKeyRotation: { KeyId: KEY_ID },
  DisconnectCustomKeyStore: { CustomKeyStoreId: { ...CKS_ID, required: true } },
  EnableKey: { KeyId: KEY_ID },
  EnableKeyRotation: { KeyId: KEY_ID, RotationPeriodInDays: { kind: 'int', min: 90, max: 2560 } },
  Encrypt: { KeyId: KEY_ID, Plaintext: { kind: 'blob', required: true, min: 1, max: 4096 }, EncryptionContext: EC, GrantTokens: GRANT_TOKENS, EncryptionAlgorithm: ENC_ALG, DryRun: DRY_RUN },
  GenerateDataKey: { KeyId: KEY_ID, EncryptionContext: EC, NumberOfBytes: NUMBER_OF_BYTES, KeySpec: { kind: 'string', enum: ['AES_256', 'AES_128'] }, GrantTokens: GRANT_TOKENS, Recipient: RECIPIENT, DryRun: DRY_RUN },
  GenerateDataKeyPair: { EncryptionContext: EC, KeyId: KEY_ID, KeyPairSpec: { kind: 'string', required: true, enum: DATA_KEY_PAIR_SPECS }, GrantTokens: GRANT_TOKENS, Recipient: RECIPIENT, DryRun: DRY_RUN },
  GenerateDataKeyPairWithoutPlaintext: { EncryptionContext: EC, KeyId: KEY_ID, KeyPairSpec: { kind: 'string', required: true, enum: DATA_KEY_PAIR_SPECS }, GrantTokens: GRANT_TOKENS, DryRun: DRY_RUN },
  GenerateDataKeyWithoutPlaintext: { KeyId: KEY_ID, EncryptionContext: EC, KeySpec: { kind: 'string', enum: ['AES_256', 'AES_128'] }, NumberOfBytes: NUMBER_OF_BYTES, GrantTokens: GRANT_TOKENS, DryRun: DRY_RUN },
  GenerateMac: { Message: MESSAGE, KeyId: KEY_ID, MacAlgorithm: { kind: 'string', required: true, enum: MAC_ALGORITHMS }, GrantTokens: GRANT_TOKENS, DryRun: DRY_RUN },
  GenerateRandom: { NumberOfBytes: NUMBER_OF_BYTES, CustomKeyStoreId: CKS_ID, Recipient: RECIPIENT },
  GetKeyLastUsage: { KeyId: KEY_ID },
  GetKeyPolicy: { KeyId: KEY_ID, PolicyName: POLICY_NAME },
  GetKeyRotationStatus: { KeyId: KEY_ID },
  GetParametersForImport: { KeyId: KEY_ID, WrappingAlgorithm: { kind: 'string', required: true, enum: WRAPPING_ALGORITHMS }, WrappingKeySpec: { kind: 'string', required: true, enum: ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'] } },
  GetPublicKey: { KeyId: KEY_ID, GrantTokens: GRANT_TOKENS },
  ImportKeyMaterial: {
    KeyId: KEY_ID, ImportToken: { kind: 'blob', required: true, min: 1, max: 6144 }, EncryptedKeyMaterial: { kind: 'blob', required: true, min: 1, max: 6144 },
    ValidTo: { kind: 'int' }, ExpirationModel: { kind: 'string', enum: ['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'] },
    ImportType: { kind: 'string', enum: ['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'] }, KeyMaterialDescription: { kind: 'string', min: 0, max: 256 },
    KeyMaterialId: { kind: 'string', min: 64, max: 64, pattern: /^[a-f0-9]+$/ },
  },
  ListAliases: { KeyId: OPT_KEY_ID, Limit: LIMIT, Marker: MARKER },
  ListGrants: { Limit: LIMIT, Marker: MARKER, KeyId: KEY_ID, GrantId: { kind: 'string', min: 1, max: 128 }, GranteePrincipal: { kind: 'string', min: 1, max: 256 } },
  ListKeyPolicies: { KeyId: KEY_ID, Limit: LIMIT, Marker: MARKER },
  ListKeyRotations: { KeyId: KEY_ID, IncludeKeyMaterial: { kind: 'string', enum: ['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'] }, Limit: LIMIT, Marker: MARKER },
  ListKeys: { Limit: LIMIT, Marker: MARKER },
  ListResourceTags: { KeyId: KEY_ID, Limit: LIMIT, Marker: MARKER },
  ListRetirableGrants: { Limit: LIMIT, Marker: MARKER, RetiringPrincipal: { kind: 'string', required: true, min: 1, max: 256 } },
  PutKeyPolicy: { KeyId: KEY_ID, PolicyName: POLICY_NAME, Policy: { ...POLICY, required: true }, BypassPolicyLockoutSafetyCheck: { kind: 'bool' } },
  ReEncrypt: {
    CiphertextBlob: { kind: 'blob', required: true, min: 1, max: 6144 }, SourceEncryptionContext: EC, SourceKeyId: OPT_KEY_ID, DestinationKeyId: KEY_ID,
    DestinationEncryptionContext: EC, SourceEncryptionAlgorithm: ENC_ALG, DestinationEncryptionAlgorithm: ENC_ALG, GrantTokens: GRANT_TOKENS, DryRun: DRY_RUN,
  },
  ReplicateKey: { KeyId: KEY_ID, ReplicaRegion: { kind: 'string', required: true, min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ }, Policy: POLICY, BypassPolicyLockoutSafetyCheck: { kind: 'bool' }, Description: { kind: 'string', min: 0, max: 8192 }, Tags: { kind: 'tags' } },
  RetireGrant: { GrantToken: { kind: 'string', min: 1, max: 8192 }, KeyId: OPT_KEY_ID, GrantId: { kind: 'string', min: 1, max: 128 }, DryRun: DRY_RUN },
  RevokeGrant: { KeyId: KEY_ID, GrantId: { kind: 'string', required: true, min: 1, max: 128 }, DryRun: DRY_RUN },
  RotateKeyOnDemand: { KeyId: KEY_ID },
  ScheduleKeyDeletion: { KeyId: KEY_ID, PendingWindowInDays: { kind: 'int', min: 1, max: 365 } },
  Sign: { KeyId: KEY_ID, Message: MESSAGE, MessageType: MESSAGE_TYPE, GrantTokens: GRANT_TOKENS, SigningAlgorithm: { kind: 'string', required: true, enum: SIGNING_ALGORITHMS }, DryRun: DRY_RUN },
  TagResource: { KeyId: KEY_ID, Tags: { kind: 'tags', required: true } },
  UntagResource: { KeyId: KEY_ID, TagKeys: { kind: 'list', required: true, of: { kind: 'string', min: 1, max: 128 } } },
  UpdateAlias: { AliasName: ALIAS_NAME, TargetKeyId: KEY_ID },
  UpdateCustomKeyStore: { ...CKS_FIELDS, CustomKeyStoreId: { ...CKS_ID, required: true }, NewCustomKeyStoreName: { kind: 'string', min: 1, max: 256 } },
  UpdateKeyDescription: { KeyId: KEY_ID, Description: { kind: 'string', required: true, min: 0, max: 8192 } },
  UpdatePrimaryRegion: { KeyId: KEY_ID, PrimaryRegion: { kind: 'string', required: true, min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ } },
  Verify: { KeyId: KEY_ID, Message: MESSAGE, MessageType: MESSAGE_TYPE, Signature: { kind: 'blob', required: true, min: 1, max: 6144 }, SigningAlgorithm: { kind: 'string', required: true, enum: SIGNING_ALGORITHMS }, GrantTokens: GRANT_TOKENS, DryRun: DRY_RUN },
  VerifyMac: { Message: MESSAGE, KeyId: KEY_ID, MacAlgorithm: { kind: 'string', required: true, enum: MAC_ALGORITHMS }, Mac: { kind: 'blob', required: true, min: 1, max: 6144 }, GrantTokens: GRANT_TOKENS, DryRun: DRY_RUN },
};
