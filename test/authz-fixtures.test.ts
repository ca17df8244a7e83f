// The one generic runner over fixtures/authz/**: each file is validated against
// schemas/fixture.schema.json, its world compiled once, and every case's decision, reasons,
// missing layers and key-state error compared with what the AWS page it cites documents.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { authorize } from '../src/authorize/index.js';
import { loadDocument } from '../src/source/document.js';
import { compileWorld } from '../src/world/compile.js';
import { loadWorld } from '../src/world/load.js';

const root = resolve(import.meta.dirname, '..');
const dir = join(root, 'fixtures', 'authz');

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.json') ? [p] : [];
  });
}

const ajv = new (Ajv as unknown as typeof Ajv.default)({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'schemas', 'fixture.schema.json'), 'utf8')));
const all = files(dir).sort();

interface Fixture {
  rules?: string[];
  world: unknown;
  cases: { id: string; rules?: string[]; request: any; expect: { decision: string; reasons: any[]; missing: any[]; error?: string | null; messageIncludes?: string } }[];
}

const key = (r: { layer: string; statement: string; effect: string }): string => `${r.layer} ${r.statement} ${r.effect}`;

for (const file of all) {
  describe(relative(dir, file), async () => {
    const doc = await loadDocument(file);
    it('matches schemas/fixture.schema.json', () => {
      const valid = validate(doc.value);
      expect(valid ? [] : validate.errors).toEqual([]);
    });
    const fx = doc.value as Fixture;
    const w = await loadWorld(fx.world, { file, locate: doc.locate, pointer: '/world' });
    it('has a valid world', () => {
      expect(w.ok ? [] : w.error.map((d) => d.message)).toEqual([]);
    });
    if (!w.ok) return;
    const world = compileWorld(w.value);
    it('has policies that parse without errors', () => {
      expect(world.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pointer}: ${d.message}`)).toEqual([]);
    });
    for (const c of fx.cases) {
      it(c.id, () => {
        const d = authorize(world, c.request);
        expect({
          decision: d.decision,
          reasons: d.reasons.map(key).sort(),
          missing: d.missing.map((m) => `${m.layer} ${m.account}`),
          error: d.error?.type ?? null,
        }).toEqual({
          decision: c.expect.decision,
          reasons: c.expect.reasons.map(key).sort(),
          missing: c.expect.missing.map((m) => `${m.layer} ${m.account}`),
          error: c.expect.error ?? null,
        });
        if (c.expect.messageIncludes !== undefined) expect(d.message).toContain(c.expect.messageIncludes);
      });
    }
  });
}

describe('fixture coverage', () => {
  const fixtures = all.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Fixture);
  const cases = fixtures.flatMap((f) => f.cases);
  it('has at least 100 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });
  it('covers every rule R1–R22 of the spec', () => {
    const rules = new Set(fixtures.flatMap((f) => [...(f.rules ?? []), ...f.cases.flatMap((c) => c.rules ?? [])]));
    const missing = Array.from({ length: 22 }, (_, i) => `R${String(i + 1)}`).filter((r) => !rules.has(r));
    expect(missing).toEqual([]);
  });
  it('uses every condition operator and both set qualifiers, with and without IfExists', () => {
    const text = fixtures.map((f) => JSON.stringify(f.world)).join('\n');
    const ops = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
      'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
      'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
      'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null'];
    const used = (s: string): boolean => text.includes(`"${s}"`) || text.includes(`:${s}"`) || text.includes(`"${s}IfExists"`);
    expect(ops.filter((o) => !used(o))).toEqual([]);
    expect(['ForAllValues:', 'ForAnyValue:', 'IfExists"'].filter((q) => !text.includes(q))).toEqual([]);
  });
});
