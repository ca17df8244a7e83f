// The engine's own behaviour: config levels and options, suppressions, freezing, reader
// diagnostics as findings, per-message severity, and the config file with line/column diagnostics.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../rules/index.js';
import { loadLintConfig } from '../../../src/lint/api.js';
import { DEFAULT_LINT_CONFIG, validateLintConfig } from '../../../src/lint/config.js';
import { defineRule } from '../../../src/lint/define-rule.js';
import { deepFreeze, formatMessage, runRules } from '../../../src/lint/engine.js';
import { readLintInputFromText } from '../../../src/sources/index.js';

const OPEN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] }, null, 2);
const at = { file: 'cfg.yaml', locate: () => ({ line: 1, column: 1 }) };

function config(value: unknown) {
  const c = validateLintConfig(value, RULES, at);
  if (!c.ok) throw new Error(c.error.map((d) => d.message).join('; '));
  return c.value;
}

describe('runRules', () => {
  it('runs every rule at its default level, reporting line and column', () => {
    const [r] = runRules([readLintInputFromText(OPEN, 'key.json')], DEFAULT_LINT_CONFIG, RULES);
    const f = r?.findings.find((x) => x.ruleId === 'KMS101');
    expect(f).toMatchObject({ name: 'public-principal', severity: 'error', pointer: '/Statement/0/Principal', line: 7, column: 20, fix: null });
  });
  it('applies levels by id or name, and off', () => {
    const input = readLintInputFromText(OPEN, 'key.json');
    const warn = runRules([input], config({ rules: { 'public-principal': 'warning' } }), RULES)[0];
    expect(warn?.findings.find((x) => x.ruleId === 'KMS101')?.severity).toBe('warning');
    const off = runRules([readLintInputFromText(OPEN, 'key.json')], config({ rules: { KMS101: 'off' } }), RULES)[0];
    expect(off?.findings.some((x) => x.ruleId === 'KMS101')).toBe(false);
  });
  it('uses a message\'s own default severity unless the config sets the level', () => {
    const text = JSON.stringify({ Version: '2012-10-18', Statement: [] }, null, 2);
    const d = runRules([readLintInputFromText(text, 'p.json')], DEFAULT_LINT_CONFIG, { KMS002: RULES.KMS002 })[0];
    expect(d?.findings.map((f) => `${f.messageId}:${f.severity}`)).toEqual(['readProblem:error']);
    const c = runRules([readLintInputFromText(text, 'p.json')], config({ rules: { KMS002: 'info' } }), { KMS002: RULES.KMS002 })[0];
    expect(c?.findings.map((f) => f.severity)).toEqual(['info']);
  });
  it('drops and counts suppressed findings', () => {
    const input = readLintInputFromText(OPEN, 'key.json');
    const t = input.targets[0];
    if (t?.type !== 'policy') throw new Error('expected a policy target');
    const suppressed = { ...input, targets: [{ ...t, suppressions: new Map([['KMS101', 'public by design: demo key']]) }] };
    const [r] = runRules([suppressed], DEFAULT_LINT_CONFIG, { KMS101: RULES.KMS101 });
    expect(r?.findings).toEqual([]);
    expect(r?.suppressed).toBe(1);
  });
  it('turns syntax errors into KMS001 findings at the reader\'s position', () => {
    const [r] = runRules([readLintInputFromText('{\n  "Version": "2012-10-17"\n  "Statement": []\n}\n', 'bad.json')], DEFAULT_LINT_CONFIG, RULES);
    expect(r?.findings.filter((f) => f.ruleId === 'KMS001').map((f) => `${String(f.line)}:${String(f.column)}`)).toEqual(['3:3']);
  });
  it('freezes targets before rules run, and names the rule that throws', () => {
    const bad = defineRule({
      id: 'KMS900', name: 'mutates',
      meta: { type: 'problem', severity: 'error', scope: ['key'], docs: { description: '', rationale: '', awsDocUrl: '' }, existingTools: {}, messages: { m: 'm' } },
      check(ctx) { (ctx.statements() as unknown[]).push(1); },
      cases: { valid: [], invalid: [] },
    });
    expect(() => runRules([readLintInputFromText(OPEN, 'key.json')], DEFAULT_LINT_CONFIG, { KMS900: bad })).toThrow(/rule KMS900 failed on key\.json/);
    const o = deepFreeze({ a: [{ b: 1 }], m: new Map([['k', { v: 1 }]]) });
    expect(Object.isFrozen(o.a[0])).toBe(true);
    expect(Object.isFrozen(o.m.get('k'))).toBe(true);
  });
  it('formats messages and leaves unknown placeholders visible', () => {
    expect(formatMessage('`{{a}}` and {{ b }} and {{c}}', { a: 'x', b: 2 })).toBe('`x` and 2 and {{c}}');
  });
});

describe('config', () => {
  it('rejects unknown rules, bad levels, bad options and unknown settings, with pointers', () => {
    const bad = validateLintConfig({ rules: { KMS999: 'error', KMS101: 'loud', KMS102: { options: { x: 1 } } }, allowedAccounts: ['12'], extra: true }, RULES, at);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const pointers = bad.error.map((d) => d.pointer);
    expect(pointers).toContain('/extra');
    expect(pointers).toContain('/allowedAccounts/0');
    expect(pointers).toContain('/rules/KMS101');
    const later = validateLintConfig({ rules: { KMS999: 'error', KMS102: { options: { x: 1 } } } }, RULES, at);
    expect(later.ok ? [] : later.error.map((d) => d.messageId)).toEqual(['unknown-rule', 'no-options']);
  });
  it('loads .kms-authz.yaml from the working directory, with line and column on errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    expect(loadLintConfig(undefined, dir)).toEqual({ ok: true, value: DEFAULT_LINT_CONFIG });
    writeFileSync(join(dir, '.kms-authz.yaml'), 'rules:\n  KMS101: warning\nallowedAccounts:\n  - "111122223333"\n');
    const good = loadLintConfig(undefined, dir);
    expect(good.ok && good.value.rules.KMS101?.level).toBe('warning');
    writeFileSync(join(dir, 'bad.yaml'), 'rules:\n  KMS101: loud\n');
    const bad = loadLintConfig('bad.yaml', dir);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error[0]).toMatchObject({ file: 'bad.yaml', pointer: '/rules/KMS101', line: 2, column: 11 });
    const missing = loadLintConfig('nope.yaml', dir);
    expect(missing.ok ? '' : missing.error[0]?.code).toBe('source/missing-file');
  });
});

describe('file-level findings', () => {
  it('honour the suppressions of the target they fall in', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }, { Sid: 'A', Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] }, null, 2);
    const input = readLintInputFromText(text, 'dup.json');
    const before = runRules([input], DEFAULT_LINT_CONFIG, { KMS004: RULES.KMS004 })[0];
    expect(before?.findings.map((f) => f.pointer)).toEqual(['/Statement/1/Sid']);
    const t = input.targets[0];
    if (t?.type !== 'policy') throw new Error('expected a policy target');
    const scoped = { ...input, targets: [{ ...t, statementSuppressions: [{ ruleId: 'KMS004', reason: 'kept for the demo', statementPointer: '/Statement/1' }] }] };
    const after = runRules([scoped], DEFAULT_LINT_CONFIG, { KMS004: RULES.KMS004 })[0];
    expect(after?.findings).toEqual([]);
    expect(after?.suppressed).toBe(1);
  });
});
