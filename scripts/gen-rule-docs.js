// Writes docs/rules/<id>.md and docs/rules/README.md from the rules' metadata and cases
// (src/lint/docs.ts). Run with `npm run docs:rules` (builds first); test/rules-meta.test.ts
// fails when the committed pages differ from what this writes.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '../dist/rules/index.js';
import { renderRuleDoc, renderRuleIndex } from '../dist/src/lint/docs.js';

const dir = resolve(import.meta.dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const keep = new Set(['README.md']);
for (const rule of Object.values(RULES)) {
  const name = `${rule.id}.md`;
  keep.add(name);
  writeFileSync(join(dir, name), renderRuleDoc(rule, `rules/${rule.id.toLowerCase()}-${rule.name}.ts`));
}
writeFileSync(join(dir, 'README.md'), renderRuleIndex(RULES));
for (const f of readdirSync(dir)) if (!keep.has(f)) rmSync(join(dir, f));
console.log(`wrote ${String(keep.size)} pages to docs/rules`);
