/**
 * @module sources/results
 * Last touches on lint results before they are shown, which need what the readers know: pointers
 * moved back to where the value sits in the file (a bare statement's `/Statement/0/…`, a
 * CloudFormation `Fn::If` branch) and `--quiet` (errors only, as ESLint's flag).
 */
import type { Diagnostic, PatchOp, Severity } from '../model/diagnostic.js';
import type { LintInput, LintTarget } from '../model/lint.js';
import { unusedSuppressions } from './suppressions.js';

/** A finding as far as this module cares. */
interface FindingLike {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly pointer: string;
  readonly fix: readonly PatchOp[] | null;
}

/** A file's results as far as this module cares. */
interface ResultLike<F extends FindingLike> {
  readonly file: string;
  readonly findings: readonly F[];
  readonly suppressed: number;
}

/**
 * Maps pointers into the file and, with `quiet`, drops non-errors. Suppressions (the Sid form
 * included) are applied by the lint engine itself, so library callers get them too.
 */
export function finishResults<F extends FindingLike, R extends ResultLike<F>>(inputs: readonly LintInput[], results: readonly R[], quiet: boolean): R[] {
  const byFile = new Map(inputs.map((i) => [i.file, i]));
  return results.map((r) => {
    const toFile = byFile.get(r.file)?.filePointer;
    const findings = r.findings
      .filter((f) => !quiet || f.severity === 'error')
      .map((f) => (toFile === undefined ? f : { ...f, pointer: toFile(f.pointer), fix: f.fix === null ? null : f.fix.map((op) => ({ ...op, path: toFile(op.path) })) }));
    return { ...r, findings };
  });
}

const NONE: ReadonlyMap<string, string> = new Map();

/** The same input with every inline suppression removed (to see what they would hide). */
export function withoutSuppressions(input: LintInput): LintInput {
  const targets = input.targets.map((t): LintTarget => {
    if (t.type !== 'policy') return { ...t, suppressions: NONE };
    // An explicit empty list: the engine would otherwise read the suppressions from the Sids again.
    return { ...t, suppressions: NONE, statementSuppressions: [] };
  });
  return { ...input, targets };
}

/**
 * Notes for suppressions that hide nothing (ESLint's unused disable directives): `findings` are
 * the file's findings linted {@link withoutSuppressions}.
 */
export function unusedSuppressionNotes(input: LintInput, findings: readonly { readonly ruleId: string; readonly pointer: string }[]): Diagnostic[] {
  return unusedSuppressions(input.suppressionSites ?? [], findings).map((s) => {
    const pos = input.locate(s.pointer);
    return {
      code: 'lint/unused-suppression', messageId: 'unused-suppression', severity: 'warning',
      message: `suppression of \`${s.ruleId}\` is unused: the rule reports nothing here`,
      file: input.file, pointer: s.pointer, line: pos.line, column: pos.column,
    };
  });
}
