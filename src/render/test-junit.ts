/**
 * @module render/test-junit
 * Policy test results as JUnit XML for CI systems (one suite per file, one case per test case).
 */
import junitModule from 'junit-report-builder';
import type { Builder } from 'junit-report-builder';
import type { FileResult } from '../explain/policy-tests.js';

// The package's types declare an ES default export, but under Node's CJS interop the default
// import is the builder itself; accept either shape.
const junit = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

/** Renders JUnit XML. */
export function renderTestJunit(files: readonly FileResult[]): string {
  const builder = junit.newBuilder();
  for (const f of files) {
    const suite = builder.testSuite().name(f.file);
    for (const r of f.results) {
      const c = suite.testCase().className(f.file).name(r.id).file(r.file);
      if (!r.pass) c.failure(`${r.failure ?? 'failed'}: ${r.message}`, 'AuthorizationMismatch');
    }
  }
  return builder.build();
}
