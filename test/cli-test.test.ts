// `kms-authz test`: runs policy test files; exit 0 all pass, 1 any fail, 2 input error; text,
// JSON (the contract's shape) and JUnit XML.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kms-authz-test-'));
const seed = resolve(import.meta.dirname, '..', 'fixtures', 'demo', 'seed-cases.json');
const demoWorld = resolve(import.meta.dirname, '..', 'fixtures', 'demo', 'world.yaml');
const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const run = (...argv: string[]) => runCli(argv, dir);

describe('kms-authz test', () => {
  it('passes the seed cases, exit 0', async () => {
    const r = await run('test', seed);
    expect(r.code).toBe(0);
    expect(r.out).toContain('20 passed, 0 failed');
  });

  it('reports a failing case with its line, exit 1, and the contract JSON', async () => {
    const f = join(dir, 'cases.yaml');
    writeFileSync(f, [
      `world: ${demoWorld}`,
      'cases:',
      '  - id: alice-cannot-decrypt',
      `    request: { principal: "arn:aws:iam::111122223333:user/Alice", action: kms:Decrypt, resource: "${KEY}" }`,
      '    expect: Deny',
      '  - id: wrong-expectation',
      `    request: { principal: "arn:aws:iam::111122223333:user/Alice", action: kms:Decrypt, resource: "${KEY}" }`,
      '    expect: Allow',
    ].join('\n'));
    const text = await run('test', f);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/✗ wrong-expectation {2}ImplicitDeny/);
    expect(text.out).toMatch(/cases\.yaml:6: expected Allow, got ImplicitDeny/);
    const json = await run('test', f, '--format', 'json');
    const doc = JSON.parse(json.out) as { results: Record<string, unknown>[]; summary: unknown };
    expect(doc.summary).toEqual({ passed: 1, failed: 1 });
    expect(doc.results[0]).toMatchObject({ id: 'alice-cannot-decrypt', pass: true, expected: 'Deny', actual: 'ImplicitDeny', error: null });
    expect(String(doc.results[0]?.message)).toMatch(/^User: arn:aws:iam::111122223333:user\/Alice is not authorized/);
  });

  it('writes JUnit XML', async () => {
    const out = join(dir, 'junit.xml');
    const r = await run('test', seed, '--format', 'junit', '--output', out);
    expect(r.code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<testsuites');
    expect(xml).toContain('name="carol-disabled-key"');
    expect(xml).not.toContain('<failure');
  });

  it('refuses malformed files with file:line:column, exit 2', async () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{ "world": {"accounts": []}, "cases": [ { "id": "x", "request": { "principal": "p" }, "expect": "Maybe" } ] }');
    const r = await run('test', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.json:1:\d+: error: `expect` must be Allow, ExplicitDeny, ImplicitDeny or Deny/);
    expect(r.err).toMatch(/missing required `action`/);
    expect((await run('test', join(dir, 'absent.json'))).code).toBe(2);
  });
});
