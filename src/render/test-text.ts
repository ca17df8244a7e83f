/**
 * @module render/test-text
 * Policy test results as text: one line per case, details for failures, then a summary.
 */
import type { FileResult } from '../explain/policy-tests.js';

/** Renders the results of every file. */
export function renderTestText(files: readonly FileResult[]): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const f of files) {
    lines.push(f.file);
    for (const r of f.results) {
      if (r.pass) passed++;
      else failed++;
      lines.push(`  ${r.pass ? '✓' : '✗'} ${r.id}  ${r.actual}${r.error === null ? '' : ` (${r.error})`}`);
      if (!r.pass) {
        lines.push(`      ${r.file}:${String(r.line)}: ${r.failure ?? ''}`);
        lines.push(`      ${r.message}`);
        for (const m of r.decision.missing) lines.push(`      missing ${m.layer}: ${m.note}`);
      }
    }
  }
  lines.push('', `${String(passed)} passed, ${String(failed)} failed`);
  return lines.join('\n');
}
