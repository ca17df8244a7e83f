/**
 * @module backend/records
 * The documents the simulated KMS keeps in the store, one per table row. Field meanings follow
 * the KeyMetadata, GrantListEntry, AliasListEntry and CustomKeyStoresListEntry shapes of the KMS
 * API reference (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
 * Times are epoch milliseconds of the simulated clock.
 */
import type { GrantConstraintsInput, WorldKeyState } from '../world/types.js';

/** Key state (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html). */
export type KeyState = WorldKeyState;

/** One KMS key (table `keys`, id = key ARN). */
export interface KeyRecord {
  readonly keyId: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  description: string;
  readonly keySpec: string;
  readonly keyUsage: string;
  readonly origin: string;
  readonly keyManager: 'CUSTOMER' | 'AWS';
  state: KeyState;
  readonly creationDate: number;
  /** The key policy document as JSON text (PutKeyPolicy keeps the caller's text). */
  policy: string;
  /** True while the policy is the API default (no Policy given). */
  defaultPolicy: boolean;
  tags: Record<string, string>;
  /** Bumped on every change that can alter a decision (policy, grants, aliases, tags, state). */
  rev: number;
  /** Material id currently used to encrypt/sign; undefined while an EXTERNAL key has none. */
  currentMaterial?: string;
  deletionDate?: number;
  pendingWindowInDays?: number;
  rotationEnabled: boolean;
  rotationPeriodInDays?: number;
  nextRotationDate?: number;
  onDemandRotations: number;
  /** EXTERNAL keys: the expiration model and expiry of the current imported material. */
  expirationModel?: string;
  validTo?: number;
  /** Fingerprint of the first imported material: only the same material may be re-imported. */
  importedFingerprint?: string;
  customKeyStoreId?: string;
  multiRegion: boolean;
  multiRegionKeyType?: 'PRIMARY' | 'REPLICA';
  /** For multi-Region keys: the primary key ARN (itself for the primary). */
  primaryArn?: string;
  /** For a primary: its replicas' ARNs. */
  replicaArns: string[];
  /** A transient state (Creating, Updating) ends at this time, becoming `settleTo`. */
  settleAt?: number;
  settleTo?: KeyState;
  /** While a custom key store is disconnected: the state to return to on reconnect. */
  availableState?: KeyState;
  lastUsage?: { readonly operation: string; readonly timestamp: number; readonly principal: string };
}

/** One alias (table `aliases`, id = alias ARN). */
export interface AliasRecord {
  readonly aliasName: string;
  readonly aliasArn: string;
  readonly account: string;
  readonly region: string;
  targetKeyArn: string;
  /** The target's key id (indexed by the store, as ListAliases reports TargetKeyId). */
  targetKeyId: string;
  readonly creationDate: number;
  lastUpdatedDate: number;
}

/** One grant (table `grants`, id = `<keyArn>|<grantId>`). */
export interface GrantRecord {
  readonly grantId: string;
  readonly keyArn: string;
  readonly name?: string;
  readonly granteePrincipal: string;
  readonly retiringPrincipal?: string;
  readonly operations: readonly string[];
  readonly constraints?: GrantConstraintsInput;
  readonly issuingAccount: string;
  readonly creationDate: number;
  readonly grantToken: string;
  /** Simulated time at which the grant is usable without its token. */
  readonly propagatesAt: number;
}

/** One key material version (table `materials`, id = material id; secret held with putSecret). */
export interface MaterialRecord {
  readonly materialId: string;
  readonly keyArn: string;
  createdAt: number;
  /** DER SubjectPublicKeyInfo of asymmetric material, base64. */
  readonly publicKey?: string;
  readonly imported: boolean;
  /** Imported material only: a secret-free fingerprint, and whether the secret is currently held. */
  readonly fingerprint?: string;
  present?: boolean;
  /** Imported as NEW_KEY_MATERIAL and waiting for RotateKeyOnDemand to become current. */
  pendingRotation?: boolean;
  rotationType?: 'AUTOMATIC' | 'ON_DEMAND';
}

/** One custom key store (table `customKeyStores`, id = store id). */
export interface CustomKeyStoreRecord {
  readonly id: string;
  readonly account: string;
  readonly region: string;
  name: string;
  readonly type: 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
  cloudHsmClusterId?: string;
  trustAnchorCertificate?: string;
  connectionState: 'CONNECTED' | 'CONNECTING' | 'FAILED' | 'DISCONNECTED' | 'DISCONNECTING';
  connectionErrorCode?: string;
  readonly creationDate: number;
  xks?: Record<string, unknown>;
}

/** One outstanding import token (table `importTokens`, id = token id). */
export interface ImportTokenRecord {
  readonly tokenId: string;
  readonly keyArn: string;
  readonly wrappingAlgorithm: string;
  readonly wrappingKeySpec: string;
  readonly expiresAt: number;
}
