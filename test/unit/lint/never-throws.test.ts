// Lint runs on user input, so no input may make a rule throw (style.md convention 2): random
// policy-shaped JSON, with the element forms and junk the IAM grammar allows or forbids.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runLint } from '../../../src/lint/index.js';
import { CATALOGUE_RULES } from '../../../src/lint/rule-ids.js';
import { readLintInputFromText } from '../../../src/sources/index.js';

const str = fc.oneof(
  fc.constantFrom('*', 'kms:*', 'kms:Decrypt', 'kms: Encrypt', 'kms:Create*', 'KMS:Decrypt', 's3:*', 'k*:*', 'kms:', '${aws:username}', '${', 'arn:aws:iam::111122223333:root',
    'arn:aws:iam::*:root', 'arn:aws: iam::1:role/x', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:kms:us-east-1:111122223333:alias/a',
    'AROAJQABLZS4A3QDU576Q', '111122223333', 'logs.us-east-1.amazonaws.com', 'o-a1b2c3d4e5', 'true', ''),
  fc.string({ maxLength: 12 }),
);
const scalar = fc.oneof(str, fc.boolean(), fc.integer(), fc.constant(null));
const values = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const condition = fc.dictionary(
  fc.constantFrom('StringEquals', 'StringLike', 'ForAnyValue:StringEquals', 'ForAllValues:StringLike', 'StringEqualsIfExists', 'Bool', 'Null', 'ArnLike', 'NumericLessThan', 'Bogus'),
  fc.dictionary(fc.constantFrom('kms:CallerAccount', 'kms:ViaService', 'aws:PrincipalOrgID', 'kms:EncryptionContext:app', 'kms:EncryptionContextKeys', 'aws:SourceArn', 'kms: GrantIsForAWSResource', 'aws:SecureTransport'), values, { maxKeys: 3 }),
  { maxKeys: 2 },
);
const principal = fc.oneof(str, fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser', 'Action'), values, { maxKeys: 2 }));
const statement = fc.record(
  {
    Sid: str, Effect: fc.constantFrom('Allow', 'Deny', 'allow', 1), Principal: principal, NotPrincipal: principal, Action: values, NotAction: values,
    Resource: values, NotResource: values, Condition: fc.oneof(condition, scalar),
  },
  { requiredKeys: [] },
);
const policy = fc.oneof(
  fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 'x'), Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })) }, { requiredKeys: [] }),
  statement,
  fc.jsonValue({ maxDepth: 3 }),
);

describe('runLint on arbitrary policies', () => {
  it('never throws, and every finding is addressable', () => {
    fc.assert(
      fc.property(policy, fc.constantFrom<('key' | 'identity' | 'scp' | 'rcp' | undefined)[]>(undefined, 'key', 'identity', 'scp', 'rcp'), (p, kind) => {
        const input = readLintInputFromText(JSON.stringify(p, null, 2), 'p.json', kind === undefined ? {} : { kind });
        for (const r of runLint([input])) {
          for (const f of r.findings) {
            expect(CATALOGUE_RULES[f.ruleId]).toBe(f.name);
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.column).toBeGreaterThanOrEqual(1);
            expect(f.message).not.toMatch(/\{\{/);
          }
        }
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });
});
