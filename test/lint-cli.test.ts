// `kms-authz lint` end to end, in process (contract.md "lint", lint-catalogue.md §4): every input
// shape linted with findings at the right line and column, the json contract, exit codes, --fix.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Run { code: number; out: string; err: string }

/** Runs `kms-authz lint ...args` in process through the CLI's real entry. */
const lint = (args: string[], cwd = ROOT): Promise<Run> => runCli(['lint', ...args], cwd);

interface JsonFinding { ruleId: string; name: string; severity: string; message: string; line: number; column: number; pointer: string; fix: unknown }
async function findings(path: string, extra: string[] = []): Promise<{ code: number; files: { file: string; findings: JsonFinding[] }[] }> {
  const r = await lint([path, '--format', 'json', ...extra]);
  return { code: r.code, files: JSON.parse(r.out) as { file: string; findings: JsonFinding[] }[] };
}

const at = (ruleId: string, line: number, column: number, pointer: string): unknown => expect.objectContaining({ ruleId, line, column, pointer }) as unknown;

describe('kms-authz lint: every input shape, findings at their line and column', () => {
  it('CloudFormation JSON', async () => {
    const { code, files } = await findings('fixtures/lint/cloudformation/key.json');
    expect(code).toBe(1);
    expect(files[0].file).toBe('fixtures/lint/cloudformation/key.json');
    expect(files[0].findings).toContainEqual(at('KMS101', 47, 37, '/Resources/AppKey/Properties/KeyPolicy/Statement/2/Principal/AWS'));
    // The template's own root (Fn::Join of pseudo parameters) is this account: not public, not cross-account.
    expect(files[0].findings.filter((f) => f.pointer.includes('/Statement/0/'))).toEqual([]);
  });

  it('CloudFormation YAML: Fn::If branches, !Sub text, symbolic org id', async () => {
    const { files } = await findings('fixtures/lint/cloudformation/key.yaml');
    const f = files[0].findings;
    expect(f).toContainEqual(at('KMS101', 49, 24, '/Resources/OrgKey/Properties/KeyPolicy/Statement/3/Principal'));
    expect(f).toContainEqual(at('KMS101', 72, 28, '/Resources/TextKey/Properties/KeyPolicy/Statement/1/Principal'));
    // OrgDecrypt (inside the Fn::If) is pinned by aws:PrincipalOrgID: no KMS101 there.
    expect(f.filter((x) => x.ruleId === 'KMS101' && x.pointer.includes('/Statement/2/'))).toEqual([]);
  });

  it('CDK synth output (cdk.out directory)', async () => {
    const { files } = await findings('fixtures/lint/cdk.out');
    expect(files.map((x) => x.file)).toEqual(['fixtures/lint/cdk.out/KeyStack.template.json']);
    expect(files[0].findings).toContainEqual(at('KMS101', 35, 16, '/Resources/Key961B73FD/Properties/KeyPolicy/Statement/1/Principal/AWS'));
  });

  it('Terraform plan JSON: inside the policy string', async () => {
    const { files } = await findings('fixtures/lint/terraform/plan.json');
    expect(files[0].findings).toContainEqual(at('KMS101', 42, 289, '/resource_changes/0/change/after/policy/Statement/1/Principal/AWS'));
  });

  it('AWS CLI outputs: get-key-policy inside the string, list-grants entries', async () => {
    const kp = await findings('fixtures/lint/cli/get-key-policy.json');
    expect(kp.files[0].findings).toContainEqual(at('KMS101', 2, 478, '/Policy/Statement/1/Principal/AWS'));
    const grants = await findings('fixtures/lint/cli/list-grants.json');
    expect(grants.files[0].findings).toContainEqual(at('KMS102', 27, 9, '/Grants/1'));
  });

  it('raw policies, bare statements and world files', async () => {
    const raw = await findings('fixtures/lint/policies/public-key-policy.json');
    expect(raw.files[0].findings).toContainEqual(at('KMS101', 15, 20, '/Statement/1/Principal'));
    const bare = await findings('fixtures/lint/policies/bare-statement.json');
    expect(bare.files[0].findings).toContainEqual(at('KMS101', 4, 25, '/Principal/AWS'));
    const world = await findings('fixtures/lint/world/world.yaml');
    expect(world.files[0].findings).toContainEqual(at('KMS101', 26, 29, '/keys/0/policy/Statement/1/Principal/AWS'));
  });

  it('seed policies (AWS docs excerpts with defects): each defect at its line and column', async () => {
    const seed = 'fixtures/lint/seed-policies';
    const def = await findings(`${seed}/default-kms-key-policy.json`);
    expect(def.files[0].findings).toContainEqual(at('KMS201', 3, 13, '/Action'));
    expect(def.files[0].findings).toContainEqual(at('KMS104', 5, 12, '/Principal/AWS'));
    const cmp = await findings(`${seed}/kms-key-policies-comparison.json`);
    expect(cmp.files[0].findings).toContainEqual(at('KMS201', 12, 9, '/Statement/0/Action/0'));
    expect(cmp.files[0].findings).toContainEqual(at('KMS003', 22, 33, '/Statement/0/Condition/StringEquals/kms: CallerAccount'));
    const xa = await findings(`${seed}/kms-key-cross-account-access.json`);
    // `Action` and `Resource` indented into `Principal`.
    expect(xa.files[0].findings).toContainEqual(at('KMS104', 5, 15, '/Principal/Action'));
  });

  it('the json output has exactly the contract fields', async () => {
    const { files } = await findings('fixtures/lint/policies/public-key-policy.json');
    for (const f of files[0].findings) expect(Object.keys(f).sort()).toEqual(['column', 'fix', 'line', 'message', 'name', 'pointer', 'ruleId', 'severity']);
    expect(files[0].findings.find((f) => f.ruleId === 'KMS101')).toMatchObject({ name: 'public-principal', severity: 'error', fix: null });
  });
});

describe('kms-authz lint: positions are where the pointers say (every fixture, every seed policy)', () => {
  // Rule-independent: each reported pointer of a plain JSON file names a value whose text starts
  // exactly at the reported line and column.
  const valueAt = (doc: unknown, pointer: string): unknown =>
    pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<unknown>((v, s) => (v as Record<string, unknown> | undefined)?.[s], doc);
  for (const target of ['fixtures/lint/policies', 'fixtures/lint/seed-policies', 'fixtures/lint/cloudformation/key.json', 'fixtures/lint/cdk.out']) {
    it(target, async () => {
      const { files } = await findings(target);
      let checked = 0;
      for (const f of files) {
        if (!f.file.endsWith('.json')) continue;
        const text = readFileSync(f.file.startsWith('/') ? f.file : join(ROOT, f.file), 'utf8');
        const lines = text.split('\n');
        const doc = JSON.parse(text) as unknown;
        for (const x of f.findings) {
          const v = valueAt(doc, x.pointer);
          if (x.pointer === '' || v === undefined) continue;
          const here = lines[x.line - 1].slice(x.column - 1);
          const expected = typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? '[' : typeof v === 'object' && v !== null ? '{' : JSON.stringify(v);
          expect(here.startsWith(expected), `${f.file} ${x.ruleId} ${x.pointer} at ${String(x.line)}:${String(x.column)}`).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('kms-authz lint: exit codes, thresholds and formats', () => {
  it('exits 2 with one line per problem for a missing file or invalid JSON, and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    writeFileSync(join(dir, 'bad.json'), '{\n  "Statement": [\n}\n');
    const r = await lint(['bad.json', 'missing.json'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^bad\.json:3:1: error: /);
    expect(lines[1]).toMatch(/^missing\.json:1:1: error: no such file/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('exits 0 on a clean policy, prints nothing in stylish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Use', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }] }, null, 2));
    const r = await lint(['ok.json'], dir);
    expect(r).toMatchObject({ code: 0, out: '' });
  });

  it('--severity-threshold, --max-warnings and --quiet', async () => {
    // A disabled key: one info finding (KMS503); the config turns it into a warning.
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    copyFileSync(join(ROOT, 'fixtures/lint/cli/describe-key.json'), join(dir, 'key.json'));
    const only = async (args: string[]): Promise<Run> => lint(['key.json', ...args], dir);
    const info = JSON.parse((await only(['--format', 'json'])).out) as { findings: JsonFinding[] }[];
    expect(info[0].findings.map((f) => [f.ruleId, f.severity])).toEqual([['KMS503', 'info']]);
    expect((await only([])).code).toBe(0);
    expect((await only(['--severity-threshold', 'warning'])).code).toBe(0);
    expect((await only(['--severity-threshold', 'info'])).code).toBe(1);
    writeFileSync(join(dir, 'warn.yaml'), 'rules:\n  KMS503: warning\n');
    expect((await only(['--config', 'warn.yaml'])).code).toBe(0);
    expect((await only(['--config', 'warn.yaml', '--max-warnings', '0'])).code).toBe(1);
    expect((await only(['--config', 'warn.yaml', '--max-warnings', '1'])).code).toBe(0);
    expect((await only(['--config', 'warn.yaml', '--severity-threshold', 'warning'])).code).toBe(1);
    const quiet = JSON.parse((await only(['--config', 'warn.yaml', '--quiet', '--format', 'json'])).out) as { findings: JsonFinding[] }[];
    expect(quiet[0].findings).toEqual([]);
  });

  it('--output-file writes the report, --exit-zero keeps the exit code 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    copyFileSync(join(ROOT, 'fixtures/lint/policies/public-key-policy.json'), join(dir, 'p.json'));
    const r = await lint(['p.json', '--format', 'sarif', '-o', 'out.sarif'], dir);
    expect(r).toMatchObject({ code: 1, out: '' });
    expect((JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { version: string }).version).toBe('2.1.0');
    expect((await lint(['p.json', '--exit-zero'], dir)).code).toBe(0);
    expect((await lint(['missing.json', '--exit-zero'], dir)).code).toBe(2);
    const bad = await lint(['p.json', '-o', 'no/such/dir/out.txt'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^no\/such\/dir\/out\.txt:1:1: error: cannot write the report/);
  });

  it('stylish is ESLint layout', async () => {
    const r = await lint(['fixtures/lint/policies/public-key-policy.json']);
    expect(r.out).toMatch(/^\nfixtures\/lint\/policies\/public-key-policy\.json\n/);
    expect(r.out).toMatch(/\n {2}15:20 +error +statement `EveryoneDecrypts` allows `\*`.* {2}KMS101\n/);
    expect(r.out).toMatch(/\n✖ \d+ problems? \(\d+ errors?, \d+ warnings?(, \d+ info)?\)\n/);
  });

  it('--kind overrides the detected kind', async () => {
    const { files } = await findings('fixtures/lint/policies/public-key-policy.json', ['--kind', 'identity']);
    expect(files[0].findings.some((f) => f.ruleId === 'KMS101')).toBe(false);
  });

  it('--config sets rule levels; a bad config is an input error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    copyFileSync(join(ROOT, 'fixtures/lint/policies/public-key-policy.json'), join(dir, 'p.json'));
    writeFileSync(join(dir, '.kms-authz.yaml'), 'rules:\n  KMS101: warning\n');
    const r = await lint(['p.json', '--format', 'json'], dir);
    expect((JSON.parse(r.out) as { findings: JsonFinding[] }[])[0].findings.find((f) => f.ruleId === 'KMS101')?.severity).toBe('warning');
    writeFileSync(join(dir, 'bad.yaml'), 'rules:\n  KMS101: loud\n');
    const bad = await lint(['p.json', '--config', 'bad.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^bad\.yaml:\d+:\d+: error: /);
  });

  it('sarif is SARIF 2.1.0 with rules, levels, relative locations and stable fingerprints', async () => {
    const r = await lint(['fixtures/lint/cloudformation/key.json', '--format', 'sarif']);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('kms-authz');
    const rule = run.tool.driver.rules.find((x: any) => x.id === 'KMS101');
    expect(rule).toMatchObject({ name: 'public-principal', defaultConfiguration: { level: 'error' }, properties: { 'security-severity': '9.5' } });
    expect(rule.helpUri).toMatch(/docs\/rules\/KMS101\.md$/);
    for (const x of run.tool.driver.rules) {
      expect(x.shortDescription.text.length).toBeGreaterThan(0);
      expect(x.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(x.help.text.length).toBeGreaterThan(0);
      expect(x.properties.tags).toContain('security');
    }
    const result = run.results.find((x: any) => x.ruleId === 'KMS101');
    expect(result).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'fixtures/lint/cloudformation/key.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 47, startColumn: 37 } }, logicalLocations: [{ name: 'AppKey', kind: 'resource' }] }],
    });
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    // Same finding, file shifted by blank lines: same fingerprint.
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    const text = readFileSync(join(ROOT, 'fixtures/lint/cloudformation/key.json'), 'utf8');
    writeFileSync(join(dir, 'key.json'), text);
    interface R { partialFingerprints: unknown; locations: { physicalLocation: { region: { startLine: number } } }[] }
    const a = JSON.parse((await lint(['key.json', '--format', 'sarif'], dir)).out).runs[0].results as R[];
    writeFileSync(join(dir, 'key.json'), text.replace('{\n', '{\n\n\n'));
    const b = JSON.parse((await lint(['key.json', '--format', 'sarif'], dir)).out).runs[0].results as R[];
    expect(b.map((x) => x.partialFingerprints)).toEqual(a.map((x) => x.partialFingerprints));
    expect(b[0].locations[0].physicalLocation.region.startLine).toBe(a[0].locations[0].physicalLocation.region.startLine + 2);
  });

  it('notes a suppression without a reason on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'OpenKmsAuthzIgnoreKMS101', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] }, null, 2));
    const r = await lint(['p.json', '--format', 'json'], dir);
    expect(r.err).toMatch(/^p\.json:5:14: warning: suppression of `KMS101` in `Sid` has no reason/m);
    expect((JSON.parse(r.out) as { findings: JsonFinding[] }[])[0].findings.some((f) => f.ruleId === 'KMS101')).toBe(true);
    writeFileSync(join(dir, 'p.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'OpenKmsAuthzIgnoreKMS101BecauseTestFixture', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] }, null, 2));
    const ok = await lint(['p.json', '--format', 'json'], dir);
    expect((JSON.parse(ok.out) as { findings: JsonFinding[] }[])[0].findings.some((f) => f.ruleId === 'KMS101')).toBe(false);
  });
});

describe('kms-authz lint: suppressions', () => {
  it('honours CloudFormation metadata and Terraform tags, and reports one that hides nothing', async () => {
    const yaml = await lint(['fixtures/lint/cloudformation/key.yaml', '--format', 'json']);
    const f = (JSON.parse(yaml.out) as { findings: JsonFinding[] }[])[0].findings;
    // OrgKey has no EnableKeyRotation (KMS501) but suppresses it with a reason.
    expect(f.filter((x) => x.ruleId === 'KMS501' && x.pointer.startsWith('/Resources/OrgKey'))).toEqual([]);
    expect(yaml.err).not.toMatch(/unused/);
    const plan = await lint(['fixtures/lint/terraform/plan.json', '--format', 'json']);
    const p = (JSON.parse(plan.out) as { findings: JsonFinding[] }[])[0].findings;
    expect(p.filter((x) => x.ruleId === 'KMS504' && x.pointer.startsWith('/resource_changes/0/'))).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    const template = [
      'Resources:',
      '  K:',
      '    Type: AWS::KMS::Key',
      '    Metadata:',
      '      kms-authz:',
      '        suppress:',
      '          - { rule: KMS101, reason: "no public statement here to hide" }',
      '    Properties:',
      '      EnableKeyRotation: true',
      '',
    ].join('\n');
    writeFileSync(join(dir, 't.yaml'), template);
    const r = await lint(['t.yaml', '--format', 'json'], dir);
    expect(r.err).toMatch(/^t\.yaml:7:13: warning: suppression of `KMS101` is unused: the rule reports nothing here \[lint\/unused-suppression\]$/m);
  });
});

describe('kms-authz lint --fix', () => {
  it('writes the safe fixes back, keeping the rest of the file, and reports what is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-lint-'));
    const seed = readFileSync(join(ROOT, 'fixtures/lint/seed-policies/default-kms-key-policy.json'), 'utf8');
    writeFileSync(join(dir, 'p.json'), seed);
    const before = await findings(join(dir, 'p.json'));
    const fixable = before.files[0].findings.filter((f) => f.fix !== null);
    expect(fixable.length).toBeGreaterThan(0);
    await lint(['p.json', '--fix'], dir);
    const after = readFileSync(join(dir, 'p.json'), 'utf8');
    expect(after).not.toBe(seed);
    expect(after.split('\n').length).toBe(seed.split('\n').length);
    const again = await findings(join(dir, 'p.json'));
    expect(again.files[0].findings.filter((f) => f.fix !== null)).toEqual([]);
  });
});
