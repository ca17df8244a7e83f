// Registry ↔ files ↔ catalogue ids ↔ docs parity, and message ids declared = used (after ESLint's
// checkRuleFiles and typescript-eslint's docs tests). Nothing about a rule is optional.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { AnyRule } from '../src/lint/define-rule.js';
import { renderRuleDoc, renderRuleIndex } from '../src/lint/docs.js';
import { CATALOGUE_RULES } from '../src/lint/rule-ids.js';

const root = resolve(import.meta.dirname, '..');
const rulesDir = join(root, 'rules');
const ruleFiles = readdirSync(rulesDir).filter((f) => /^kms\d{3}-.+\.ts$/.test(f)).sort();
const registered: AnyRule[] = Object.values(RULES);
const fileOf = (r: AnyRule): string => `${r.id.toLowerCase()}-${r.name}.ts`;

/** The part of a rule file before its cases: where a message id must be reported. */
function checkSource(file: string): string {
  const text = readFileSync(join(rulesDir, file), 'utf8');
  const at = text.indexOf('\n  cases: {');
  return at < 0 ? text : text.slice(0, at);
}

describe('rule registry', () => {
  it('registers every rule file, and every registered rule has its file', () => {
    expect(registered.map(fileOf).sort()).toEqual(ruleFiles);
  });
  it('keys the registry by id', () => {
    for (const [key, rule] of Object.entries(RULES)) expect(key).toBe(rule.id);
  });
  it('uses the catalogue ids and names', () => {
    for (const r of registered) expect(`${r.id} ${r.name}`).toBe(`${r.id} ${CATALOGUE_RULES[r.id] ?? '(not in the catalogue)'}`);
  });
});

describe.each(registered.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  const file = fileOf(rule);
  it('has at least 2 valid and 2 invalid cases', () => {
    expect(rule.cases.valid.length).toBeGreaterThanOrEqual(2);
    expect(rule.cases.invalid.length).toBeGreaterThanOrEqual(2);
  });
  it('reports every declared message id in its check code, and declares every id it reports', () => {
    const src = checkSource(file);
    const declared = Object.keys(rule.meta.messages);
    for (const id of declared) expect(src.includes(`'${id}'`), `${id} is declared but never reported`).toBe(true);
    const reported = [...src.matchAll(/messageId: '([A-Za-z0-9]+)'/g)].map((m) => m[1]);
    for (const id of reported) expect(declared, `${id ?? ""} is reported but not declared`).toContain(id);
  });
  it('exercises every message id in an invalid case', () => {
    const used = new Set(rule.cases.invalid.flatMap((c) => c.errors.flatMap((e) => [e.messageId, ...(e.suggestions ?? []).map((s) => s.messageId)])));
    for (const id of Object.keys(rule.meta.messages)) expect(used.has(id), `no invalid case produces ${id}`).toBe(true);
  });
  it('follows the message style: lowercase start, no final period', () => {
    for (const text of Object.values(rule.meta.messages)) {
      expect(text).toMatch(/^([a-z`{'"]|[A-Z]{2,}\b|Sid\b)/);
      expect(text).not.toMatch(/\.$/);
    }
  });
  it('cites an AWS page and has a rationale', () => {
    expect(rule.meta.docs.awsDocUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(rule.meta.docs.rationale.length).toBeGreaterThan(40);
    expect(rule.meta.scope.length).toBeGreaterThan(0);
    expect(readFileSync(join(rulesDir, file), 'utf8')).toMatch(/^\/\*\*[\s\S]*?https:\/\/docs\.aws\.amazon\.com/);
  });
  it('has its generated docs page, current', () => {
    const page = join(root, 'docs', 'rules', `${rule.id}.md`);
    expect(existsSync(page), `docs/rules/${rule.id}.md is missing: run npm run docs:rules`).toBe(true);
    expect(readFileSync(page, 'utf8'), `docs/rules/${rule.id}.md is stale: run npm run docs:rules`).toBe(renderRuleDoc(rule, `rules/${file}`));
  });
});

describe('docs/rules', () => {
  it('has a current index and no page for an unregistered rule', () => {
    expect(readFileSync(join(root, 'docs', 'rules', 'README.md'), 'utf8')).toBe(renderRuleIndex(RULES));
    const pages = readdirSync(join(root, 'docs', 'rules')).filter((f) => f !== 'README.md');
    expect(pages.sort()).toEqual(registered.map((r) => `${r.id}.md`).sort());
  });
});
