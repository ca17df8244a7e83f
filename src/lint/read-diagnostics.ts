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
  // Checked on the model by KMS201 / KMS104 / KMS003 (with a safe whitespace fix).
  'parse/invalid-action': 'model',
  'parse/invalid-principal': 'model',
  'parse/invalid-condition-key#whitespace': 'model',
  // KMS208 judges every resource on the model (skipping template values, fixing whitespace).
  'parse/invalid-resource': 'model',
  // KMS008 finds the `${…}` syntax problems on the model; a variable before the resource part of
  // an ARN only the parser sees (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
  'parse/invalid-variable': 'model',
  'parse/invalid-variable#variableOutsideResourcePart': 'KMS008',
  // KMS306 (and KMS309 for Null) judge numbers, dates, CIDRs and Booleans on the model; base 64
  // for the Binary operators only the parser checks.
  'parse/invalid-condition-value': 'model',
  'parse/invalid-condition-value#notBase64': 'KMS306',
  // An operation CreateGrant does not accept is an action name KMS refuses in that place
  // (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations).
  'parse/invalid-grant-operation': 'KMS201',
};

/** The rule that reports a reader's diagnostic (`model`: a rule finds it on the model). */
export function diagnosticOwner(d: Diagnostic): string {
  // A repeated key inside a Condition block drops a condition (KMS307 owns duplicate condition
  // keys); anywhere else it is a grammar problem.
  if (d.code === 'parse/duplicate-key') return d.pointer.includes('/Condition/') ? 'KMS307' : 'KMS003';
  const owner = OWNERS[`${d.code}#${d.messageId}`] ?? OWNERS[d.code];
  if (owner !== undefined) return owner;
  // Anything else the parser or a schema reports is a grammar problem; the rest is a read failure.
  return d.code.startsWith('parse/') || d.code.startsWith('schema/') ? 'KMS003' : 'KMS001';
}

/**
 * Reports, under the calling rule, every diagnostic of the file that this rule owns; the
 * message is the reader's own. Used by the `checkFile` hooks of the rules named in OWNERS.
 */
export function reportReadDiagnostics<M extends string>(ctx: FileContext<M, unknown>, ruleId: string, messageId: M): void {
  for (const d of ctx.input.diagnostics) {
    if (diagnosticOwner(d) === ruleId) ctx.report({ messageId, pointer: d.pointer, data: { message: d.message }, position: { line: d.line, column: d.column } });
  }
}
