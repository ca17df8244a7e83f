// Safe fixes end to end: ops as findings carry them, written back by applyFixes, for a raw policy
// file (formatting kept) and for a policy embedded as a JSON string (the AWS CLI's
// get-key-policy output, https://docs.aws.amazon.com/cli/latest/reference/kms/get-key-policy.html).
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../../src/lint/fix.js';
import type { PatchOp } from '../../../src/model/diagnostic.js';
import { runLint } from '../../../src/lint/index.js';
import { applyPatch } from '../../../src/lint/patch.js';
import { readLintInputFromText } from '../../../src/sources/index.js';

const policy = { Version: '2012-10-17', Statement: [{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws: iam::111122223333:root' }, Action: ['kms: Decrypt', 'kms:*'], Resource: '*' }] };

function fixesOf(text: string, file: string): (readonly PatchOp[])[] {
  return runLint([readLintInputFromText(text, file)]).flatMap((r) => r.findings.flatMap((f) => (f.fix === null ? [] : [f.fix])));
}

describe('fixes', () => {
  it('mends a raw policy file and keeps its formatting', () => {
    const text = `${JSON.stringify(policy, null, 4)}\n`;
    const fixes = fixesOf(text, 'key.json');
    expect(fixes).toHaveLength(2);
    const out = applyFixes(text, 'key.json', fixes);
    expect(out.applied).toBe(2);
    expect(out.text).toContain('            "Principal": {\n                "AWS": "arn:aws:iam::111122223333:root"');
    expect(fixesOf(out.text, 'key.json')).toEqual([]);
  });
  it('rewrites a policy embedded as a JSON string as one replacement of the string', () => {
    const text = `${JSON.stringify({ Policy: JSON.stringify(policy), PolicyName: 'default' }, null, 2)}\n`;
    const fixes = fixesOf(text, 'get-key-policy.json');
    expect(fixes.length).toBeGreaterThan(0);
    for (const f of fixes) expect(f.map((op) => op.path)).toEqual(['/Policy']);
    const out = applyFixes(text, 'get-key-policy.json', fixes.slice(0, 1));
    expect(out.applied).toBe(1);
    expect(fixesOf(out.text, 'get-key-policy.json')).toHaveLength(fixes.length - 1);
  });
  it('applies JSON Patch add/remove/replace without mutating, and refuses bad paths', () => {
    const doc = { a: [1, 2], b: { 'x/y': 1 } };
    expect(applyPatch(doc, [{ op: 'add', path: '/a/1', value: 9 }, { op: 'remove', path: '/b/x~1y' }, { op: 'replace', path: '/a/0', value: 0 }])).toEqual({ ok: true, value: { a: [0, 9, 2], b: {} } });
    expect(doc).toEqual({ a: [1, 2], b: { 'x/y': 1 } });
    expect(applyPatch(doc, [{ op: 'replace', path: '/a/5', value: 1 }]).ok).toBe(false);
    expect(applyPatch(doc, [{ op: 'remove', path: '/nope' }]).ok).toBe(false);
  });
});
