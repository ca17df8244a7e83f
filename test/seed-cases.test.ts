// The public seed cases (/work/shared/examples/seed-cases.json, kept in fixtures/demo/seed-cases.json)
// must pass in full, through the same code path as `kms-authz test`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTestFile } from '../src/explain/policy-tests.js';

const file = fileURLToPath(new URL('../fixtures/demo/seed-cases.json', import.meta.url));

describe('seed cases', async () => {
  const r = await runTestFile(file);
  it('loads without input errors', () => {
    expect(r.ok ? [] : r.error.map((d) => d.message)).toEqual([]);
  });
  const results = r.ok ? r.value.results : [];
  it('has every case', () => {
    expect(results.length).toBe(20);
  });
  for (const c of results) {
    it(c.id, () => {
      expect({ id: c.id, actual: c.actual, error: c.error }).toEqual({ id: c.id, actual: c.pass ? c.actual : `${c.expected} (${c.failure ?? ''})`, error: c.expectedError });
    });
  }
});
