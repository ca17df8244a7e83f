/**
 * @module lint/fix
 * Applies safe fixes (JSON Patch ops, RFC 6902 https://www.rfc-editor.org/rfc/rfc6902) to a file's
 * text. The text is read the way `kms-authz lint` reads it, so the ops' pointers (as findings
 * carry them) map into the file the same way; the writing itself, which keeps formatting, is the
 * readers' (src/sources/apply-fixes.ts). Suggestions are never passed here (style.md convention 7).
 */
import type { PatchOp } from '../model/diagnostic.js';
import type { PolicyKind } from '../model/refs.js';
import { applyFixes as applyToInput } from '../sources/apply-fixes.js';
import { readLintInputFromText } from '../sources/index.js';

/** What applying fixes gave: the new text, and how many fixes were applied or skipped. */
export interface AppliedFixes {
  readonly text: string;
  readonly applied: number;
  readonly skipped: number;
}

/**
 * Applies each fix (a list of ops, as in `Finding.fix`) to `text`. A fix that touches a value
 * built by a CloudFormation intrinsic, or overlaps one already applied, is skipped.
 */
export function applyFixes(text: string, file: string, fixes: readonly (readonly PatchOp[])[], opts: { readonly kind?: PolicyKind } = {}): AppliedFixes {
  const input = readLintInputFromText(text, file, opts);
  // Without positions, later fixes in the list are applied first, as the list is in file order.
  const out = applyToInput(input, fixes.map((ops, i) => ({ ops, line: i + 1, column: 1 })));
  return { text: out.text, applied: out.applied, skipped: out.skipped };
}
