// Condition block parsing: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
// Operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// Variables: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
import { describe, expect, it } from 'vitest';
import { splitOperator } from '../../../src/parse/condition.js';
import { parsePolicy } from '../../../src/parse/policy.js';
import { parseTemplate } from '../../../src/parse/template.js';

function clauses(condition: unknown, version = '2012-10-17') {
  const r = parsePolicy({ Version: version, Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: condition }] }, { kind: 'identity', id: 'i' });
  return { clauses: r.policy.statements[0].conditions, diagnostics: r.diagnostics.map((d) => [d.code, d.messageId, d.pointer]) };
}

describe('condition operators', () => {
  it('splits qualifier, base operator and IfExists', () => {
    expect(splitOperator('ForAnyValue:StringLikeIfExists')).toEqual({ set: 'ForAnyValue', operator: 'StringLike', ifExists: true, known: true });
    expect(splitOperator('ForAllValues:StringEquals')).toEqual({ set: 'ForAllValues', operator: 'StringEquals', ifExists: false, known: true });
    expect(splitOperator('Null')).toEqual({ set: null, operator: 'Null', ifExists: false, known: true });
    expect(splitOperator('StringEqual')).toMatchObject({ known: false });
  });

  it('builds one clause per operator × key, keys folded, values stringified', () => {
    const { clauses: cs, diagnostics } = clauses({
      StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': ['ec2.us-west-2.amazonaws.com', 'rds.us-west-2.amazonaws.com'] },
      Bool: { 'kms:GrantIsForAWSResource': true },
      NumericLessThanEquals: { 'kms:TrailingDaysWithoutKeyUsage': 90 },
    });
    expect(diagnostics).toEqual([]);
    expect(cs.map((c) => [c.operator, c.key, c.keyAsWritten, c.values.map((v) => v.raw), c.pointer])).toEqual([
      ['StringEquals', 'kms:calleraccount', 'kms:CallerAccount', ['111122223333'], '/Statement/0/Condition/StringEquals/kms:CallerAccount'],
      ['StringEquals', 'kms:viaservice', 'kms:ViaService', ['ec2.us-west-2.amazonaws.com', 'rds.us-west-2.amazonaws.com'], '/Statement/0/Condition/StringEquals/kms:ViaService'],
      ['Bool', 'kms:grantisforawsresource', 'kms:GrantIsForAWSResource', ['true'], '/Statement/0/Condition/Bool/kms:GrantIsForAWSResource'],
      ['NumericLessThanEquals', 'kms:trailingdayswithoutkeyusage', 'kms:TrailingDaysWithoutKeyUsage', ['90'], '/Statement/0/Condition/NumericLessThanEquals/kms:TrailingDaysWithoutKeyUsage'],
    ]);
  });

  it('reports unknown and miscased operators, Null with IfExists, bad values', () => {
    expect(clauses({ StringEqual: { a: 'b' } }).diagnostics).toEqual([['parse/unknown-operator', 'unknownOperator', '/Statement/0/Condition/StringEqual']]);
    const miscased = clauses({ stringlike: { a: 'b' } });
    expect(miscased.diagnostics).toEqual([['parse/unknown-operator', 'wrongCase', '/Statement/0/Condition/stringlike']]);
    expect(miscased.clauses[0].operator).toBe('StringLike');
    expect(clauses({ NullIfExists: { a: 'true' } }).diagnostics).toEqual([['parse/unknown-operator', 'nullIfExists', '/Statement/0/Condition/NullIfExists']]);
    expect(clauses({ StringEquals: { a: null } }).diagnostics).toEqual([['parse/invalid-type', 'invalidConditionValue', '/Statement/0/Condition/StringEquals/a']]);
    expect(clauses({ StringEquals: 'x' }).diagnostics).toEqual([['parse/invalid-type', 'invalidConditionBlock', '/Statement/0/Condition/StringEquals']]);
    expect(clauses({ StringEquals: { 'kms: CallerAccount': 'x' } }).diagnostics).toEqual([['parse/invalid-condition-key', 'whitespace', '/Statement/0/Condition/StringEquals/kms: CallerAccount']]);
  });
});

describe('policy variables', () => {
  it('parses variables, defaults and escapes (VAR page)', () => {
    expect(parseTemplate('arn:aws:s3:::bucket/${aws:username}/*').template).toEqual([
      { kind: 'text', text: 'arn:aws:s3:::bucket/' }, { kind: 'var', key: 'aws:username' }, { kind: 'text', text: '/*' },
    ]);
    expect(parseTemplate("${aws:PrincipalTag/team, 'company-wide'}").template).toEqual([{ kind: 'var', key: 'aws:principaltag/team', fallback: 'company-wide' }]);
    expect(parseTemplate('a${*}b${?}c${$}').template).toEqual([
      { kind: 'text', text: 'a' }, { kind: 'text', text: '*', literal: true }, { kind: 'text', text: 'b' },
      { kind: 'text', text: '?', literal: true }, { kind: 'text', text: 'c' }, { kind: 'text', text: '$', literal: true },
    ]);
    expect(parseTemplate('plain*').template).toBeUndefined();
    expect(parseTemplate('${aws:username').problems).toEqual(['missing-brace']);
    expect(parseTemplate('${}').problems).toEqual(['empty-variable']);
    expect(parseTemplate('${a, b}').problems).toEqual(['missing-quote']);
  });

  it('honours variables only under Version 2012-10-17 and only where allowed', () => {
    const v = clauses({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/${aws:username}' } });
    expect(v.clauses[0].values[0].template).toBeDefined();
    expect(clauses({ StringLike: { 'aws:PrincipalArn': '${aws:username}' } }, '2008-10-17').clauses[0].values[0].template).toBeUndefined();
    // Numeric, Date, IP and Binary operators take no variables.
    expect(clauses({ NumericEquals: { 'a:b': '${aws:username}' } }).clauses[0].values[0].template).toBeUndefined();
    const r = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:${x}', Resource: 'arn:aws:kms:*:*:key/${aws:username}' } }, { kind: 'identity', id: 'i' });
    expect(r.policy.statements[0].actions!.values[0].template).toBeUndefined();
    expect(r.policy.statements[0].resources!.values[0].template).toBeDefined();
    const prefix = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:${aws:RequestedRegion}:1:key/*' } }, { kind: 'identity', id: 'i' });
    expect(prefix.diagnostics.map((d) => [d.code, d.messageId, d.severity])).toEqual([['parse/invalid-variable', 'variableOutsideResourcePart', 'warning']]);
    const bad = clauses({ StringEquals: { a: '${aws:username' } });
    expect(bad.diagnostics).toEqual([['parse/invalid-variable', 'missing-brace', '/Statement/0/Condition/StringEquals/a']]);
  });
});

describe('typed condition values (operators page: numeric, date, IP, binary, Bool, Null)', () => {
  it('reports values the operator can never match', () => {
    expect(clauses({ NumericLessThan: { 'kms:RotationPeriodInDays': ['90', 'ninety'] } }).diagnostics).toEqual([
      ['parse/invalid-condition-value', 'notNumber', '/Statement/0/Condition/NumericLessThan/kms:RotationPeriodInDays/1'],
    ]);
    expect(clauses({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }).diagnostics.map((d) => d[1])).toEqual(['notDate']);
    expect(clauses({ IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }).diagnostics.map((d) => d[1])).toEqual(['notCidr']);
    expect(clauses({ BinaryEquals: { k: 'not base64!' } }).diagnostics.map((d) => d[1])).toEqual(['notBase64']);
    expect(clauses({ Bool: { 'aws:SecureTransport': 'yes' } }).diagnostics.map((d) => d[1])).toEqual(['notBool']);
    expect(clauses({ Null: { 'aws:TokenIssueTime': 'maybe' } }).diagnostics.map((d) => d[1])).toEqual(['notBool']);
    expect(clauses({ Bool: { 'aws:SecureTransport': '${aws:x}' }, NumericEquals: { n: 3 }, DateEquals: { d: 1700000000 }, IpAddress: { i: '2001:DB8::/32' } }).diagnostics).toEqual([]);
  });
});
