/**
 * @module lint/rule-tester
 * A strict valid/invalid harness with ESLint RuleTester semantics
 * (https://eslint.org/docs/latest/integrate/nodejs-api#ruletester): a valid case must produce no
 * finding; an invalid case must produce exactly the listed errors, in order, by messageId and
 * pointer (and line/column when given); every fix and suggestion must be matched by an `output`;
 * the target must be unchanged (it is deep-frozen, and compared before/after).
 */
import { deepStrictEqual } from 'node:assert/strict';
import type { LintInput } from '../model/lint.js';
import { caseDocument, caseInput } from './case-input.js';
import { validateLintConfig } from './config.js';
import type { AnyRule, InvalidCase, RuleCase } from './define-rule.js';
import { runRules, type Finding } from './engine.js';
import { applyPatch } from './patch.js';

/** Thrown when a case does not behave as it says. */
export class RuleCaseError extends Error {
  override readonly name = 'RuleCaseError';
}

function fail(rule: AnyRule, label: string, message: string): never {
  throw new RuleCaseError(`${rule.id} ${label}: ${message}`);
}

function snapshot(input: LintInput): string {
  return JSON.stringify(input.targets, (_k, v: unknown) => (v instanceof Map ? [...(v as Map<unknown, unknown>).entries()] : v));
}

/** Lints one case with only `rule` on, at its default level, with the case's options and settings. */
export function lintCase(rule: AnyRule, c: RuleCase<unknown>, file: string): { input: LintInput; findings: readonly Finding[] } {
  const input = caseInput(c, file);
  const raw = { rules: c.options === undefined ? {} : { [rule.id]: { options: c.options } }, ...c.settings };
  const config = validateLintConfig(raw, { [rule.id]: rule }, { file: '<case config>', locate: () => ({ line: 1, column: 1 }) });
  if (!config.ok) throw new RuleCaseError(`${rule.id} ${file}: case options are invalid: ${config.error.map((d) => d.message).join('; ')}`);
  const before = snapshot(input);
  const [result] = runRules([input], config.value, { [rule.id]: rule });
  if (snapshot(input) !== before) throw new RuleCaseError(`${rule.id} ${file}: the rule changed its target`);
  return { input, findings: result?.findings ?? [] };
}

function checkFinding(rule: AnyRule, label: string, f: Finding): void {
  if (!(f.messageId in rule.meta.messages)) fail(rule, label, `reported undeclared messageId \`${f.messageId}\``);
  if (/\{\{/.test(f.message)) fail(rule, label, `message has an unfilled placeholder: ${f.message}`);
  if (f.fix !== null && rule.meta.fixable !== true) fail(rule, label, 'reported a fix but meta.fixable is not true');
  if (f.suggestions !== undefined && rule.meta.hasSuggestions !== true) fail(rule, label, 'reported suggestions but meta.hasSuggestions is not true');
}

function patched(rule: AnyRule, label: string, doc: unknown, ops: Finding['fix']): unknown {
  const out = applyPatch(doc, ops ?? []);
  if (!out.ok) fail(rule, label, `fix does not apply: ${out.error}`);
  return out.value;
}

function equal(actual: unknown, expected: unknown): boolean {
  try {
    deepStrictEqual(actual, expected);
    return true;
  } catch {
    return false;
  }
}

/** Runs a valid case; throws RuleCaseError when it produces a finding. */
export function checkValidCase(rule: AnyRule, c: RuleCase<unknown>, index: number): void {
  const label = `valid[${String(index)}]${c.name === undefined ? '' : ` (${c.name})`}`;
  const { findings } = lintCase(rule, c, `${rule.id.toLowerCase()}-valid-${String(index)}.json`);
  for (const f of findings) checkFinding(rule, label, f);
  if (findings.length > 0) fail(rule, label, `expected no findings, got ${findings.map((f) => `${f.messageId} at ${f.pointer}`).join(', ')}`);
}

/** Runs an invalid case; throws RuleCaseError when its findings differ from `errors`. */
export function checkInvalidCase(rule: AnyRule, c: InvalidCase<string, unknown>, index: number): void {
  const label = `invalid[${String(index)}]${c.name === undefined ? '' : ` (${c.name})`}`;
  if (c.errors.length === 0) fail(rule, label, 'an invalid case must list at least one error');
  const { findings } = lintCase(rule, c, `${rule.id.toLowerCase()}-invalid-${String(index)}.json`);
  const got = findings.map((f) => `${f.messageId} at ${f.pointer}`).join(', ');
  if (findings.length !== c.errors.length) fail(rule, label, `expected ${String(c.errors.length)} finding(s), got ${String(findings.length)}: ${got}`);
  const doc = caseDocument(c);
  c.errors.forEach((e, i) => {
    const f = findings[i];
    if (f === undefined) return;
    const at = `${label} error ${String(i)}`;
    checkFinding(rule, at, f);
    if (f.messageId !== e.messageId || f.pointer !== e.pointer) fail(rule, at, `expected ${e.messageId} at ${e.pointer}, got ${f.messageId} at ${f.pointer}`);
    if (e.line !== undefined && f.line !== e.line) fail(rule, at, `expected line ${String(e.line)}, got ${String(f.line)}`);
    if (e.column !== undefined && f.column !== e.column) fail(rule, at, `expected column ${String(e.column)}, got ${String(f.column)}`);
    if (f.fix === null && e.output !== undefined) fail(rule, at, 'expected a fix (output), got none');
    if (f.fix !== null) {
      if (e.output === undefined) fail(rule, at, 'the finding has a fix: the case must give its output');
      if (!equal(patched(rule, at, doc, f.fix), e.output)) fail(rule, at, `fix output differs: ${JSON.stringify(patched(rule, at, doc, f.fix))}`);
    }
    const sugg = f.suggestions ?? [];
    const want = e.suggestions ?? [];
    if (sugg.length !== want.length) fail(rule, at, `expected ${String(want.length)} suggestion(s), got ${String(sugg.length)}`);
    sugg.forEach((s, j) => {
      const w = want[j];
      if (w === undefined) return;
      if (s.messageId !== w.messageId) fail(rule, at, `suggestion ${String(j)}: expected ${w.messageId}, got ${s.messageId}`);
      const out = patched(rule, at, doc, s.fix);
      if (!equal(out, w.output)) fail(rule, at, `suggestion ${String(j)} output differs: ${JSON.stringify(out)}`);
    });
  });
}

/** The test framework's `describe`/`it`, injected so the tester does not depend on one. */
export interface TestHooks {
  readonly describe: (name: string, fn: () => void) => void;
  readonly it: (name: string, fn: () => void) => void;
}

/**
 * Registers one test per case of a rule with the given test framework:
 * `new RuleTester({ describe, it }).run(rule)`.
 */
export class RuleTester {
  constructor(private readonly hooks: TestHooks) {}

  /** Registers the rule's valid and invalid cases as tests. */
  run(rule: AnyRule): void {
    const { describe, it } = this.hooks;
    describe(`${rule.id} ${rule.name}`, () => {
      describe('valid', () => {
        rule.cases.valid.forEach((c, i) => {
          it(c.name ?? `valid[${String(i)}]`, () => { checkValidCase(rule, c, i); });
        });
      });
      describe('invalid', () => {
        rule.cases.invalid.forEach((c, i) => {
          it(c.name ?? `invalid[${String(i)}]`, () => { checkInvalidCase(rule, c, i); });
        });
      });
    });
  }
}
