/**
 * @module world/types
 * The world a decision depends on (contract "World"): accounts, organization tree, principals,
 * keys with grants, VPC endpoints. Field defaults follow AWS: a key without a policy has the
 * CreateKey default key policy (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html),
 * an OU without SCPs has only FullAWSAccess, without RCPs only RCPFullAWSAccess
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html).
 */
import type { Position } from '../model/diagnostic.js';

/** A policy document as the world holds it: an object, a JSON string, or a managed-policy name. */
export type PolicyInput = unknown;

/** An AWS account. */
export interface WorldAccount {
  readonly id: string;
  readonly name?: string;
  readonly organizationId?: string;
}

/** A node of the organization tree: the root, an OU, or an account. */
export interface WorldOrgNode {
  readonly id: string;
  readonly type: 'ROOT' | 'OU' | 'ACCOUNT';
  readonly parent?: string;
  /** Absent = FullAWSAccess only; `"FullAWSAccess"` may stand in the list. */
  readonly scps?: readonly PolicyInput[];
  /** Absent = RCPFullAWSAccess only; `"RCPFullAWSAccess"` may stand in the list. */
  readonly rcps?: readonly PolicyInput[];
}

/** An AWS Organizations organization. */
export interface WorldOrganization {
  readonly id: string;
  readonly managementAccountId: string;
  readonly nodes: readonly WorldOrgNode[];
}

/** An IAM group a user belongs to. */
export interface WorldGroup {
  readonly name: string;
  readonly policies?: readonly PolicyInput[];
}

/** Credentials used by `serve`. */
export interface WorldAccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** An IAM principal: user, role, or an account root user. */
export interface WorldPrincipal {
  readonly arn: string;
  readonly type?: 'user' | 'role' | 'root';
  readonly policies?: readonly PolicyInput[];
  readonly groups?: readonly WorldGroup[];
  readonly boundary?: PolicyInput;
  readonly tags?: Readonly<Record<string, string>>;
  readonly serviceLinked?: boolean;
  readonly accessKeys?: readonly WorldAccessKey[];
  readonly trustPolicy?: PolicyInput;
  /** Unique id (AIDA…/AROA…), used for aws:userid; derived when absent. */
  readonly uniqueId?: string;
}

/** Grant constraints as CreateGrant and ListGrants spell them. */
export interface GrantConstraintsInput {
  readonly EncryptionContextEquals?: Readonly<Record<string, string>>;
  readonly EncryptionContextSubset?: Readonly<Record<string, string>>;
}

/** A grant on a key, as ListGrants shows it (operations without the `kms:` prefix). */
export interface WorldGrant {
  readonly grantId: string;
  readonly name?: string;
  readonly granteePrincipal: string;
  readonly retiringPrincipal?: string;
  readonly operations: readonly string[];
  readonly constraints?: GrantConstraintsInput;
  /** Account root ARN of the account that created the grant; defaults to the key's account. */
  readonly issuingAccount?: string;
  /** Grant tokens returned by CreateGrant; a grant may be marked not yet propagated. */
  readonly grantToken?: string;
  /** False while the grant is still propagating: usable only with its grant token. */
  readonly propagated?: boolean;
}

/** Key states of https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html */
export type WorldKeyState =
  | 'Enabled'
  | 'Disabled'
  | 'PendingDeletion'
  | 'PendingImport'
  | 'Unavailable'
  | 'Creating'
  | 'Updating'
  | 'PendingReplicaDeletion';

/** A KMS key. */
export interface WorldKey {
  readonly arn: string;
  /** Absent = the API default key policy (one statement delegating to the account). */
  readonly policy?: PolicyInput;
  readonly grants?: readonly WorldGrant[];
  readonly tags?: Readonly<Record<string, string>>;
  /** Alias names, e.g. `alias/finance-key`. */
  readonly aliases?: readonly string[];
  readonly state?: WorldKeyState;
  readonly keySpec?: string;
  readonly keyUsage?: string;
  readonly origin?: string;
  readonly multiRegion?: boolean;
  readonly multiRegionKeyType?: 'PRIMARY' | 'REPLICA';
  readonly keyManager?: 'CUSTOMER' | 'AWS';
  /** Days since the key was last used, for kms:TrailingDaysWithoutKeyUsage. */
  readonly trailingDaysWithoutKeyUsage?: number;
}

/** An interface VPC endpoint for KMS. Absent policy = the default (allow everything). */
export interface WorldVpcEndpoint {
  readonly id: string;
  readonly vpcId?: string;
  readonly ownerAccount?: string;
  readonly policy?: PolicyInput;
}

/** Where a world came from, so decisions can cite file:line. */
export interface WorldOrigin {
  readonly file: string;
  /** Maps an absolute pointer in `file` to a position. */
  readonly locate: (pointer: string) => Position;
  /** Pointer of the world inside `file` ('' when the file is the world). */
  readonly pointer: string;
}

/** A validated world, with AWS defaults still implicit (the compiler applies them). */
export interface World {
  readonly accounts: readonly WorldAccount[];
  readonly organization?: WorldOrganization;
  readonly principals: readonly WorldPrincipal[];
  readonly keys: readonly WorldKey[];
  readonly vpcEndpoints: readonly WorldVpcEndpoint[];
  readonly origin?: WorldOrigin;
}
