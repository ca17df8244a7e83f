// The one-way layers of style.md (convention 1): scans every import specifier under src/ and
// rules/ and fails when one runs against the layer order in scripts/layers.js.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../scripts/layers.js';

const root = resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importRe)].map((m) => m[1] ?? m[2] ?? '').filter((s) => s.startsWith('.'));
}

/** The src/ layer a path is in, or undefined outside src/ (index.ts is the top). */
function layerOf(path: string): string | undefined {
  const rel = relative(join(root, 'src'), path);
  if (rel.startsWith('..')) return undefined;
  return rel.split(/[\\/]/)[0];
}

/** Every violation: `file imports target`. */
export function violations(): string[] {
  const bad: string[] = [];
  for (const file of tsFiles(join(root, 'src'))) {
    const from = layerOf(file);
    if (from === undefined || from.endsWith('.ts')) continue; // src/index.ts may import anything
    const rank = LAYERS[from];
    for (const spec of importsOf(file)) {
      const target = resolve(dirname(file), spec);
      const to = layerOf(target);
      if (to === undefined || to === from) continue;
      if (to === 'cli' || to.endsWith('.js') || to.endsWith('.ts')) {
        bad.push(`${relative(root, file)} imports ${spec} (nothing imports the cli or the barrel)`);
        continue;
      }
      const toRank = LAYERS[to];
      if (rank === undefined || toRank === undefined || toRank >= rank) bad.push(`${relative(root, file)} imports ${spec}`);
    }
  }
  for (const file of tsFiles(join(root, 'rules'))) {
    for (const spec of importsOf(file)) {
      const target = resolve(dirname(file), spec);
      const rel = relative(root, target);
      const allowed = rel.startsWith('rules') || rel.startsWith(join('src', 'model')) || rel.startsWith(join('src', 'lint')) || rel.startsWith(join('src', 'catalogue'));
      if (!allowed) bad.push(`${relative(root, file)} imports ${spec} (rules may use only src/lint, src/model and src/catalogue)`);
    }
  }
  return bad;
}

describe('architecture', () => {
  it('every src directory is a known layer', () => {
    const dirs = readdirSync(join(root, 'src')).filter((d) => statSync(join(root, 'src', d)).isDirectory());
    expect(dirs.filter((d) => !(d in LAYERS))).toEqual([]);
  });
  it('imports run one way only', () => {
    expect(violations()).toEqual([]);
  });
});
