// Files, directories and globs (lint-catalogue.md §5): what is read, what is skipped, and how a
// missing file is reported (contract.md: one line per problem, never a stack trace).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLintInputs } from '../../../src/sources/index.js';
import { FIXTURES } from './helpers.js';

describe('readLintInputs', () => {
  it('walks a directory, skipping files no reader knows and reading a CDK cloud assembly', async () => {
    const inputs = await readLintInputs(['.'], { cwd: FIXTURES });
    const files = inputs.map((i) => i.file);
    expect(files).toContain('cdk.out/KeyStack.template.json');
    expect(files).not.toContain('cdk.out/manifest.json');
    expect(files).not.toContain('cdk.out/tree.json');
    expect(inputs.every((i) => i.fatal !== true)).toBe(true);
    expect(files).toEqual([...files].sort());
  });

  it('expands an explicit cdk.out/manifest.json into its stack templates', async () => {
    const inputs = await readLintInputs(['cdk.out/manifest.json'], { cwd: FIXTURES });
    expect(inputs.map((i) => [i.file, i.shape])).toEqual([['cdk.out/KeyStack.template.json', 'cdk']]);
  });

  it('follows nested cloud assemblies (CDK Stages) from an explicit manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-cdk-'));
    mkdirSync(join(dir, 'assembly-Prod'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { Prod: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } } } }));
    writeFileSync(join(dir, 'assembly-Prod', 'manifest.json'), JSON.stringify({ version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
    writeFileSync(join(dir, 'assembly-Prod', 'S.template.json'), JSON.stringify({ Resources: { K: { Type: 'AWS::KMS::Key', Properties: {} } } }));
    const inputs = await readLintInputs(['manifest.json'], { cwd: dir });
    expect(inputs.map((i) => [i.file, i.shape])).toEqual([['assembly-Prod/S.template.json', 'cloudformation']]);
  });

  it('expands globs, skips node_modules, and reports a missing path or an explicit unknown file as fatal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kms-authz-sources-'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, 'policies'));
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] });
    writeFileSync(join(dir, 'policies', 'a.json'), policy);
    writeFileSync(join(dir, 'node_modules', 'x', 'b.json'), policy);
    writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
    const walked = await readLintInputs(['**/*.json'], { cwd: dir });
    expect(walked.map((i) => i.file)).toEqual(['policies/a.json']);
    const explicit = await readLintInputs(['package.json', 'nope.json', 'none/*.yaml'], { cwd: dir });
    expect(explicit.map((i) => [i.file, i.fatal, i.diagnostics[0].code])).toEqual([
      ['none/*.yaml', true, 'source/missing-file'],
      ['nope.json', true, 'source/missing-file'],
      ['package.json', true, 'source/unrecognized-shape'],
    ]);
    expect((await readLintInputs(['policies'], { cwd: dir, kind: 'scp' }))[0].targets[0]).toMatchObject({ kind: 'scp' });
  });
});
