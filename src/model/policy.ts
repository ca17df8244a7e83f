/**
 * @module model/policy
 * The normalized policy model: one shape for every policy kind (key policy, identity policy, SCP,
 * RCP, permissions boundary, session policy, VPC endpoint policy, role trust policy) and for grants.
 * Pure types, no logic. Element grammar:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import type { PolicyKind, PolicyRef, StatementRef } from './refs.js';

/** A statement's effect. */
export type Effect = 'Allow' | 'Deny';

/** One piece of a value that may hold policy variables (`${aws:username}`), parsed once. */
export type TemplatePart =
  /** `literal` marks a `${*}`, `${?}` or `${$}` escape: matched as that character, never as a wildcard. */
  | { readonly kind: 'text'; readonly text: string; readonly literal?: boolean }
  /** `key` is case-folded; `fallback` is the `${key, 'default'}` value. */
  | { readonly kind: 'var'; readonly key: string; readonly fallback?: string };

/**
 * A string value as written in a policy. `template` is set only when the value holds a policy
 * variable and the policy's Version is 2012-10-17 (variables are literal text otherwise).
 */
export interface PolicyValue {
  readonly raw: string;
  readonly template?: readonly TemplatePart[];
  readonly pointer: string;
}

/** Action/NotAction or Resource/NotResource. `not` is true for the Not- form. */
export interface ValueSet {
  readonly not: boolean;
  readonly values: readonly PolicyValue[];
  readonly pointer: string;
}

/** The principal types of the Principal element. */
export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/**
 * One principal entry. For `AWS`, `value` is normalized: a bare 12-digit account id becomes
 * `arn:aws:iam::ACCOUNT:root` (the account principal); `raw` keeps what was written.
 * `"*"` as a whole Principal becomes `{ type: 'AWS', value: '*' }`.
 */
export interface PrincipalEntry {
  readonly type: PrincipalType;
  readonly value: string;
  readonly raw: string;
  readonly pointer: string;
}

/** Principal/NotPrincipal. */
export interface PrincipalSet {
  readonly not: boolean;
  readonly entries: readonly PrincipalEntry[];
  readonly pointer: string;
}

/** `ForAllValues` / `ForAnyValue`, or none. */
export type SetQualifier = 'ForAllValues' | 'ForAnyValue' | null;

/** One operator × key pair of a Condition block, with its values. */
export interface ConditionClause {
  readonly set: SetQualifier;
  /** The base operator without qualifier or IfExists, e.g. `StringLike`. */
  readonly operator: string;
  readonly ifExists: boolean;
  /** Condition key name, case-folded (key names are case-insensitive). */
  readonly key: string;
  /** The key as written. */
  readonly keyAsWritten: string;
  /** Values, stringified: JSON booleans and numbers become their text. */
  readonly values: readonly PolicyValue[];
  /** Pointer to the key's entry, e.g. `/Statement/0/Condition/StringEquals/kms:ViaService`. */
  readonly pointer: string;
}

/** A normalized statement. Absent elements are undefined. */
export interface Statement {
  readonly ref: StatementRef;
  readonly effect: Effect;
  readonly actions?: ValueSet;
  readonly resources?: ValueSet;
  readonly principals?: PrincipalSet;
  readonly conditions: readonly ConditionClause[];
}

/** A normalized policy document. */
export interface NormalizedPolicy {
  readonly ref: PolicyRef;
  readonly kind: PolicyKind;
  /** `2012-10-17`, `2008-10-17`, or undefined when absent. */
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
}

/** Grant constraints, as CreateGrant takes them. */
export interface GrantConstraints {
  readonly encryptionContextEquals?: Readonly<Record<string, string>>;
  readonly encryptionContextSubset?: Readonly<Record<string, string>>;
}

/** A normalized grant. `operations` are full action names, e.g. `kms:Decrypt`. */
export interface NormalizedGrant {
  readonly ref: PolicyRef;
  readonly grantId: string;
  readonly name?: string;
  readonly keyArn: string;
  readonly granteePrincipal: string;
  readonly retiringPrincipal?: string;
  readonly operations: readonly string[];
  readonly constraints?: GrantConstraints;
  readonly issuingAccount: string;
}
