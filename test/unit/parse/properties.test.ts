// Laws of the parser (fast-check):
// 1. parsePolicy never throws, whatever JSON value or string it is given;
// 2. normalizing is idempotent: serialize(parse(serialize(parse(x)))) = serialize(parse(x)),
//    and the second parse reports no new problems when the first reported none.
// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGrant } from '../../../src/parse/grant.js';
import { parsePolicy } from '../../../src/parse/policy.js';
import { toPolicyDocument } from '../../../src/parse/serialize.js';

const kinds = fc.constantFrom('key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce', 'trust') as fc.Arbitrary<'key'>;

const str = fc.oneof(fc.constantFrom('*', 'kms:Decrypt', 'kms:*', 'arn:aws:kms:*:111122223333:key/*', '111122223333', '${aws:username}', "${aws:PrincipalTag/t, 'd'}", 'a${*}b', ''), fc.string({ maxLength: 8 }));
const strOrList = fc.oneof(str, fc.array(str, { maxLength: 3 }));
const scalar = fc.oneof(str, fc.boolean(), fc.integer());
const operator = fc.constantFrom('StringEquals', 'StringLike', 'ForAnyValue:StringLike', 'ForAllValues:StringNotEquals', 'ArnLikeIfExists', 'NumericLessThan', 'Bool', 'Null', 'IpAddress', 'DateGreaterThan', 'BinaryEquals', 'Bogus');
const condition = fc.dictionary(operator, fc.dictionary(fc.constantFrom('kms:CallerAccount', 'aws:PrincipalArn', 'kms:EncryptionContext:App', 'aws:TagKeys'), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }))));
const principal = fc.oneof(fc.constant('*'), fc.record({ AWS: strOrList }, { requiredKeys: [] }), fc.record({ Service: strOrList, Federated: strOrList }, { requiredKeys: [] }));
const statementArb = fc.record({
  Sid: fc.constantFrom('A', 'B', 'Enable IAM policies'),
  Effect: fc.constantFrom('Allow', 'Deny', 'allow'),
  Principal: principal,
  NotPrincipal: principal,
  Action: strOrList,
  NotAction: strOrList,
  Resource: strOrList,
  Condition: condition,
}, { requiredKeys: ['Effect'] });
const policyArb = fc.record({
  Version: fc.constantFrom('2012-10-17', '2008-10-17'),
  Id: fc.string({ maxLength: 5 }),
  Statement: fc.oneof(statementArb, fc.array(statementArb, { maxLength: 4 })),
}, { requiredKeys: [] });

describe('parsePolicy laws', () => {
  it('never throws on arbitrary JSON values and strings', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json(), policyArb, fc.anything()), kinds, (input, kind) => {
      const r = parsePolicy(input, { kind, id: 'p', file: 'f.json' });
      expect(Array.isArray(r.policy.statements)).toBe(true);
      for (const d of r.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
      parseGrant(input, { keyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' });
    }), { numRuns: 1500 });
  });

  it('never throws on JSON-looking strings', () => {
    fc.assert(fc.property(fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))), (text) => {
      parsePolicy(text, { kind: 'key', id: 'p' });
    }), { numRuns: 500 });
  });

  it('is idempotent through the canonical document', () => {
    fc.assert(fc.property(policyArb, kinds, (input, kind) => {
      const once = parsePolicy(input, { kind, id: 'p' });
      const doc1 = toPolicyDocument(once.policy);
      const twice = parsePolicy(doc1, { kind, id: 'p' });
      expect(toPolicyDocument(twice.policy)).toEqual(doc1);
      if (once.diagnostics.length === 0) expect(twice.diagnostics).toEqual([]);
      // The compiled-relevant content is the same: keys, operators, values.
      const sig = (r: typeof once) => r.policy.statements.map((s) => [s.effect, s.conditions.map((c) => [c.set, c.operator, c.ifExists, c.key, c.values.map((v) => [v.raw, v.template])])]);
      expect(sig(twice)).toEqual(sig(once));
    }), { numRuns: 1000 });
  });
});
