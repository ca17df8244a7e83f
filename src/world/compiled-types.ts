/**
 * @module world/compiled-types
 * The compiled world: every policy parsed and compiled once, principals resolved once per ARN,
 * keys and aliases indexed, organization paths flattened (style.md convention 5).
 * Inputs of https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { CompiledPolicy } from '../compile/types.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { NormalizedGrant } from '../model/policy.js';
import type { ContextValue } from '../model/request.js';
import type { World, WorldGrant, WorldKey, WorldKeyState, WorldPrincipal, WorldVpcEndpoint } from './types.js';

/** What kind of caller an ARN names. */
export type PrincipalKind = 'user' | 'role' | 'root' | 'assumed-role' | 'federated-user' | 'service' | 'unknown';

/**
 * One level of an organization path (root, each OU, the account): its policies. Every level
 * must allow (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html).
 */
export interface OrgLevel {
  readonly nodeId: string;
  readonly policies: readonly CompiledPolicy[];
}

/** A caller, resolved once per ARN. */
export interface ResolvedPrincipal {
  /** The ARN as sent. */
  readonly arn: string;
  /** aws:PrincipalArn: the role ARN for an assumed-role session, else `arn`. */
  readonly principalArn: string;
  readonly account: string;
  readonly kind: PrincipalKind;
  /** For an assumed-role session: the role's ARN (with path when the world knows it). */
  readonly roleArn?: string;
  readonly sessionName?: string;
  /** The world entry the caller maps to (a session maps to its role), if any. */
  readonly entry?: WorldPrincipal;
  /** Short display name (`Alice`, `Engineering/bob`). */
  readonly name: string;
  /** Identity policies, the principal's own and its groups'. */
  readonly identity: readonly CompiledPolicy[];
  readonly boundary?: CompiledPolicy;
  readonly serviceLinked: boolean;
  /** SCP levels of the caller's account path; null when SCPs do not apply. */
  readonly scpPath: readonly OrgLevel[] | null;
  /** Why SCPs do not apply, when `scpPath` is null. */
  readonly scpExemption?: string;
  /** Principal-derived context entries (aws:PrincipalArn, aws:PrincipalTag/…, kms:CallerAccount, …). */
  readonly context: ReadonlyMap<string, ContextValue>;
}

/** A grant, compiled. */
export interface CompiledGrant {
  readonly grant: NormalizedGrant;
  readonly raw: WorldGrant;
  /** Case-folded full action names, e.g. `kms:decrypt`. */
  readonly operations: ReadonlySet<string>;
  readonly issuingAccount: string;
  readonly propagated: boolean;
  readonly pointer: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A key, compiled. The backend compiles keys it holds with `compileKey`. */
export interface CompiledKey {
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly keyId: string;
  readonly raw: WorldKey;
  readonly policy: CompiledPolicy;
  /** True when the key had no policy and got the API default. */
  readonly defaultPolicy: boolean;
  readonly grants: readonly CompiledGrant[];
  readonly grantsById: ReadonlyMap<string, CompiledGrant>;
  readonly state: WorldKeyState;
  /** AWS managed key (KeyManager AWS): RCPs do not apply. */
  readonly awsManaged: boolean;
  readonly aliases: readonly string[];
  /** Key-derived context entries (aws:ResourceAccount, kms:KeySpec, aws:ResourceTag/…, …). */
  readonly context: ReadonlyMap<string, ContextValue>;
}

/** A VPC endpoint, compiled. */
export interface CompiledVpcEndpoint {
  readonly raw: WorldVpcEndpoint;
  /** Undefined = the default endpoint policy (allows everything). */
  readonly policy?: CompiledPolicy;
}

/** The compiled world. */
export interface CompiledWorld {
  readonly world: World;
  readonly keys: ReadonlyMap<string, CompiledKey>;
  /** Alias name (`alias/x`) and alias ARN → key. */
  readonly aliases: ReadonlyMap<string, CompiledKey>;
  readonly vpcEndpoints: ReadonlyMap<string, CompiledVpcEndpoint>;
  readonly managementAccountId?: string;
  readonly organizationId?: string;
  /** Resolves a caller ARN (memoized; unknown ARNs resolve too, never throw). */
  principal(arn: string): ResolvedPrincipal;
  /** RCP levels of an account's path; null when the account is outside the organization or is the management account. */
  rcpPath(account: string): readonly OrgLevel[] | null;
  /** Problems met while parsing the world's policies (a policy that fails to parse allows nothing). */
  readonly diagnostics: readonly Diagnostic[];
  /** Policy id → the document as written, for quoting statements in explanations. */
  readonly documents: ReadonlyMap<string, unknown>;
}
