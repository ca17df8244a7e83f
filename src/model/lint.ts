/**
 * @module model/lint
 * What the input readers (src/sources) hand to the lint engine: targets located in files.
 * Input shapes: ../shared/spec/lint-catalogue.md §5 (CloudFormation, CDK, Terraform plan, AWS CLI).
 */
import type { Diagnostic, Position } from './diagnostic.js';
import type { NormalizedGrant, NormalizedPolicy } from './policy.js';
import type { PolicyKind } from './refs.js';

/**
 * Placeholders the readers put where an input leaves a value to deployment time (CloudFormation
 * pseudo parameters, chosen by kms-authz; AWS says nothing about linting them). They keep ARNs
 * well formed, so rules parse them like any value, and rules compare against them to recognize
 * "this account": `{"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}` reads as
 * `arn:aws:iam::000000000000:root`, the root of the account that deploys the template.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
export const THIS_ACCOUNT = '000000000000';
/** Placeholder for `AWS::Region` (a well-formed region name that no AWS region has). */
export const THIS_REGION = 'this-region-1';
/**
 * Other values unknown at lint time but fixed at deploy time (template parameters, `Fn::GetAtt` of
 * a resource that is not an IAM role or user, `Fn::ImportValue`, dynamic references) are read as an
 * opaque token `{{…}}` naming their source, e.g. `{{Ref.OrgId}}`, `{{GetAtt.Bucket.Arn}}`: an exact
 * value of unknown content. Tokens never hold `:` (so ARN splitting is safe) nor `${`.
 */
export const SYMBOLIC_PREFIX = '{{';

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
  /**
   * The account that owns the policy's resource when the input says so (a key ARN, a Terraform
   * `aws_caller_identity`), or {@link THIS_ACCOUNT} for a CloudFormation/CDK template.
   */
  readonly ownerAccount?: string;
  /** Suppressions that apply to one statement only (the Sid convention of src/sources/suppressions.ts). */
  readonly statementSuppressions?: readonly StatementSuppression[];
}

/** Where a suppression is written and what it covers (LintInput.suppressionSites). */
export interface SuppressionSite {
  readonly ruleId: string;
  /** The suppression itself (a metadata entry, a tag, a Sid). */
  readonly pointer: string;
  /** Findings under this pointer are the ones it suppresses. */
  readonly covers: string;
}

/** A suppression scoped to one statement of a policy target. */
export interface StatementSuppression {
  readonly ruleId: string;
  readonly reason: string;
  /** The statement's pointer, relative to the policy document (`/Statement/2`). */
  readonly statementPointer: string;
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
  /**
   * Reader notes that are not problems of a policy: a suppression without a reason (not applied),
   * a malformed suppression, an `Fn::If` of which one branch was linted. Shown, never a finding.
   */
  readonly notes?: readonly Diagnostic[];
  /**
   * Where each honoured suppression is written, so that one matching no finding can be reported
   * (as ESLint reports unused disable directives): the rule, the suppression's own pointer, and the
   * pointer of the part it covers (a resource, or one statement).
   */
  readonly suppressionSites?: readonly SuppressionSite[];
  /**
   * True when the file could not be read at all (missing, unreadable, not JSON/YAML, or a shape no
   * reader knows): the CLI reports it as an input error (exit 2) instead of linting it.
   */
  readonly fatal?: boolean;
  /**
   * Maps a pointer as the targets hold it to the pointer of the same value in the file, where the
   * reader moved things (a bare statement linted as `/Statement/0`, CloudFormation `Fn::If`
   * branches). Identity when absent. `locate` already applies it.
   */
  readonly filePointer?: (pointer: string) => string;
  /**
   * Pointers (in the file) under which `--fix` must not write: values built by CloudFormation
   * intrinsics (`Fn::Sub`, `Fn::Join`, …), whose text is not the linted value.
   */
  readonly readOnly?: readonly string[];
}
