/**
 * @module authorize/reasons
 * Turns statement and grant references into the `Reason` values a decision carries.
 */
import type { DecisionLayer, Reason } from '../model/decision.js';
import type { StatementRef } from '../model/refs.js';
import type { CompiledGrant } from '../world/compiled-types.js';

const cache = new WeakMap<StatementRef, Reason[]>();

/** The reason for a statement (reasons are immutable values, so each is built once). */
export function statementReason(ref: StatementRef, effect: 'Allow' | 'Deny', layer: DecisionLayer): Reason {
  let list = cache.get(ref);
  if (list === undefined) {
    list = [];
    cache.set(ref, list);
  }
  for (const r of list) if (r.effect === effect && r.layer === layer) return r;
  const r = buildReason(ref, effect, layer);
  list.push(r);
  return r;
}

function buildReason(ref: StatementRef, effect: 'Allow' | 'Deny', layer: DecisionLayer): Reason {
  return {
    policy: ref.policy.id, statement: ref.sid, pointer: ref.pointer, effect, layer,
    ...(ref.policy.file === undefined ? {} : { file: ref.policy.file }),
    ...(ref.line === undefined ? {} : { line: ref.line }),
    ...(ref.column === undefined ? {} : { column: ref.column }),
  };
}

const grantCache = new WeakMap<CompiledGrant, Reason>();

/** The reason for a grant (its pointer is the grant's place in the world). */
export function grantReason(g: CompiledGrant): Reason {
  let r = grantCache.get(g);
  if (r === undefined) {
    r = buildGrantReason(g);
    grantCache.set(g, r);
  }
  return r;
}

function buildGrantReason(g: CompiledGrant): Reason {
  return {
    policy: g.grant.ref.id, statement: g.grant.grantId, pointer: g.pointer, effect: 'Allow', layer: 'grant',
    ...(g.file === undefined ? {} : { file: g.file }),
    ...(g.line === undefined ? {} : { line: g.line }),
    ...(g.column === undefined ? {} : { column: g.column }),
  };
}
