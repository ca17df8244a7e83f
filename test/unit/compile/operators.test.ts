// Every condition operator against the examples of the IAM condition operators page:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
import { describe, expect, it } from 'vitest';
import { cond, ctx } from './helpers.js';

describe('string operators (#Conditions_String)', () => {
  it('StringEquals is exact and case-sensitive', () => {
    const c = cond('StringEquals', 'aws:PrincipalTag/job-category', 'iamuser-admin');
    expect(c.test(ctx({ 'aws:PrincipalTag/job-category': 'iamuser-admin' }))).toBe(true);
    expect(c.test(ctx({ 'aws:PrincipalTag/job-category': 'IAMUSER-ADMIN' }))).toBe(false);
    expect(c.test(ctx())).toBe(false);
  });

  it('StringNotEquals is true when the value matches none, and when the key is absent', () => {
    const c = cond('StringNotEquals', 'aws:PrincipalTag/job-category', ['a', 'b']);
    expect(c.test(ctx({ 'aws:PrincipalTag/job-category': 'c' }))).toBe(true);
    expect(c.test(ctx({ 'aws:PrincipalTag/job-category': 'b' }))).toBe(false);
    expect(c.test(ctx())).toBe(true);
  });

  it('StringEqualsIgnoreCase / StringNotEqualsIgnoreCase ignore case', () => {
    expect(cond('StringEqualsIgnoreCase', 'aws:PrincipalTag/name', 'Alice').test(ctx({ 'aws:PrincipalTag/name': 'aLICE' }))).toBe(true);
    expect(cond('StringNotEqualsIgnoreCase', 'aws:PrincipalTag/name', 'Alice').test(ctx({ 'aws:PrincipalTag/name': 'ALICE' }))).toBe(false);
  });

  it('StringLike takes * and ? anywhere, case-sensitive; StringNotLike negates', () => {
    const c = cond('StringLike', 's3:prefix', ['', 'home/', 'home/${aws:username}/']);
    expect(c.test(ctx({ 's3:prefix': 'home/', 'aws:username': 'alice' }))).toBe(true);
    expect(c.test(ctx({ 's3:prefix': 'home/alice/', 'aws:username': 'alice' }))).toBe(true);
    expect(c.test(ctx({ 's3:prefix': 'home/bob/', 'aws:username': 'alice' }))).toBe(false);
    const w = cond('StringLike', 'kms:ViaService', 'ec2.*.amazonaws.com');
    expect(w.test(ctx({ 'kms:ViaService': 'ec2.us-west-2.amazonaws.com' }))).toBe(true);
    expect(w.test(ctx({ 'kms:ViaService': 'EC2.us-west-2.amazonaws.com' }))).toBe(false);
    expect(cond('StringLike', 'k:k', 'a?c').test(ctx({ 'k:k': 'abc' }))).toBe(true);
    expect(cond('StringLike', 'k:k', 'a?c').test(ctx({ 'k:k': 'ac' }))).toBe(false);
    expect(cond('StringNotLike', 'k:k', ['a*', 'b*']).test(ctx({ 'k:k': 'cat' }))).toBe(true);
    expect(cond('StringNotLike', 'k:k', ['a*', 'b*']).test(ctx({ 'k:k': 'bat' }))).toBe(false);
  });

  it('uses a set lookup for many literal values without changing results', () => {
    const c = cond('StringEquals', 'k:k', ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(c.test(ctx({ 'k:k': 'e' }))).toBe(true);
    expect(c.test(ctx({ 'k:k': 'g' }))).toBe(false);
  });
});

describe('numeric operators (#Conditions_Numeric)', () => {
  it('compares the request value with the policy value', () => {
    const le = cond('NumericLessThanEquals', 's3:max-keys', '10');
    expect(le.test(ctx({ 's3:max-keys': '10' }))).toBe(true);
    expect(le.test(ctx({ 's3:max-keys': '11' }))).toBe(false);
    expect(le.test(ctx({ 's3:max-keys': '9.5' }))).toBe(true);
    expect(cond('NumericEquals', 'k:n', 90).test(ctx({ 'k:n': '90.0' }))).toBe(true);
    expect(cond('NumericNotEquals', 'k:n', 90).test(ctx({ 'k:n': '91' }))).toBe(true);
    expect(cond('NumericLessThan', 'k:n', 90).test(ctx({ 'k:n': '90' }))).toBe(false);
    expect(cond('NumericGreaterThan', 'k:n', 90).test(ctx({ 'k:n': '91' }))).toBe(true);
    expect(cond('NumericGreaterThanEquals', 'k:n', 90).test(ctx({ 'k:n': '90' }))).toBe(true);
  });

  it('never matches values that are not numbers', () => {
    expect(cond('NumericEquals', 'k:n', 'ten').test(ctx({ 'k:n': 'ten' }))).toBe(false);
    expect(cond('NumericEquals', 'k:n', '10').test(ctx({ 'k:n': '0xA' }))).toBe(false);
  });

  it('applies kms:TrailingDaysWithoutKeyUsage as the conditions-kms page example', () => {
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html: deny when used in the last 90 days.
    const c = cond('NumericLessThanEquals', 'kms:TrailingDaysWithoutKeyUsage', '90');
    expect(c.test(ctx({ 'kms:TrailingDaysWithoutKeyUsage': '30' }))).toBe(true);
    expect(c.test(ctx({ 'kms:TrailingDaysWithoutKeyUsage': '120' }))).toBe(false);
  });
});

describe('date operators (#Conditions_Date)', () => {
  it('compares ISO 8601 dates and epoch seconds', () => {
    const c = cond('DateGreaterThan', 'aws:TokenIssueTime', '2020-01-01T00:00:01Z');
    expect(c.test(ctx({ 'aws:TokenIssueTime': '2020-01-01T00:00:02Z' }))).toBe(true);
    expect(c.test(ctx({ 'aws:TokenIssueTime': '2019-12-31T23:59:59Z' }))).toBe(false);
    expect(c.test(ctx({ 'aws:TokenIssueTime': '1577836802' }))).toBe(true);
    expect(cond('DateLessThan', 'aws:CurrentTime', '2030-01-01').test(ctx({ 'aws:CurrentTime': '2029-12-31T23:59:59Z' }))).toBe(true);
    expect(cond('DateEquals', 'aws:CurrentTime', '2030-01-01T00:00:00Z').test(ctx({ 'aws:CurrentTime': '2030-01-01' }))).toBe(true);
    expect(cond('DateNotEquals', 'aws:CurrentTime', '2030-01-01').test(ctx({ 'aws:CurrentTime': '2030-01-02' }))).toBe(true);
    expect(cond('DateLessThanEquals', 'aws:CurrentTime', '2030-01-01T00:00:00+01:00').test(ctx({ 'aws:CurrentTime': '2029-12-31T23:00:00Z' }))).toBe(true);
    expect(cond('DateGreaterThanEquals', 'aws:CurrentTime', '2030-01-01').test(ctx({ 'aws:CurrentTime': 'soon' }))).toBe(false);
  });
});

describe('Bool (#Conditions_Boolean)', () => {
  it('matches true/false written as strings or JSON booleans', () => {
    expect(cond('Bool', 'aws:SecureTransport', 'true').test(ctx({ 'aws:SecureTransport': 'true' }))).toBe(true);
    expect(cond('Bool', 'aws:SecureTransport', 'true').test(ctx({ 'aws:SecureTransport': 'false' }))).toBe(false);
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
    expect(cond('Bool', 'kms:GrantIsForAWSResource', true).test(ctx({ 'kms:GrantIsForAWSResource': 'true' }))).toBe(true);
    expect(cond('Bool', 'kms:GrantIsForAWSResource', true).test(ctx())).toBe(false);
  });
});

describe('BinaryEquals (#Conditions_BinaryEquals)', () => {
  it('compares bytes of base-64 values', () => {
    const c = cond('BinaryEquals', 'key', 'QmluYXJ5VmFsdWVJbkJhc2U2NA==');
    expect(c.test(ctx({ key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }))).toBe(true);
    expect(c.test(ctx({ key: 'QmluYXJ5VmFsdWVJbkJhc2U2NQ==' }))).toBe(false);
    expect(c.test(ctx({ key: 'not base64!' }))).toBe(false);
  });
});

describe('IP address operators (#Conditions_IPAddress)', () => {
  it('matches IPv4 CIDR ranges and bare addresses', () => {
    const c = cond('IpAddress', 'aws:SourceIp', '203.0.113.0/24');
    expect(c.test(ctx({ 'aws:SourceIp': '203.0.113.7' }))).toBe(true);
    expect(c.test(ctx({ 'aws:SourceIp': '203.0.114.7' }))).toBe(false);
    expect(cond('IpAddress', 'aws:SourceIp', '203.0.113.5').test(ctx({ 'aws:SourceIp': '203.0.113.5' }))).toBe(true);
    expect(cond('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24').test(ctx({ 'aws:SourceIp': '198.51.100.1' }))).toBe(true);
  });

  it('matches IPv6 ranges, and never across families', () => {
    const c = cond('IpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:DB8:1234:5678::/64']);
    expect(c.test(ctx({ 'aws:SourceIp': '2001:db8:1234:5678::1' }))).toBe(true);
    expect(c.test(ctx({ 'aws:SourceIp': '2001:db8:1234:5679::1' }))).toBe(false);
    expect(cond('IpAddress', 'aws:SourceIp', '::/0').test(ctx({ 'aws:SourceIp': '10.0.0.1' }))).toBe(false);
    expect(cond('IpAddress', 'aws:SourceIp', '::ffff:0:0/96').test(ctx({ 'aws:SourceIp': '::ffff:10.0.0.1' }))).toBe(true);
    expect(cond('IpAddress', 'aws:SourceIp', '10.0.0.0/33').test(ctx({ 'aws:SourceIp': '10.0.0.1' }))).toBe(false);
  });
});

describe('ARN operators (#Conditions_ARN)', () => {
  it('ArnEquals and ArnLike match component by component', () => {
    const arn = 'arn:aws:sns:us-west-2:123456789012:my-topic';
    for (const op of ['ArnEquals', 'ArnLike']) {
      expect(cond(op, 'aws:SourceArn', 'arn:aws:sns:*:123456789012:*').test(ctx({ 'aws:SourceArn': arn }))).toBe(true);
      expect(cond(op, 'aws:SourceArn', 'arn:aws:sns:*:111122223333:*').test(ctx({ 'aws:SourceArn': arn }))).toBe(false);
    }
    // `*` in the region component does not cross into the account component.
    expect(cond('ArnLike', 'aws:SourceArn', 'arn:aws:sns:*:my-topic').test(ctx({ 'aws:SourceArn': arn }))).toBe(false);
    // Inside the resource component `*` may match `:` (spec correction 6).
    expect(cond('ArnLike', 'aws:SourceArn', 'arn:aws:logs:*:*:log-group:*').test(ctx({ 'aws:SourceArn': 'arn:aws:logs:us-east-1:1:log-group:g:log-stream:s' }))).toBe(true);
    expect(cond('ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/Admin').test(ctx({ 'aws:PrincipalArn': 'arn:aws:iam::1:role/Dev' }))).toBe(true);
    expect(cond('ArnNotEquals', 'aws:PrincipalArn', 'arn:aws:iam::1:role/Dev').test(ctx({ 'aws:PrincipalArn': 'arn:aws:iam::1:role/Dev' }))).toBe(false);
    expect(cond('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::1:role/dev').test(ctx({ 'aws:PrincipalArn': 'arn:aws:iam::1:role/Dev' }))).toBe(false);
    expect(cond('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::1:role/Dev').test(ctx({ 'aws:PrincipalArn': 'not-an-arn' }))).toBe(false);
  });

  it('resolves variables inside ARN patterns (VAR page)', () => {
    const c = cond('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:user/${aws:username}');
    expect(c.test(ctx({ 'aws:PrincipalArn': 'arn:aws:iam::1:user/alice', 'aws:username': 'alice' }))).toBe(true);
    expect(c.test(ctx({ 'aws:PrincipalArn': 'arn:aws:iam::1:user/alice', 'aws:username': 'bob' }))).toBe(false);
    expect(c.test(ctx({ 'aws:PrincipalArn': 'arn:aws:iam::1:user/alice' }))).toBe(false);
  });
});

describe('Null (#Conditions_Null)', () => {
  it('true ⇔ the key is absent; false ⇔ present', () => {
    expect(cond('Null', 'aws:TokenIssueTime', 'true').test(ctx())).toBe(true);
    expect(cond('Null', 'aws:TokenIssueTime', 'true').test(ctx({ 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }))).toBe(false);
    expect(cond('Null', 'aws:TokenIssueTime', false).test(ctx({ 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }))).toBe(true);
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys
    expect(cond('Null', 'kms:EncryptionContextKeys', 'false').test(ctx({ 'kms:EncryptionContextKeys': [] }))).toBe(false);
  });
});

describe('…IfExists (#Conditions_IfExists)', () => {
  it('is true when the key is absent and evaluates normally otherwise', () => {
    const c = cond('StringLikeIfExists', 'ec2:InstanceType', ['t1.*', 't2.*', 'm3.*']);
    expect(c.test(ctx())).toBe(true);
    expect(c.test(ctx({ 'ec2:InstanceType': 't2.micro' }))).toBe(true);
    expect(c.test(ctx({ 'ec2:InstanceType': 'c5.large' }))).toBe(false);
    // A Deny with StringNotEqualsIfExists still denies when the key is missing (CO page).
    expect(cond('StringNotEqualsIfExists', 'aws:ResourceTag/team', 'red').test(ctx())).toBe(true);
  });
});

describe('missing keys and unknown operators', () => {
  it('positive operators are false and negated ones true when the key is absent (CO page)', () => {
    expect(cond('ArnLike', 'aws:SourceArn', '*').test(ctx())).toBe(false);
    expect(cond('ArnNotLike', 'aws:SourceArn', 'x').test(ctx())).toBe(true);
    expect(cond('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8').test(ctx())).toBe(true);
    expect(cond('NumericNotEquals', 'k:n', '1').test(ctx())).toBe(true);
  });

  it('a clause with an unknown operator never holds', () => {
    expect(cond('StringEqual', 'k:k', 'a').test(ctx({ 'k:k': 'a' }))).toBe(false);
  });
});
