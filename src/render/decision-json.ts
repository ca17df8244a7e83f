/**
 * @module render/decision-json
 * A decision as the contract's `explain --format json` document: the Decision value itself.
 */
import type { Decision } from '../model/decision.js';

/** The JSON text of a decision (the trace only when it was asked for). */
export function renderDecisionJson(d: Decision | readonly Decision[]): string {
  return JSON.stringify(d, null, 2);
}
