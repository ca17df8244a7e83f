// Quick end-to-end check of read → parse → compile on an AWS default key policy.
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/compile/policy.js';
import { parsePolicy } from '../../../src/parse/policy.js';
import { readDocument } from '../../../src/source/document.js';

const text = `{
  "Version": "2012-10-17",
  "Id": "key-default-1",
  "Statement": [
    {
      "Sid": "Enable IAM User Permissions",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "kms:*",
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["kms:Decrypt", "kms: Encrypt"],
      "Resource": "arn:aws:kms:*:111122223333:key/\${aws:username}",
      "Condition": { "StringNotEquals": { "kms:CallerAccount": "111122223333" } }
    }
  ]
}`;

describe('read → parse → compile', () => {
  it('parses the default key policy shape with positions', () => {
    const doc = readDocument(text, 'key.json');
    expect(doc.diagnostics).toEqual([]);
    const { policy, diagnostics } = parsePolicy(doc.value, { kind: 'key', id: 'k', file: 'key.json', locate: doc.locate });
    expect(diagnostics.map((d) => [d.code, d.messageId, d.pointer, d.line, d.column])).toEqual([
      ['parse/invalid-action', 'whitespace', '/Statement/1/Action/1', 15, 33],
    ]);
    expect(policy.statements.map((s) => [s.ref.sid, s.ref.pointer, s.ref.line])).toEqual([
      ['Enable IAM User Permissions', '/Statement/0', 5],
      ['#1', '/Statement/1', 12],
    ]);
    const c = compilePolicy(policy);
    expect(compilePolicy(policy)).toBe(c);
    expect(c.statementsFor('kms:decrypt').map((s) => s.ref.sid)).toEqual(['Enable IAM User Permissions', '#1']);
    expect(c.statementsFor('kms:encrypt').map((s) => s.ref.sid)).toEqual(['Enable IAM User Permissions']);
    const deny = c.statements[1];
    const ctx = new Map([['aws:username', 'bob'], ['kms:calleraccount', '444455556666']]);
    expect(deny.matchesResource('arn:aws:kms:us-east-1:111122223333:key/bob', ctx)).toBe(true);
    expect(deny.matchesResource('arn:aws:kms:us-east-1:111122223333:key/alice', ctx)).toBe(false);
    expect(deny.conditions[0].test(ctx)).toBe(true);
    expect(c.statements[0].principal?.accounts.has('111122223333')).toBe(true);
  });
});
