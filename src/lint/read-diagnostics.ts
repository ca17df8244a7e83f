/**
 * @module lint/read-diagnostics
 * Which rule reports each problem the readers (src/source, src/parse, src/sources) found. Syntax
 * and read failures are KMS001, grammar problems KMS003 unless a narrower rule owns them; problems
 * that a rule checks on the model itself (so it can offer a fix) are left to that rule.
 * Policy grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { FileContext } from './define-rule.js';

/** `code` or `code#messageId` → owning rule id, or `model` when a rule checks it on the model. */
const OWNERS: Readonly<Record<string, string>> = {
  'parse/invalid-json': 'KMS001',
  'parse/invalid-yaml': 'KMS001',
  'parse/invalid-policy-json': 'KMS001',
  'parse/yaml-warning': 'KMS001',
  'parse/invalid-version': 'KMS002',
  'parse/duplicate-sid': 'KMS004',
  'parse/unknown-principal-type': 'KMS104',
  'parse/invalid-type#sidNotString': 'KMS004',
  // Checked on the model by KMS201 / KMS208 / KMS104 / KMS003 (with a safe whitespace fix).
  'parse/invalid-action': 'model',
  'parse/invalid-resource': 'model',
  'parse/invalid-principal': 'model',
  'parse/invalid-condition-key#whitespace': 'model',
};

/** The rule that reports a reader's diagnostic (`model`: a rule finds it on the model). */
export function diagnosticOwner(d: Diagnostic): string {
  const owner = OWNERS[`${d.code}#${d.messageId}`] ?? OWNERS[d.code];
  if (owner !== undefined) return owner;
  // Anything else the parser or a schema reports is a grammar problem; the rest is a read failure.
  return d.code.startsWith('parse/') || d.code.startsWith('schema/') ? 'KMS003' : 'KMS001';
}

/**
 * Reports, under the calling rule, every diagnostic of the file that this rule owns; the
 * message is the reader's own. Used by the `checkFile` hooks of KMS001–KMS004.
 */
export function reportReadDiagnostics<M extends string>(ctx: FileContext<M, unknown>, ruleId: string, messageId: M): void {
  for (const d of ctx.input.diagnostics) {
    if (diagnosticOwner(d) === ruleId) ctx.report({ messageId, pointer: d.pointer, data: { message: d.message }, position: { line: d.line, column: d.column } });
  }
}
