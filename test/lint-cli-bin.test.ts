// `kms-authz lint` through the real binary (bin/kms-authz.js → dist/, built by `npm run build`,
// which `npm install`/`npm ci` run through `prepare`): exit codes and streams as a shell sees them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/kms-authz.js`;

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kms-authz lint (binary)', () => {
  beforeAll(() => {
    // The binary runs the compiled CLI; build it once if this checkout was never built.
    if (!existsSync(`${ROOT}dist/src/cli/commands/lint.js`)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }, 120_000);

  it('lints a Terraform plan and a CloudFormation template: json on stdout, exit 1', () => {
    const r = run(['lint', 'fixtures/lint/terraform/plan.json', 'fixtures/lint/cloudformation/key.yaml', '--format', 'json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; findings: { ruleId: string; line: number; column: number }[] }[];
    expect(out.map((f) => f.file)).toEqual(['fixtures/lint/cloudformation/key.yaml', 'fixtures/lint/terraform/plan.json']);
    expect(out[1].findings).toContainEqual(expect.objectContaining({ ruleId: 'KMS101', line: 42, column: 289 }));
  });

  it('exits 2 on a missing file with one line on stderr and no stack trace', () => {
    const r = run(['lint', 'fixtures/lint/nope.json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('fixtures/lint/nope.json:1:1: error: no such file, directory or glob match: `fixtures/lint/nope.json` [source/missing-file]\n');
  });
});
