/**
 * @module authorize/facts
 * The key-state check of an authorized call, through the catalogue's key-state table.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
 */
import { keyStateError } from '../catalogue/index.js';
import type { DecisionError } from '../model/decision.js';
import type { CompiledKey } from '../world/compiled-types.js';

/** The key-state error of an authorized call, or null (CancelKeyDeletion fails even on an Enabled key). */
export function keyStateErrorOf(operation: string, key: CompiledKey): DecisionError | null {
  // A compiled key's state never changes, so each (key, operation) is looked up once.
  let byOp = cache.get(key);
  if (byOp === undefined) {
    byOp = new Map();
    cache.set(key, byOp);
  }
  let e = byOp.get(operation);
  if (e === undefined) {
    e = lookup(operation, key);
    byOp.set(operation, e);
  }
  return e;
}

const cache = new WeakMap<CompiledKey, Map<string, DecisionError | null>>();

function lookup(operation: string, key: CompiledKey): DecisionError | null {
  return keyStateError(operation, key.state, key.arn, {
    ...(key.raw.origin === undefined ? {} : { origin: key.raw.origin }),
    ...(key.raw.keySpec === undefined ? {} : { keySpec: key.raw.keySpec }),
  });
}
