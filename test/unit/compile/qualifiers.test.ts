// Set qualifiers and multi-valued keys, as the multi-valued keys page describes them:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
// and the KMS examples of https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
import { describe, expect, it } from 'vitest';
import { cond, ctx } from './helpers.js';

describe('ForAllValues', () => {
  const c = cond('ForAllValues:StringEquals', 'aws:TagKeys', ['environment', 'cost-center']);
  it('is true when every request value is listed', () => {
    expect(c.test(ctx({ 'aws:TagKeys': ['environment'] }))).toBe(true);
    expect(c.test(ctx({ 'aws:TagKeys': ['environment', 'cost-center'] }))).toBe(true);
    expect(c.test(ctx({ 'aws:TagKeys': ['environment', 'owner'] }))).toBe(false);
  });
  it('is true when the key is absent or empty', () => {
    expect(c.test(ctx())).toBe(true);
    expect(c.test(ctx({ 'aws:TagKeys': [] }))).toBe(true);
  });
  it('kms:EncryptionContextKeys: ForAllValues passes with no encryption context (CK)', () => {
    const ec = cond('ForAllValues:StringEquals', 'kms:EncryptionContextKeys', ['Department', 'Project']);
    expect(ec.test(ctx())).toBe(true);
    expect(ec.test(ctx({ 'kms:EncryptionContextKeys': ['Department'] }))).toBe(true);
    expect(ec.test(ctx({ 'kms:EncryptionContextKeys': ['department'] }))).toBe(false);
  });
});

describe('ForAnyValue', () => {
  const c = cond('ForAnyValue:StringEquals', 'aws:TagKeys', ['environment', 'cost-center']);
  it('is true when at least one request value is listed', () => {
    expect(c.test(ctx({ 'aws:TagKeys': ['owner', 'environment'] }))).toBe(true);
    expect(c.test(ctx({ 'aws:TagKeys': ['owner'] }))).toBe(false);
  });
  it('is false when the key is absent or empty, unless IfExists', () => {
    expect(c.test(ctx())).toBe(false);
    expect(c.test(ctx({ 'aws:TagKeys': [] }))).toBe(false);
    expect(cond('ForAnyValue:StringEqualsIfExists', 'aws:TagKeys', ['x']).test(ctx())).toBe(true);
  });
  it('works with StringLike on organization paths', () => {
    const p = cond('ForAnyValue:StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*');
    expect(p.test(ctx({ 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'] }))).toBe(true);
  });
});

describe('negated operators with set qualifiers (operators page)', () => {
  it('ForAllValues:StringNotEquals: no request value equals a listed value; true when absent', () => {
    const c = cond('ForAllValues:StringNotEquals', 'aws:TagKeys', ['a', 'b']);
    expect(c.test(ctx({ 'aws:TagKeys': ['c', 'd'] }))).toBe(true);
    expect(c.test(ctx({ 'aws:TagKeys': ['c', 'a'] }))).toBe(false);
    expect(c.test(ctx())).toBe(true);
  });
  it('ForAnyValue:StringNotEquals: some request value equals none of the listed; false when absent', () => {
    const c = cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a', 'b']);
    expect(c.test(ctx({ 'aws:TagKeys': ['a', 'c'] }))).toBe(true);
    expect(c.test(ctx({ 'aws:TagKeys': ['a', 'b'] }))).toBe(false);
    expect(c.test(ctx())).toBe(false);
  });
});

describe('several values and a multi-valued key without qualifier', () => {
  it('several policy values are OR for positive operators, NOR for negated ones', () => {
    const eq = cond('StringEquals', 'kms:ViaService', ['ec2.us-west-2.amazonaws.com', 'rds.us-west-2.amazonaws.com']);
    expect(eq.test(ctx({ 'kms:ViaService': 'rds.us-west-2.amazonaws.com' }))).toBe(true);
    const ne = cond('StringNotEquals', 'kms:ViaService', ['ec2.us-west-2.amazonaws.com', 'rds.us-west-2.amazonaws.com']);
    expect(ne.test(ctx({ 'kms:ViaService': 'rds.us-west-2.amazonaws.com' }))).toBe(false);
    expect(ne.test(ctx({ 'kms:ViaService': 's3.us-west-2.amazonaws.com' }))).toBe(true);
  });
  it('a multi-valued context without qualifier matches when any value matches (negated: none)', () => {
    expect(cond('StringEquals', 'aws:CalledVia', 'athena.amazonaws.com').test(ctx({ 'aws:CalledVia': ['athena.amazonaws.com', 'glue.amazonaws.com'] }))).toBe(true);
    expect(cond('StringNotEquals', 'aws:CalledVia', 'athena.amazonaws.com').test(ctx({ 'aws:CalledVia': ['athena.amazonaws.com', 'glue.amazonaws.com'] }))).toBe(false);
  });
});

describe('encryption context keys (CK)', () => {
  it('kms:EncryptionContext:<key> matches the key name case-insensitively, the value per operator', () => {
    // The evaluator folds context key names; the policy key is folded by the parser.
    const c = cond('StringEquals', 'kms:EncryptionContext:AppName', 'ExampleApp');
    expect(c.test(ctx({ 'kms:encryptioncontext:appname': 'ExampleApp' }))).toBe(true);
    expect(c.test(ctx({ 'kms:EncryptionContext:APPNAME': 'ExampleApp' }))).toBe(true);
    expect(c.test(ctx({ 'kms:EncryptionContext:AppName': 'exampleapp' }))).toBe(false);
  });
});

describe('policy variables in condition values (VAR page)', () => {
  it('resolves single-valued keys and defaults', () => {
    const c = cond('StringEquals', 'aws:ResourceTag/owner', '${aws:username}');
    expect(c.test(ctx({ 'aws:ResourceTag/owner': 'alice', 'aws:username': 'alice' }))).toBe(true);
    const d = cond('StringEquals', 'aws:ResourceTag/team', "${aws:PrincipalTag/team, 'company-wide'}");
    expect(d.test(ctx({ 'aws:ResourceTag/team': 'company-wide' }))).toBe(true);
    expect(d.test(ctx({ 'aws:ResourceTag/team': 'company-wide', 'aws:PrincipalTag/team': 'red' }))).toBe(false);
  });
  it('an unresolved variable is effectively null: Equals/Like fail, negated operators hold', () => {
    expect(cond('StringEquals', 'aws:ResourceTag/owner', '${aws:username}').test(ctx({ 'aws:ResourceTag/owner': '' }))).toBe(false);
    expect(cond('StringLike', 'aws:ResourceTag/owner', '${aws:username}*').test(ctx({ 'aws:ResourceTag/owner': 'x' }))).toBe(false);
    expect(cond('StringNotEquals', 'aws:ResourceTag/owner', '${aws:username}').test(ctx({ 'aws:ResourceTag/owner': 'x' }))).toBe(true);
    // A multi-valued key cannot stand in a variable.
    expect(cond('StringEquals', 'k:k', '${aws:TagKeys}').test(ctx({ 'k:k': 'a', 'aws:TagKeys': ['a'] }))).toBe(false);
  });
  it('substituted text and ${*} are literal, never wildcards', () => {
    const c = cond('StringLike', 'k:k', 'a${*}${aws:username}');
    expect(c.test(ctx({ 'k:k': 'a*b*', 'aws:username': 'b*' }))).toBe(true);
    expect(c.test(ctx({ 'k:k': 'axbx', 'aws:username': 'b*' }))).toBe(false);
  });
  it('is literal text under Version 2008-10-17 (VER page)', () => {
    const c = cond('StringEquals', 'k:k', '${aws:username}', '2008-10-17');
    expect(c.test(ctx({ 'k:k': '${aws:username}', 'aws:username': 'alice' }))).toBe(true);
    expect(c.test(ctx({ 'k:k': 'alice', 'aws:username': 'alice' }))).toBe(false);
  });
  it('works with Bool (spec correction 4)', () => {
    expect(cond('Bool', 'aws:SecureTransport', '${k:flag}').test(ctx({ 'aws:SecureTransport': 'true', 'k:flag': 'TRUE' }))).toBe(true);
  });
});
