// The three lint outputs on hand-made results: ESLint's stylish layout, the contract's json, and
// SARIF 2.1.0 as GitHub code scanning reads it (lint-catalogue.md §4.1, §4.2).
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding, LintResult } from '../src/lint/index.js';
import { BUILTIN_RULES } from '../src/lint/index.js';
import { renderLintJson } from '../src/render/lint-json.js';
import { renderSarif } from '../src/render/sarif.js';
import { renderStylish } from '../src/render/stylish.js';
import { readLintInputFromText } from '../src/sources/index.js';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'KMS101', name: 'public-principal', messageId: 'publicPrincipal', severity: 'error', message: 'statement `S` allows `*`',
  line: 7, column: 20, pointer: '/Statement/1/Principal', fix: null, ...over,
});

const results: LintResult[] = [
  { file: 'a/key.json', suppressed: 0, findings: [finding({}), finding({ ruleId: 'KMS201', name: 'unknown-action', severity: 'warning', message: 'action `kms: Decrypt` contains whitespace.', line: 12, column: 5, pointer: '/Statement/1/Action/0', fix: [{ op: 'replace', path: '/Statement/1/Action/0', value: 'kms:Decrypt' }] })] },
  { file: 'b/clean.json', suppressed: 0, findings: [] },
  { file: 'c/key.yaml', suppressed: 0, findings: [finding({ ruleId: 'KMS112', name: 'no-iam-delegation', severity: 'info', message: 'no root statement', line: 1, column: 1, pointer: '', resourceName: 'AppKey' })] },
];

describe('stylish', () => {
  it('prints ESLint layout: file, aligned rows, summary and fixable count', () => {
    expect(renderStylish(results)).toBe([
      '',
      'a/key.json',
      '  7:20  error    statement `S` allows `*`                   KMS101',
      '  12:5  warning  action `kms: Decrypt` contains whitespace  KMS201',
      '',
      'c/key.yaml',
      '  1:1  info  no root statement  KMS112',
      '',
      '\u2716 3 problems (1 error, 1 warning, 1 info)',
      '  0 errors and 1 warning potentially fixable with the `--fix` option.',
      '',
    ].join('\n'));
  });

  it('prints nothing when clean and colours only when asked', () => {
    expect(renderStylish([{ file: 'x', suppressed: 0, findings: [] }])).toBe('');
    expect(renderStylish(results, { color: true })).toContain('\u001b[31merror');
  });
});

describe('json', () => {
  it('is the contract shape, every file listed', () => {
    const out = JSON.parse(renderLintJson(results)) as unknown;
    expect(out).toEqual([
      { file: 'a/key.json', findings: [
        { ruleId: 'KMS101', name: 'public-principal', severity: 'error', message: 'statement `S` allows `*`', line: 7, column: 20, pointer: '/Statement/1/Principal', fix: null },
        { ruleId: 'KMS201', name: 'unknown-action', severity: 'warning', message: 'action `kms: Decrypt` contains whitespace.', line: 12, column: 5, pointer: '/Statement/1/Action/0', fix: [{ op: 'replace', path: '/Statement/1/Action/0', value: 'kms:Decrypt' }] },
      ] },
      { file: 'b/clean.json', findings: [] },
      { file: 'c/key.yaml', findings: [{ ruleId: 'KMS112', name: 'no-iam-delegation', severity: 'info', message: 'no root statement', line: 1, column: 1, pointer: '', fix: null }] },
    ]);
  });
});

describe('sarif', () => {
  const text = '{\n  "Statement": [\n    {"Effect": "Allow", "Action": "kms:*", "Resource": "*"},\n    {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}\n  ]\n}\n';
  const inputs = [readLintInputFromText(text, 'a/key.json')];
  const log = JSON.parse(renderSarif(results, { rules: BUILTIN_RULES, toolVersion: '1.2.3', inputs })) as Log;

  it('has the SARIF 2.1.0 envelope and a driver listing every rule once', () => {
    expect(log).toMatchObject({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json' });
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'kms-authz', version: '1.2.3' });
    const ids = (driver.rules ?? []).map((r: ReportingDescriptor) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...Object.values(BUILTIN_RULES).map((r) => r.id), 'KMS101', 'KMS201', 'KMS112']));
    for (const r of driver.rules ?? []) {
      expect(Number(r.properties?.['security-severity'])).toBeGreaterThanOrEqual(0);
      expect(Number(r.properties?.['security-severity'])).toBeLessThanOrEqual(10);
      expect(r.properties?.tags?.length).toBeLessThanOrEqual(10);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration?.level);
    }
  });

  it('maps levels, locations, logical locations and fingerprints', () => {
    const res: Result[] = log.runs[0].results ?? [];
    expect(res.map((r) => [r.ruleId, r.level])).toEqual([['KMS101', 'error'], ['KMS201', 'warning'], ['KMS112', 'note']]);
    expect(res[2].locations?.[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'c/key.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } },
      logicalLocations: [{ name: 'AppKey', kind: 'resource' }],
    });
    const fp = res.map((r) => r.partialFingerprints?.['kmsAuthzFinding/v1']);
    expect(new Set(fp).size).toBe(3);
    for (const r of res) expect(r.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it('fingerprints follow the statement content, not its key order or position', () => {
    const reordered = '{"Statement": [{"Resource": "*", "Action": "kms:*", "Effect": "Allow"}, {"Resource": "*", "Action": "kms:Decrypt", "Principal": "*", "Effect": "Allow"}]}';
    const changed = text.replace('kms:Decrypt', 'kms:Encrypt');
    const fpWith = (t: string): string | undefined =>
      (JSON.parse(renderSarif([results[0]], { rules: BUILTIN_RULES, toolVersion: '0', inputs: [readLintInputFromText(t, 'a/key.json')] })) as Log).runs[0].results?.[0].partialFingerprints?.['kmsAuthzFinding/v1'];
    expect(fpWith(reordered)).toBe(fpWith(text));
    expect(fpWith(changed)).not.toBe(fpWith(text));
  });
});
