/**
 * @module render/test-json
 * Policy test results as the contract's `test --format json` document.
 */
import type { FileResult } from '../explain/policy-tests.js';

/** Renders `{ results, summary }`. */
export function renderTestJson(files: readonly FileResult[]): string {
  const results = files.flatMap((f) => f.results.map((r) => ({
    id: r.id, pass: r.pass, expected: r.expected, actual: r.actual, error: r.error, message: r.message,
    file: r.file, ...(r.failure === undefined ? {} : { failure: r.failure }),
  })));
  const passed = results.filter((r) => r.pass).length;
  return JSON.stringify({ results, summary: { passed, failed: results.length - passed } }, null, 2);
}
