/**
 * @module lint/pointers
 * Turns the pointers rules report (as the model holds them) into pointers absolute in the file.
 * Convention: pointers inside a NormalizedPolicy (statement refs, values, clauses, principals) are
 * relative to the policy document; key-config and grant targets hold absolute pointers.
 * JSON Pointer: https://www.rfc-editor.org/rfc/rfc6901
 */
import type { PatchOp } from '../model/diagnostic.js';
import type { LintTarget, PolicyTarget } from '../model/lint.js';
import { applyPatch } from './patch.js';

/** The absolute pointer in the file of a pointer reported against `target`. */
export function absolutePointer(target: LintTarget | undefined, pointer: string): string {
  if (target?.type !== 'policy' || target.pointer === '') return pointer;
  return target.pointer + pointer;
}

/** Re-serializes an embedded policy the way AWS CLI and Terraform hold it: compact JSON. */
function embeddedReplace(target: PolicyTarget, ops: readonly PatchOp[]): readonly PatchOp[] {
  const patched = applyPatch(target.raw, ops);
  // A patch that does not apply to the policy is dropped rather than guessed at.
  if (!patched.ok) return [];
  return [{ op: 'replace', path: target.pointer, value: JSON.stringify(patched.value) }];
}

/**
 * Makes a fix's paths absolute. A policy embedded as a JSON string cannot be patched inside the
 * string, so its ops become one `replace` of the whole string with the patched policy.
 */
export function absoluteFix(target: LintTarget | undefined, ops: readonly PatchOp[]): readonly PatchOp[] {
  if (target?.type === 'policy' && target.embeddedAsString) return embeddedReplace(target, ops);
  return ops.map((op) => ({ ...op, path: absolutePointer(target, op.path) }));
}
