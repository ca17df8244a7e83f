// Meta-test: every diagnostic code written in src/source and src/parse is registered in
// PARSE_CODES, and every registered code is emitted somewhere (ESLint-style parity check).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARSE_CODES } from '../../../src/parse/codes.js';

const root = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts') && f !== 'codes.ts').map((f) => readFileSync(join(root, dir, f), 'utf8'));
}

describe('diagnostic code registry', () => {
  it('matches the codes the readers and the parser emit', () => {
    const used = new Set<string>();
    for (const text of [...sources('src/source'), ...sources('src/parse')]) {
      for (const m of text.matchAll(/'((?:parse|source)\/[a-z-]+)'/g)) used.add(m[1]);
    }
    expect([...used].sort()).toEqual(Object.keys(PARSE_CODES).sort());
    for (const info of Object.values(PARSE_CODES)) expect(info.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
});
