/**
 * @module model/refs
 * Stable identities for policies and statements (style.md convention 4). Decisions, traces,
 * lint findings and backend errors all cite these.
 */

/** Every kind of policy document that takes part in a KMS decision. */
export type PolicyKind = 'key' | 'identity' | 'scp' | 'rcp' | 'boundary' | 'session' | 'vpce' | 'grant' | 'trust';

/** Identifies one policy document. `id` is unique in a world, e.g. `key-policy:arn:aws:kms:…`. */
export interface PolicyRef {
  readonly kind: PolicyKind;
  readonly id: string;
  /** File the policy came from, if any. */
  readonly file?: string;
  /** Pointer of the policy document inside that file ('' when the file is the policy). */
  readonly pointer?: string;
}

/** Identifies one statement: its Sid, or `#<index>` when there is none, plus its JSON pointer. */
export interface StatementRef {
  readonly policy: PolicyRef;
  /** The Sid, or `#0`, `#1`, … (0-based) when the statement has no Sid. */
  readonly sid: string;
  readonly index: number;
  /** Pointer relative to the policy document, e.g. `/Statement/2`. */
  readonly pointer: string;
  /** 1-based position in `policy.file`, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** The printable id of a statement: `${policyId}#${sid}`. */
export function statementId(ref: StatementRef): string {
  return `${ref.policy.id}#${ref.sid}`;
}
