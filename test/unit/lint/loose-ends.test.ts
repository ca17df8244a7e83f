// Reader diagnostics each reported once, by the rule that owns them (lint-catalogue.md §6), and
// Sid-form suppressions applied by the engine, so library callers get them as the CLI does.
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, DEFAULT_LINT_CONFIG, lint, runLint, runRules } from '../../../src/lint/index.js';
import { diagnosticOwner } from '../../../src/lint/read-diagnostics.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import type { LintInput } from '../../../src/model/lint.js';
import { PARSE_CODES } from '../../../src/parse/codes.js';
import { parsePolicy } from '../../../src/parse/policy.js';
import { readLintInputFromText } from '../../../src/sources/index.js';

const diag = (code: string, messageId: string, pointer = '/Statement/0'): Diagnostic => ({ code, messageId, pointer, severity: 'error', message: 'm', file: 'f', line: 1, column: 1 });

describe('reader diagnostics: one owner each', () => {
  it('maps the newer parser codes to their rules', () => {
    expect(diagnosticOwner(diag('parse/invalid-variable', 'variableOutsideResourcePart'))).toBe('KMS008');
    expect(diagnosticOwner(diag('parse/invalid-variable', 'missing-brace'))).toBe('model');
    expect(diagnosticOwner(diag('parse/invalid-condition-value', 'notNumber'))).toBe('model');
    expect(diagnosticOwner(diag('parse/invalid-condition-value', 'notBase64'))).toBe('KMS306');
    expect(diagnosticOwner(diag('parse/invalid-grant-operation', 'notGrantable'))).toBe('KMS201');
    expect(diagnosticOwner(diag('parse/duplicate-key', 'duplicateKey', '/Statement/0/Condition/StringEquals/kms:ViaService'))).toBe('KMS307');
    expect(diagnosticOwner(diag('parse/duplicate-key', 'duplicateKey', '/Statement/0/Effect'))).toBe('KMS003');
  });

  it('names only rules that exist and report reader problems', () => {
    for (const code of Object.keys(PARSE_CODES)) {
      const owner = diagnosticOwner(diag(code, 'x'));
      if (owner !== 'model') expect(BUILTIN_RULES[owner] !== undefined && 'checkFile' in BUILTIN_RULES[owner], `${code} → ${owner}`).toBe(true);
    }
  });

  const findings = (policy: unknown): string[] =>
    runLint([readLintInputFromText(JSON.stringify(policy, null, 2), 'p.json')])[0].findings.map((f) => `${f.ruleId} ${f.messageId} ${f.pointer}`);

  it('reports each problem once (no KMS003 echo of what KMS008, KMS306, KMS309 or KMS208 report)', () => {
    const f = findings({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'kms:Decrypt', Resource: ['notanarn', 'arn:aws:k*s:us-east-1:111122223333:key/*', 'arn:aws:kms:us-east-1:111122223333:key/${aws:x'], Condition: { NumericLessThan: { 'kms:RotationPeriodInDays': 'abc' }, Null: { 'kms:ViaService': 'maybe' } } }],
    });
    expect(f.filter((x) => x.startsWith('KMS003'))).toEqual([]);
    expect(f).toContain('KMS208 notArn /Statement/0/Resource/0');
    expect(f).toContain('KMS208 wildcardInService /Statement/0/Resource/1');
    expect(f).toContain('KMS008 missingBrace /Statement/0/Resource/2');
    expect(f).toContain('KMS306 badValue /Statement/0/Condition/NumericLessThan/kms:RotationPeriodInDays');
    expect(f).toContain('KMS309 nullNotBoolean /Statement/0/Condition/Null/kms:ViaService');
  });

  it('reports a condition key with a space once, by KMS003 with its fix', () => {
    const f = findings({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms: CallerAccount': '111122223333' } } }] });
    expect(f.filter((x) => x.endsWith('/Condition/StringEquals/kms: CallerAccount'))).toEqual(['KMS003 conditionKeyWhitespace /Statement/0/Condition/StringEquals/kms: CallerAccount']);
  });
});

describe('Sid-form suppressions in the engine', () => {
  const policy = { Version: '2012-10-17', Statement: [{ Sid: 'OpenKmsAuthzIgnoreKMS101BecauseDemoKey', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] };
  const text = JSON.stringify(policy, null, 2);

  it('apply to a LintInput built by a library caller (no reader involved)', () => {
    const read = readLintInputFromText(text, 'key.json');
    const parsed = parsePolicy(policy, { kind: 'key', id: 'k', file: 'key.json', pointer: '', locate: read.locate });
    const input: LintInput = { ...read, targets: [{ type: 'policy', file: 'key.json', kind: 'key', pointer: '', raw: policy, embeddedAsString: false, policy: parsed.policy, suppressions: new Map() }] };
    const [r] = runLint([input]);
    expect(r.findings.some((f) => f.ruleId === 'KMS101')).toBe(false);
    expect(r.suppressed).toBeGreaterThanOrEqual(1);
  });

  it('apply through lint() and runLint alike, counted once', async () => {
    const viaRunLint = runLint([readLintInputFromText(text, 'key.json')])[0];
    const [viaLint] = await lint([readLintInputFromText(text, 'key.json')]);
    expect(viaRunLint.findings.some((f) => f.ruleId === 'KMS101')).toBe(false);
    expect(viaLint.findings).toEqual(viaRunLint.findings);
    expect(viaLint.suppressed).toBe(viaRunLint.suppressed);
  });

  it('do not hide other rules, nor other statements', () => {
    const two = { Version: '2012-10-17', Statement: [policy.Statement[0], { Sid: 'Other', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] };
    const [r] = runLint([readLintInputFromText(JSON.stringify(two, null, 2), 'key.json')]);
    expect(r.findings.filter((f) => f.ruleId === 'KMS101').map((f) => f.pointer)).toEqual(['/Statement/1/Principal']);
  });
});

describe('freezing', () => {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] }, null, 2);
  it('runRules deep-freezes targets by default (rule authors, the RuleTester) and not when told', () => {
    const frozen = readLintInputFromText(text, 'a.json');
    runRules([frozen], DEFAULT_LINT_CONFIG, BUILTIN_RULES);
    expect(Object.isFrozen(frozen.targets[0])).toBe(true);
    const open = readLintInputFromText(text, 'b.json');
    const a = runRules([open], DEFAULT_LINT_CONFIG, BUILTIN_RULES, { freeze: false });
    expect(Object.isFrozen(open.targets[0])).toBe(false);
    expect(a[0].findings).toEqual(runLint([readLintInputFromText(text, 'b.json')])[0].findings);
  });
});
