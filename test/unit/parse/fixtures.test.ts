// Runs every fixtures/parse/*.json: an input (a file under fixtures/parse/inputs, or inline text)
// read and parsed as the given policy kind must give exactly the expected diagnostics (code,
// messageId, pointer, line, column). Each fixture names the AWS page it follows.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../../src/model/refs.js';
import { parsePolicy } from '../../../src/parse/policy.js';
import { readDocument } from '../../../src/source/document.js';

const dir = resolve(import.meta.dirname, '../../../fixtures/parse');

interface Fixture {
  description: string;
  source: string;
  kind: PolicyKind;
  input?: string;
  text?: string;
  file?: string;
  expected: { code: string; messageId: string; pointer: string; line: number; column: number }[];
}

const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture] as const);

describe('parse fixtures', () => {
  it('exist, cite an AWS page and expect at least one diagnostic', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const [, fx] of fixtures) {
      expect(fx.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(fx.expected.length).toBeGreaterThan(0);
    }
  });

  it.each(fixtures)('%s', (_name, fx) => {
    const text = fx.input === undefined ? fx.text! : readFileSync(join(dir, fx.input), 'utf8');
    const file = fx.file ?? fx.input!;
    const doc = readDocument(text, file);
    const r = parsePolicy(doc.value, { kind: fx.kind, id: 'fixture', file, locate: doc.locate });
    const got = [...doc.diagnostics, ...r.diagnostics].map(({ code, messageId, pointer, line, column }) => ({ code, messageId, pointer, line, column }));
    expect(got).toEqual(fx.expected);
  });
});
