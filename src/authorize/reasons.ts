/**
 * @module authorize/reasons
 * Turns statement and grant references into the `Reason` values a decision carries.
 */
import type { DecisionLayer, Reason } from '../model/decision.js';
import type { StatementRef } from '../model/refs.js';
import type { CompiledGrant } from '../world/compiled-types.js';

/** The reason for a statement. */
export function statementReason(ref: StatementRef, effect: 'Allow' | 'Deny', layer: DecisionLayer): Reason {
  return {
    policy: ref.policy.id, statement: ref.sid, pointer: ref.pointer, effect, layer,
    ...(ref.policy.file === undefined ? {} : { file: ref.policy.file }),
    ...(ref.line === undefined ? {} : { line: ref.line }),
    ...(ref.column === undefined ? {} : { column: ref.column }),
  };
}

/** The reason for a grant (its pointer is the grant's place in the world). */
export function grantReason(g: CompiledGrant): Reason {
  return {
    policy: g.grant.ref.id, statement: g.grant.grantId, pointer: g.pointer, effect: 'Allow', layer: 'grant',
    ...(g.file === undefined ? {} : { file: g.file }),
    ...(g.line === undefined ? {} : { line: g.line }),
    ...(g.column === undefined ? {} : { column: g.column }),
  };
}
