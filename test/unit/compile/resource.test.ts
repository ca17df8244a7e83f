// Resource wildcards, with the examples of
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// ("Using wildcards in resource ARNs": wildcards stay in their colon-separated segment, except a
// `*` that is the last character of a segment, which can expand beyond the colon boundaries).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/compile/policy.js';
import { matchResourceTokens, ONE, STAR } from '../../../src/compile/template.js';
import type { Token } from '../../../src/compile/template.js';
import { compileResourcePattern } from '../../../src/compile/wildcard.js';
import { parsePolicy } from '../../../src/parse/policy.js';

/** Reference: recursive, with the segment rule spelled out. */
function ref(p: string[], s: string[]): boolean {
  if (p.length === 0) return s.length === 0;
  const [h, ...rest] = p;
  if (h === '*') {
    const crosses = rest.length === 0 || rest[0] === ':';
    return ref(rest, s) || (s.length > 0 && (crosses || s[0] !== ':') && ref(p, s.slice(1)));
  }
  if (s.length === 0) return false;
  return (h === '?' ? s[0] !== ':' : h === s[0]) && ref(rest, s.slice(1));
}

const tokens = (p: string): Token[] => Array.from(p).map((c) => (c === '*' ? STAR : c === '?' ? ONE : c));

describe('Resource patterns', () => {
  it('match the S3 example of the Resource page', () => {
    const m = compileResourcePattern('arn:aws:s3:::amzn-s3-demo-bucket/*/test/*');
    for (const o of ['1/test/object.jpg', '1/2/test/object.jpg', '1/2/test/3/object.jpg', '1/2/3/test/4/object.jpg', '1///test///object.jpg', '1/test/.jpg', '/test/object.jpg', '1/test/']) {
      expect(m(`arn:aws:s3:::amzn-s3-demo-bucket/${o}`), o).toBe(true);
    }
    for (const o of ['1-test/object.jpg', 'test/object.jpg', '1/2/test.jpg']) expect(m(`arn:aws:s3:::amzn-s3-demo-bucket/${o}`), o).toBe(false);
  });

  it('keep inner wildcards within a segment and let a segment-ending * cross colons', () => {
    const key = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd';
    expect(compileResourcePattern('arn:aws:kms:*:111122223333:key/*')(key)).toBe(true);
    expect(compileResourcePattern('arn:aws:kms:*')(key)).toBe(true);
    expect(compileResourcePattern('arn:aws:kms:us-*')(key)).toBe(true);
    expect(compileResourcePattern('arn:aws:kms:us-*-2:*:key/*')(key)).toBe(true);
    expect(compileResourcePattern('arn:aws:kms:u*2:111122223333:key/*')(key)).toBe(true);
    // An inner `*` cannot swallow the colon between region and account.
    expect(compileResourcePattern('arn:aws:kms:us*3:key/*')(key)).toBe(false);
    expect(compileResourcePattern('arn:aws:kms:us-west-?:111122223333:key/1234abcd')(key)).toBe(true);
    expect(compileResourcePattern('*')('anything')).toBe(true);
    expect(compileResourcePattern(key)(key)).toBe(true);
  });

  it('compiled and token matchers agree with the reference', () => {
    const ch = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    const sub = fc.constantFrom('a', 'b', ':', '/');
    fc.assert(fc.property(fc.array(ch, { maxLength: 10 }), fc.array(sub, { maxLength: 12 }), (p, s) => {
      const pattern = p.join('');
      const subject = s.join('');
      const want = ref(p, s);
      if (pattern !== '*') expect(compileResourcePattern(pattern)(subject)).toBe(want);
      expect(matchResourceTokens(tokens(pattern), subject)).toBe(want);
    }), { numRuns: 3000 });
  });

  it('apply in statements, with variables resolved as literal text', () => {
    const p = compilePolicy(parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:111122223333:key/${aws:PrincipalTag/key}*' } }, { kind: 'identity', id: 'p' }).policy);
    const s = p.statements[0];
    const ctx = (v: string) => new Map([['aws:principaltag/key', v]]);
    expect(s.matchesResource('arn:aws:kms:us-east-1:111122223333:key/abc-1', ctx('abc'))).toBe(true);
    expect(s.matchesResource('arn:aws:kms:us-east-1:111122223333:key/xbc-1', ctx('abc'))).toBe(false);
    expect(s.matchesResource('arn:aws:kms:us-east-1:111122223333:key/a?c', ctx('a?c'))).toBe(true);
    expect(s.matchesResource('arn:aws:kms:us-east-1:111122223333:key/abc', ctx('a?c'))).toBe(false);
  });

  it('reports a wildcard in the service segment', () => {
    const r = parsePolicy({ Statement: { Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:km*:*:*:key/*' } }, { kind: 'identity', id: 'p' });
    expect(r.diagnostics.map((d) => d.messageId)).toEqual(['wildcardInService']);
  });
});
