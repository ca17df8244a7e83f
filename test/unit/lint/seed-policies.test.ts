// Every defect of the verbatim seed policies (snippets of the AWS KMS developer guide, with the
// stray spaces of the rendered pages; copied unchanged from the project's shared examples into
// seed-policies/) is found at its line and column, and `--fix` mends the whitespace ones. The file
// names name the AWS doc sections, e.g. default-kms-key-policy.json is
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lint/api.js';
import { applyFixes } from '../../../src/lint/fix.js';
import { readLintInputFromText } from '../../../src/sources/index.js';

const dir = join(import.meta.dirname, 'seed-policies');
const GRAMMAR = new Set(['KMS003', 'KMS104', 'KMS201', 'KMS208']);
const B = 'KMS003@1:1'; // a bare statement where a policy belongs
/** Expected grammar findings per file: rule@line:column, in file order. */
const EXPECTED: Record<string, string[]> = {
  'condition-keys-kms-calleraccount.json': [B, 'KMS201@7:5', 'KMS201@9:5', 'KMS201@10:5', 'KMS201@11:5', 'KMS201@12:5', 'KMS003@17:29'],
  'condition-keys-kms-viaservice.json': [B, 'KMS104@4:12', 'KMS201@7:5', 'KMS201@8:5', 'KMS201@9:5', 'KMS201@10:5', 'KMS201@11:5', 'KMS201@12:5', 'KMS201@13:5'],
  'custom-kms-key-policy-allow-admins.json': [B, 'KMS104@6:7', 'KMS104@7:7', ...[11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24].map((l) => `KMS201@${String(l)}:5`)],
  'custom-kms-key-policy-allow-users-to-directly-use-the-kms-ke.json': [B, 'KMS104@6:7', 'KMS104@7:7', 'KMS104@8:7', 'KMS201@12:5', 'KMS201@13:5', 'KMS201@14:5', 'KMS201@15:5', 'KMS201@16:5'],
  'custom-kms-key-policy-grants-for-aws-services-use-cases.json': [B, 'KMS104@5:12', 'KMS201@7:14', 'KMS201@7:34', 'KMS201@7:53', 'KMS003@11:37'],
  'default-kms-key-policy.json': [B, 'KMS201@3:13', 'KMS104@5:12'],
  'kms-key-cross-account-access-2.json': [B, 'KMS201@4:5', 'KMS201@5:5', 'KMS201@6:5', 'KMS201@7:5', 'KMS208@10:15', 'KMS208@10:15'],
  'kms-key-cross-account-access-through-assuming-an-iam-role-2.json': [B, 'KMS201@4:5', 'KMS201@5:5', 'KMS201@6:5', 'KMS201@7:5', 'KMS201@8:5', 'KMS208@10:15'],
  'kms-key-cross-account-access-through-assuming-an-iam-role.json': [B, 'KMS104@4:12', 'KMS201@7:5', 'KMS201@8:5', 'KMS201@9:5', 'KMS201@10:5', 'KMS201@11:5'],
  'kms-key-cross-account-access-usage-of-external-kms-keys-with-2.json': [B, 'KMS201@4:5', 'KMS201@6:5', 'KMS201@7:5', 'KMS201@8:5', 'KMS201@9:5', 'KMS201@11:5', 'KMS208@13:15', 'KMS208@13:15'],
  // `Action` and `Resource` nested inside `Principal`: the statement has no Action, and two unknown principal types.
  'kms-key-cross-account-access-usage-of-external-kms-keys-with.json': [B, 'KMS003@1:1', 'KMS104@4:12', 'KMS104@5:15', 'KMS104@15:17'],
  'kms-key-cross-account-access.json': [B, 'KMS003@1:1', 'KMS104@4:12', 'KMS104@5:15', 'KMS104@12:17'],
  'kms-key-policies-comparison.json': ['KMS201@12:9', 'KMS201@13:9', 'KMS201@14:9', 'KMS201@15:9', 'KMS201@16:9', 'KMS201@17:9', 'KMS003@22:33', 'KMS104@31:16', 'KMS201@34:9', 'KMS201@35:9', 'KMS201@36:9', 'KMS201@37:9'],
  'kms-key-policy-in-target-account.json': ['KMS201@6:18', 'KMS201@6:38', 'KMS208@8:9', 'KMS208@9:9', 'KMS208@9:9', 'KMS003@13:41', 'KMS201@20:9', 'KMS201@21:9', 'KMS201@22:9', 'KMS201@23:9', 'KMS201@24:9', 'KMS208@27:9', 'KMS208@28:9', 'KMS208@28:9'],
  'sharing-kms-encrypted-rds-db-snapshots.json': ['KMS104@7:17', 'KMS201@10:9', 'KMS201@11:9', 'KMS201@12:9', 'KMS201@13:9', 'KMS201@14:9', 'KMS201@15:9'],
  'troubleshooting-can-t-start-an-ec2-instance-with-encrypted-e.json': [B, 'KMS104@4:12', 'KMS003@10:37'],
};

describe('seed policies', () => {
  it('has an expectation for every seed file', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(Object.entries(EXPECTED))('%s: grammar defects at their line and column', async (file, expected) => {
    const [result] = await lint([file], undefined, { cwd: dir });
    const got = (result?.findings ?? []).filter((f) => GRAMMAR.has(f.ruleId)).map((f) => `${f.ruleId}@${String(f.line)}:${String(f.column)}`);
    expect(got).toEqual(expected);
  });
  it.each(Object.keys(EXPECTED))('%s: --fix removes every whitespace defect and nothing else', async (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const [before] = await lint([file], undefined, { cwd: dir });
    const fixes = (before?.findings ?? []).flatMap((f) => (f.fix === null ? [] : [f.fix]));
    const fixed = applyFixes(text, file, fixes);
    expect(fixed.skipped).toBe(0);
    expect(fixed.applied).toBe(fixes.length);
    const [after] = await lint([readLintInputFromText(fixed.text, file)]);
    const remaining = (after?.findings ?? []).filter((f) => f.fix !== null || /whitespace/i.test(f.messageId));
    expect(remaining).toEqual([]);
    expect(JSON.parse(fixed.text)).toBeTypeOf('object');
  });
});
