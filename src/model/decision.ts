/**
 * @module model/decision
 * A KMS authorization decision as a value that carries its reasons (style.md, after Cedar's
 * `Response`), and the request it answers. The JSON of a `Decision` is the contract's
 * `explain --format json` shape. Flow: https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 * and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */

/** The three outcomes of AWS's authorization flow. */
export type DecisionKind = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/**
 * The policy layers of a KMS decision. `cross-account` is the operation gate of
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 * (it has no statements; it only appears in `missing`).
 */
export type DecisionLayer =
  | 'rcp'
  | 'scp'
  | 'vpce'
  | 'cross-account'
  | 'key-policy'
  | 'grant'
  | 'identity'
  | 'boundary'
  | 'session';

/** A statement (or grant) that decided: an Allow on the path, or the Deny that won. */
export interface Reason {
  /** Policy id, e.g. `key-policy:arn:aws:kms:…`, `identity:arn:aws:iam::…:user/Alice#0`. */
  readonly policy: string;
  /** The statement's Sid, or `#<index>`; for a grant, its grant id. */
  readonly statement: string;
  /** Pointer of the statement inside its policy document, e.g. `/Statement/0`. */
  readonly pointer: string;
  readonly effect: 'Allow' | 'Deny';
  readonly layer: DecisionLayer;
  /** File, line and column of the statement when the policy came from a file. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** For an implicit deny: a layer that lacked an Allow, in which account, and what would fix it. */
export interface MissingAllow {
  readonly layer: DecisionLayer;
  readonly account: string;
  readonly note: string;
}

/** The KMS error an authorized call still gets (key state), e.g. `DisabledException`. */
export interface DecisionError {
  readonly type: string;
  readonly message: string;
}

/** A problem met while evaluating (a statement that could not be evaluated cannot allow). */
export interface EvalIssue {
  readonly code: string;
  readonly message: string;
  readonly policy?: string;
  readonly statement?: string;
}

/** The kinds of trace events (OPA-style): entering a layer, a statement matching or not, a decision. */
export type TraceOp = 'enter' | 'match' | 'nomatch' | 'fail' | 'decide' | 'note';

/** One trace event. `parent` links an event to the layer it happened in. */
export interface TraceEvent {
  readonly id: number;
  readonly parent?: number;
  readonly op: TraceOp;
  readonly layer: DecisionLayer | 'request';
  readonly policy?: string;
  readonly statement?: string;
  readonly pointer?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** The answer to one request. */
export interface Decision {
  readonly decision: DecisionKind;
  /** AWS's AccessDeniedException message for a deny (naming the policy type); a short summary for an Allow. */
  readonly message: string;
  /** Allow: one Allow per required layer. ExplicitDeny: the matching Deny statements. */
  readonly reasons: readonly Reason[];
  /** ImplicitDeny: which layer lacked an Allow. Empty otherwise. */
  readonly missing: readonly MissingAllow[];
  /** Key-state error of an authorized call (authorize first, then key state), else null. */
  readonly error: DecisionError | null;
  readonly issues: readonly EvalIssue[];
  /** Present only when tracing was asked for. */
  readonly trace?: readonly TraceEvent[];
}

/** A JSON-ish context value as users write it: numbers and booleans are taken as their text. */
export type RequestContextInput = string | number | boolean | readonly (string | number | boolean)[];

/** Grant constraints as CreateGrant takes them. */
export interface GrantConstraintsInput {
  readonly EncryptionContextEquals?: Readonly<Record<string, string>>;
  readonly EncryptionContextSubset?: Readonly<Record<string, string>>;
  /** The SourceArn constraint of grants for service principals (drives kms:GrantConstraintSourceArn). */
  readonly SourceArn?: string;
}

/** The CreateGrant parameters that drive kms:Grant* condition keys. */
export interface GrantRequest {
  readonly granteePrincipal: string;
  readonly retiringPrincipal?: string;
  /** Operations without the `kms:` prefix, as in CreateGrant. */
  readonly operations: readonly string[];
  readonly constraints?: GrantConstraintsInput;
  readonly name?: string;
  /** A service principal grantee (drives kms:GranteeServicePrincipal). */
  readonly granteeServicePrincipal?: string;
  /** A service principal that may retire the grant (drives kms:RetiringServicePrincipal). */
  readonly retiringServicePrincipal?: string;
}

/** A request to authorize: the contract's "Request". */
export interface AuthzRequest {
  /** Caller ARN: user, role, root, assumed-role session or federated user. */
  readonly principal: string;
  /** `kms:Decrypt` (the `kms:` prefix may be omitted). */
  readonly action: string;
  /** The key ARN. */
  readonly resource: string;
  /** What the caller passed as KeyId (drives kms:RequestAlias). */
  readonly keyIdAsSent?: string;
  readonly encryptionContext?: Readonly<Record<string, string>>;
  readonly grantRequest?: GrantRequest;
  /** RetireGrant / RevokeGrant: the grant in question. */
  readonly grantId?: string;
  readonly grantTokens?: readonly string[];
  /** A session policy document (object or JSON string). */
  readonly sessionPolicy?: unknown;
  /** Request-context keys given by the caller; a key given here is taken as given. */
  readonly context?: Readonly<Record<string, RequestContextInput>>;
  /** The interface VPC endpoint the request came through (same as context aws:SourceVpce). */
  readonly sourceVpce?: string;
}
