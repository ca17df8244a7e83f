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
  return keyStateError(operation, key.state, key.arn, {
    ...(key.raw.origin === undefined ? {} : { origin: key.raw.origin }),
    ...(key.raw.keySpec === undefined ? {} : { keySpec: key.raw.keySpec }),
  });
}
