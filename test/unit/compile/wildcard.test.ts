// IAM wildcards: `*` any run (also empty), `?` one character, both crossing `/` and `:`.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
// ArnLike: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchTokens, ONE, STAR } from '../../../src/compile/template.js';
import type { Token } from '../../../src/compile/template.js';
import { compileArnPattern, compileWildcard, splitArn } from '../../../src/compile/wildcard.js';

/** A plain recursive backtracking matcher: the reference the compiled matchers must agree with. */
function reference(p: string[], s: string[]): boolean {
  if (p.length === 0) return s.length === 0;
  const [h, ...rest] = p;
  if (h === '*') return reference(rest, s) || (s.length > 0 && reference(p, s.slice(1)));
  if (s.length === 0) return false;
  return (h === '?' || h === s[0]) && reference(rest, s.slice(1));
}
const ref = (pattern: string, s: string): boolean => reference(Array.from(pattern), Array.from(s));

describe('compileWildcard', () => {
  it('matches the AWS action and resource examples', () => {
    expect(compileWildcard('kms:Generate*')('kms:GenerateDataKeyPair')).toBe(true);
    expect(compileWildcard('kms:Generate*')('kms:Decrypt')).toBe(false);
    expect(compileWildcard('*')('anything at all')).toBe(true);
    expect(compileWildcard('arn:aws:kms:*:111122223333:key/*')('arn:aws:kms:us-west-2:111122223333:key/1234abcd')).toBe(true);
    expect(compileWildcard('arn:aws:kms:*:111122223333:key/*')('arn:aws:kms:us-west-2:444455556666:key/1234abcd')).toBe(false);
    // `*` crosses `/` and `:` (unlike path globs).
    expect(compileWildcard('arn:aws:kms:*')('arn:aws:kms:us-east-1:1:alias/aws/ebs')).toBe(true);
    expect(compileWildcard('kms:?ecrypt')('kms:Decrypt')).toBe(true);
    expect(compileWildcard('kms:?ecrypt')('kms:ecrypt')).toBe(false);
    expect(compileWildcard('a.b(c)[d]+$^|\\')('a.b(c)[d]+$^|\\')).toBe(true);
    expect(compileWildcard('a.b')('axb')).toBe(false);
    expect(compileWildcard('a*b*')('a\nb')).toBe(true);
  });

  it('ignores case on request, as action names need', () => {
    expect(compileWildcard('kms:decrypt', { ignoreCase: true })('KMS:Decrypt')).toBe(true);
    expect(compileWildcard('kms:gen*', { ignoreCase: true })('KMS:GenerateMac')).toBe(true);
    expect(compileWildcard('k?s:*crypt', { ignoreCase: true })('KMS:DECRYPT')).toBe(true);
    expect(compileWildcard('kms:decrypt')('kms:Decrypt')).toBe(false);
  });

  it('agrees with a backtracking reference on random patterns and strings', () => {
    const alpha = fc.constantFrom('a', 'b', 'B', ':', '/', '.', '*', '?', 'é', '😀');
    const str = fc.array(alpha, { maxLength: 12 }).map((a) => a.join(''));
    const subject = fc.array(fc.constantFrom('a', 'b', ':', '/', '.', '*', '?', 'é', '😀'), { maxLength: 14 }).map((a) => a.join(''));
    fc.assert(fc.property(str, subject, (p, s) => {
      expect(compileWildcard(p)(s)).toBe(ref(p, s));
      expect(matchTokens(toTokens(p), s)).toBe(ref(p, s));
      expect(compileWildcard(p, { ignoreCase: true })(s.toUpperCase())).toBe(ref(p.toLowerCase(), s.toLowerCase()));
    }), { numRuns: 3000 });
  });
});

function toTokens(p: string): Token[] {
  return Array.from(p).map((c) => (c === '*' ? STAR : c === '?' ? ONE : c));
}

describe('compileArnPattern', () => {
  it('splits both sides on the first five colons', () => {
    expect(splitArn('arn:aws:logs:us-east-1:1:log-group:g:x')).toEqual(['arn', 'aws', 'logs', 'us-east-1', '1', 'log-group:g:x']);
    expect(splitArn('arn:aws:iam::1')).toBeUndefined();
    const m = compileArnPattern('arn:aws:iam::*:role/*');
    expect(m('arn:aws:iam::111122223333:role/Admin')).toBe(true);
    expect(m('arn:aws:sts::111122223333:assumed-role/Admin/s')).toBe(false);
    expect(compileArnPattern('arn:aws:iam::*')('arn:aws:iam::1:role/x')).toBe(false);
    expect(compileArnPattern('*')('whatever')).toBe(true);
    expect(compileArnPattern('arn:*:iam::1:root')('arn:aws-us-gov:iam::1:root')).toBe(true);
  });

  it('matches when and only when every component matches its own pattern', () => {
    const comp = fc.array(fc.constantFrom('a', 'b', '*', '?', '/'), { maxLength: 4 }).map((a) => a.join(''));
    const val = fc.array(fc.constantFrom('a', 'b', '/'), { maxLength: 5 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.array(comp, { minLength: 6, maxLength: 6 }), fc.array(val, { minLength: 6, maxLength: 6 }), (ps, vs) => {
      const expected = ps.every((p, i) => ref(p, vs[i]));
      expect(compileArnPattern(ps.join(':'))(vs.join(':'))).toBe(expected);
    }), { numRuns: 1000 });
  });
});
