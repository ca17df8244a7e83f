/**
 * @module catalogue/actions
 * Every AWS KMS permission: the operation it authorizes, its resource, condition keys, whether it
 * works across accounts, whether a grant can give it, and the policy types where it is effective.
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations
 */
import { keyStateError } from './key-state.js';
import { KEY_STATES } from './types.js';
import type { ActionInfo, KeyUsage, PolicyPlace, ResourceType } from './types.js';

const PERM = 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html';
const API = (op: string): string => `https://docs.aws.amazon.com/kms/latest/APIReference/API_${op}.html`;

/** Keys describing the key a request is on: every KMS key resource operation supports them (CK). */
const KEY_PROPERTIES = ['aws:ResourceTag/${TagKey}', 'kms:KeyOrigin', 'kms:KeySpec', 'kms:KeyUsage', 'kms:MultiRegion', 'kms:MultiRegionKeyType', 'kms:ResourceAliases'];
const KEY_RESOURCE = [...KEY_PROPERTIES, 'kms:CallerAccount', 'kms:ViaService'];
const EC = ['kms:EncryptionContext:${EncryptionContextKey}', 'kms:EncryptionContextKeys'];
const ATTEST = ['kms:RecipientAttestation:${AttestationKey}'];
const TAGS = ['aws:RequestTag/${TagKey}', 'aws:TagKeys'];
const ALG = ['kms:EncryptionAlgorithm'];

const BOTH: readonly PolicyPlace[] = ['key-policy', 'iam-policy'];
const IAM: readonly PolicyPlace[] = ['iam-policy'];
const ED: readonly KeyUsage[] = ['ENCRYPT_DECRYPT'];
const SYM = ['SYMMETRIC_DEFAULT'];

/** A compact row: the fields that vary; defaults fill the rest. */
interface Row {
  readonly op?: string;
  readonly res?: readonly ResourceType[];
  readonly keys?: readonly string[];
  readonly x?: boolean;
  readonly g?: boolean;
  readonly places?: readonly PolicyPlace[];
  readonly usages?: readonly KeyUsage[];
  readonly specs?: readonly string[];
  /** Include the key-resource condition keys (default true for key resources). */
  readonly keyProps?: boolean;
}

/** Key-resource defaults: resource key, key+IAM policies, same-account only, not grantable. */
const ROWS: Readonly<Record<string, Row>> = {
  CancelKeyDeletion: {},
  ConnectCustomKeyStore: { res: [], keys: ['kms:CallerAccount'], places: IAM },
  CreateAlias: { res: ['alias', 'key'] },
  CreateCustomKeyStore: { res: [], keys: ['kms:CallerAccount'], places: IAM },
  CreateGrant: {
    x: true, g: true,
    keys: [...EC, 'kms:GrantConstraintType', 'kms:GrantConstraintSourceArn', 'kms:GrantIsForAWSResource', 'kms:GrantOperations',
      'kms:GranteePrincipal', 'kms:GranteeServicePrincipal', 'kms:RetiringPrincipal', 'kms:RetiringServicePrincipal'],
  },
  // The service authorization reference lists aws:ResourceTag for CreateKey too; we follow it.
  CreateKey: {
    res: [], places: IAM,
    keys: ['kms:BypassPolicyLockoutSafetyCheck', 'kms:CallerAccount', 'kms:KeyOrigin', 'kms:KeySpec', 'kms:KeyUsage',
      'kms:MultiRegion', 'kms:MultiRegionKeyType', 'kms:ViaService', 'aws:ResourceTag/${TagKey}', ...TAGS],
  },
  Decrypt: { x: true, g: true, keys: [...ALG, ...EC, ...ATTEST, 'kms:RequestAlias'], usages: ED },
  DeleteAlias: { res: ['alias', 'key'] },
  DeleteCustomKeyStore: { res: [], keys: ['kms:CallerAccount'], places: IAM },
  DeleteImportedKeyMaterial: {},
  DeriveSharedSecret: { x: true, g: true, keys: ['kms:KeyAgreementAlgorithm', ...ATTEST, 'kms:RequestAlias'], usages: ['KEY_AGREEMENT'] },
  DescribeCustomKeyStores: { res: [], keys: ['kms:CallerAccount'], places: IAM },
  DescribeKey: { x: true, g: true, keys: ['kms:RequestAlias'] },
  DisableKey: { keys: ['kms:TrailingDaysWithoutKeyUsage'] },
  DisableKeyRotation: { specs: SYM },
  DisconnectCustomKeyStore: { res: [], keys: ['kms:CallerAccount'], places: IAM },
  EnableKey: {},
  EnableKeyRotation: { keys: ['kms:RotationPeriodInDays'], specs: SYM },
  Encrypt: { x: true, g: true, keys: [...ALG, ...EC, 'kms:RequestAlias'], usages: ED },
  GenerateDataKey: { x: true, g: true, keys: [...ALG, ...EC, ...ATTEST, 'kms:RequestAlias'], usages: ED, specs: SYM },
  GenerateDataKeyPair: { x: true, g: true, keys: [...ALG, ...EC, ...ATTEST, 'kms:DataKeyPairSpec', 'kms:RequestAlias'], usages: ED, specs: SYM },
  GenerateDataKeyPairWithoutPlaintext: { x: true, g: true, keys: [...ALG, ...EC, 'kms:DataKeyPairSpec', 'kms:RequestAlias'], usages: ED, specs: SYM },
  GenerateDataKeyWithoutPlaintext: { x: true, g: true, keys: [...ALG, ...EC, 'kms:RequestAlias'], usages: ED, specs: SYM },
  GenerateMac: { x: true, g: true, keys: ['kms:MacAlgorithm', 'kms:RequestAlias'], usages: ['GENERATE_VERIFY_MAC'] },
  GenerateRandom: { res: [], keys: ATTEST, places: IAM },
  GetKeyLastUsage: {},
  GetKeyPolicy: {},
  GetKeyRotationStatus: { x: true },
  GetParametersForImport: { keys: ['kms:WrappingAlgorithm', 'kms:WrappingKeySpec'] },
  GetPublicKey: { x: true, g: true, keys: ['kms:RequestAlias'], usages: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'KEY_AGREEMENT'] },
  ImportKeyMaterial: { keys: ['kms:ExpirationModel', 'kms:ValidTo'] },
  ListAliases: { res: [], places: IAM },
  ListGrants: { x: true, keys: ['kms:GrantIsForAWSResource'] },
  ListKeyPolicies: {},
  ListKeyRotations: {},
  ListKeys: { res: [], places: IAM },
  ListResourceTags: {},
  ListRetirableGrants: { res: [], places: IAM },
  PutKeyPolicy: { keys: ['kms:BypassPolicyLockoutSafetyCheck'] },
  // ReEncrypt needs two permissions, one on each key; there is no kms:ReEncrypt permission.
  ReEncryptFrom: { op: 'ReEncrypt', x: true, g: true, keys: [...ALG, ...EC, 'kms:ReEncryptOnSameKey', 'kms:RequestAlias'], usages: ED },
  ReEncryptTo: { op: 'ReEncrypt', x: true, g: true, keys: [...ALG, ...EC, 'kms:ReEncryptOnSameKey', 'kms:RequestAlias'], usages: ED },
  ReplicateKey: { keys: ['kms:ReplicaRegion', ...TAGS] },
  // "The kms:RetireGrant permission is not effective in a key policy" (grant-delete.html).
  RetireGrant: { x: true, g: true, keys: [...EC, 'kms:GrantConstraintType'], places: IAM },
  RevokeGrant: { x: true, keys: ['kms:GrantIsForAWSResource'] },
  RotateKeyOnDemand: { specs: SYM },
  ScheduleKeyDeletion: { keys: ['kms:ScheduleKeyDeletionPendingWindowInDays', 'kms:TrailingDaysWithoutKeyUsage'] },
  Sign: { x: true, g: true, keys: ['kms:MessageType', 'kms:SigningAlgorithm', 'kms:RequestAlias'], usages: ['SIGN_VERIFY'] },
  // Permission-only: multi-Region keys are synchronized by KMS itself (PERM); only key properties apply.
  SynchronizeMultiRegionKey: { op: '', keys: KEY_PROPERTIES, keyProps: false },
  TagResource: { keys: TAGS },
  UntagResource: { keys: ['aws:TagKeys'] },
  UpdateAlias: { res: ['alias', 'key'] },
  UpdateCustomKeyStore: { res: [], keys: ['kms:CallerAccount'], places: IAM },
  UpdateKeyDescription: {},
  UpdatePrimaryRegion: { keys: ['kms:PrimaryRegion'] },
  Verify: { x: true, g: true, keys: ['kms:MessageType', 'kms:SigningAlgorithm', 'kms:RequestAlias'], usages: ['SIGN_VERIFY'] },
  VerifyMac: { x: true, g: true, keys: ['kms:MacAlgorithm', 'kms:RequestAlias'], usages: ['GENERATE_VERIFY_MAC'] },
};

/** Every KMS permission, sorted by name. */
export const KMS_ACTIONS: readonly ActionInfo[] = Object.entries(ROWS).map(([short, r]): ActionInfo => {
  const res = r.res ?? ['key'];
  const op = r.op ?? short;
  return {
    name: `kms:${short}`,
    ...(op === '' ? {} : { operation: op }),
    resources: res,
    conditionKeys: [...new Set([...(res.includes('key') && r.keyProps !== false ? KEY_RESOURCE : []), ...(r.keys ?? [])])].sort(),
    crossAccount: r.x === true,
    grantable: r.g === true,
    policyPlaces: r.places ?? BOTH,
    ...(r.usages === undefined ? {} : { keyUsages: r.usages }),
    ...(r.specs === undefined ? {} : { keySpecs: r.specs }),
    ...(res.includes('key') && op !== '' ? { allowedKeyStates: KEY_STATES.filter((st) => keyStateError(op, st, 'k', { origin: 'AWS_KMS' }) === null) } : {}),
    docUrl: op === '' ? PERM : API(op),
  };
});

/** The 54 operations of the AWS KMS API (kms-api.md §1). */
export const KMS_OPERATIONS: readonly string[] = [
  ...new Set(KMS_ACTIONS.flatMap((a) => (a.operation === undefined ? [] : [a.operation]))),
].sort();

const byName = new Map(KMS_ACTIONS.map((a) => [a.name.toLowerCase(), a]));

/** Looks an action up by name, ignoring case (`kms:decrypt` finds kms:Decrypt). */
export function actionInfo(name: string): ActionInfo | undefined {
  return byName.get(name.toLowerCase());
}

/** The permissions an API operation needs (ReEncrypt → kms:ReEncryptFrom and kms:ReEncryptTo). */
export function actionsForOperation(operation: string): readonly ActionInfo[] {
  const lower = operation.toLowerCase();
  return KMS_ACTIONS.filter((a) => a.operation?.toLowerCase() === lower);
}

/** The grant operations, as ListGrants names them (no `kms:` prefix). */
export const GRANT_OPERATIONS: readonly string[] = KMS_ACTIONS.filter((a) => a.grantable).map((a) => a.name.slice(4));
