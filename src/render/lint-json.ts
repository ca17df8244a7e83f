/**
 * @module render/lint-json
 * `kms-authz lint --format json`: the contract's shape exactly (contract.md "lint --format json"),
 * one entry per linted file, findings in file order.
 */
import type { LintResult } from '../lint/index.js';

/** Renders lint results as the contract's JSON array (pretty-printed, newline-terminated). */
export function renderLintJson(results: readonly LintResult[]): string {
  const out = results.map((r) => ({
    file: r.file,
    findings: r.findings.map((f) => ({
      ruleId: f.ruleId, name: f.name, severity: f.severity, message: f.message,
      line: f.line, column: f.column, pointer: f.pointer, fix: f.fix ?? null,
    })),
  }));
  return `${JSON.stringify(out, null, 2)}\n`;
}
