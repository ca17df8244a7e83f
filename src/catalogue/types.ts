/**
 * @module catalogue/types
 * The shapes of the KMS catalogue: actions, condition keys and key states.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
 */

/** The states a KMS key can be in (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html). */
export type KeyState =
  | 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Unavailable' | 'Creating' | 'Updating' | 'PendingReplicaDeletion';

/** Every key state, in the order of the key-state table. */
export const KEY_STATES: readonly KeyState[] = [
  'Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Unavailable', 'Creating', 'Updating', 'PendingReplicaDeletion',
];

/** The resource an action is authorized on: the key, the alias, or none (`"*"`, IAM only). */
export type ResourceType = 'key' | 'alias';

/** Where a permission is effective: a key policy, or IAM policies (identity, boundary, session, SCP, RCP). */
export type PolicyPlace = 'key-policy' | 'iam-policy';

/** Key usages (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html#KMS-CreateKey-request-KeyUsage). */
export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

/** One KMS permission (action). */
export interface ActionInfo {
  /** Canonical name, e.g. `kms:Decrypt`. */
  readonly name: string;
  /** The API operation it authorizes (`ReEncrypt` for kms:ReEncryptFrom/To); undefined for a permission-only action. */
  readonly operation?: string;
  /** Resources it is authorized on; empty = no resource (`"*"`, IAM policies only). */
  readonly resources: readonly ResourceType[];
  /** Condition keys AWS lists for it (global keys not included; see `GLOBAL_CONDITION_KEYS`). */
  readonly conditionKeys: readonly string[];
  /** Effective for a principal in another account (kms-authorization.md §2.3, PERM "Cross-account use"). */
  readonly crossAccount: boolean;
  /** May be a grant operation (GR "Grant operations"). */
  readonly grantable: boolean;
  /** Policy types where the permission is effective. */
  readonly policyPlaces: readonly PolicyPlace[];
  /** Key usages it applies to; undefined = any key. */
  readonly keyUsages?: readonly KeyUsage[];
  /** Key specs it applies to; undefined = any spec allowed by `keyUsages`. */
  readonly keySpecs?: readonly string[];
  /**
   * Key states in which its operation succeeds for a key of origin AWS_KMS outside a custom key
   * store (catalogue/key-state `keyStateError` gives the exact error otherwise, for any key).
   * Undefined for a permission that takes no key.
   */
  readonly allowedKeyStates?: readonly KeyState[];
  /** The AWS page documenting it. */
  readonly docUrl: string;
}

/** The value type of a condition key, naming the operator family that fits it. */
export type ConditionKeyType = 'String' | 'ARN' | 'Numeric' | 'Date' | 'Bool' | 'IPAddress' | 'Binary';

/** One condition key (or key pattern, e.g. `kms:EncryptionContext:${EncryptionContextKey}`). */
export interface ConditionKeyInfo {
  /** Canonical name; a pattern ends its fixed part with `${…}`. */
  readonly name: string;
  readonly type: ConditionKeyType;
  /** A multi-valued key (use ForAnyValue/ForAllValues with it). */
  readonly multiValued: boolean;
  /** Where the key is honoured; undefined = key and IAM policies. */
  readonly policyPlaces?: readonly PolicyPlace[];
  /** Other operator families AWS's own examples use with this key (e.g. Numeric for kms:ValidTo). */
  readonly alsoAccepts?: readonly ConditionKeyType[];
  /** A deprecated key and the key that replaces it. */
  readonly replacedBy?: string;
  readonly docUrl: string;
}
