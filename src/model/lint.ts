/**
 * @module model/lint
 * What the input readers (src/sources) hand to the lint engine: targets located in files.
 * Input shapes: ../shared/spec/lint-catalogue.md §5 (CloudFormation, CDK, Terraform plan, AWS CLI).
 */
import type { Diagnostic, Position } from './diagnostic.js';
import type { NormalizedGrant, NormalizedPolicy } from './policy.js';
import type { PolicyKind } from './refs.js';

/** Maps a pointer (absolute in the file) to a position; falls back to the nearest ancestor. */
export type Locator = (pointer: string) => Position;

/** A policy document found in a file. */
export interface PolicyTarget {
  readonly type: 'policy';
  readonly file: string;
  readonly kind: PolicyKind;
  /** Absolute pointer of the policy document in the file ('' when the file is the policy). */
  readonly pointer: string;
  /** The policy as a JSON value (a policy given as a JSON string is already decoded). */
  readonly raw: unknown;
  /** The policy's own text when it was given as a string (for size checks and fixes). */
  readonly text?: string;
  /** True when the policy was a JSON string inside the file (fixes then rewrite the string). */
  readonly embeddedAsString: boolean;
  readonly policy: NormalizedPolicy;
  /** The ARN, logical id or address of the key this policy belongs to, when known. */
  readonly keyId?: string;
  /** Resource name in the input (CloudFormation logical id, Terraform address, …). */
  readonly resourceName?: string;
  /** Inline suppressions found for this target: rule id → reason. */
  readonly suppressions: ReadonlyMap<string, string>;
}

/** A grant found in a file (Terraform aws_kms_grant, CloudFormation, list-grants output). */
export interface GrantTarget {
  readonly type: 'grant';
  readonly file: string;
  readonly pointer: string;
  readonly raw: unknown;
  readonly grant: NormalizedGrant;
  readonly resourceName?: string;
  readonly suppressions: ReadonlyMap<string, string>;
}

/** A value that could not be known at lint time (an unresolved intrinsic, TF after_unknown). */
export interface Unknown {
  readonly unknown: true;
  /** Why, e.g. `Fn::ImportValue`, `after_unknown`. */
  readonly reason: string;
}

/** Key configuration (CloudFormation AWS::KMS::Key, aws_kms_key, describe-key output). */
export interface KeyConfigTarget {
  readonly type: 'key-config';
  readonly file: string;
  readonly pointer: string;
  readonly resourceName?: string;
  readonly keySpec?: string | Unknown;
  readonly keyUsage?: string | Unknown;
  readonly origin?: string | Unknown;
  readonly enabled?: boolean | Unknown;
  readonly enableKeyRotation?: boolean | Unknown;
  readonly rotationPeriodInDays?: number | Unknown;
  readonly pendingWindowInDays?: number | Unknown;
  readonly multiRegion?: boolean | Unknown;
  readonly bypassPolicyLockoutSafetyCheck?: boolean | Unknown;
  readonly keyState?: string;
  /** CloudFormation resource attributes. */
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
  /** Whether a key policy was given at all (absent = the AWS default key policy). */
  readonly hasPolicy: boolean | Unknown;
  /** Where each field sits: field name → absolute pointer. */
  readonly pointers: Readonly<Record<string, string>>;
  readonly suppressions: ReadonlyMap<string, string>;
}

/** A policy that exists but whose content is unknown at lint time (KMS704). */
export interface UnresolvedTarget {
  readonly type: 'unresolved';
  readonly file: string;
  readonly pointer: string;
  readonly kind: PolicyKind;
  readonly reason: string;
  readonly resourceName?: string;
  readonly suppressions: ReadonlyMap<string, string>;
}

/** Anything the engine lints. */
export type LintTarget = PolicyTarget | GrantTarget | KeyConfigTarget | UnresolvedTarget;

/** One input file, read: its targets, a locator, and problems met while reading it. */
export interface LintInput {
  readonly file: string;
  /** Detected shape, e.g. `policy`, `cloudformation`, `cdk`, `terraform-plan`, `cli-get-key-policy`. */
  readonly shape: string;
  readonly targets: readonly LintTarget[];
  readonly locate: Locator;
  /** The file's text, for fixes. */
  readonly text: string;
  /** Read and parse problems (KMS001 and schema problems). */
  readonly diagnostics: readonly Diagnostic[];
}
