// Inline suppressions need a reason (lint-catalogue.md §4.4): the Sid form, CloudFormation
// Metadata, Terraform tags, and statement-scoped filtering.
import { describe, expect, it } from 'vitest';
import { readLintInputFromText } from '../../../src/sources/index.js';
import { applyStatementSuppressions, cfnSuppressions, tagSuppressions } from '../../../src/sources/suppressions.js';
import { policies } from './helpers.js';

describe('suppressions', () => {
  it('reads the Sid form, with its CamelCase reason, scoped to its statement', () => {
    const doc = { Version: '2012-10-17', Statement: [
      { Sid: 'PartnerKmsAuthzIgnoreKMS101KMS102BecausePartnerIsContracted', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      { Sid: 'OtherKmsAuthzIgnoreKMS101', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
    ] };
    const input = readLintInputFromText(JSON.stringify(doc, null, 2), 'p.json');
    expect(policies(input)[0].statementSuppressions).toEqual([
      { ruleId: 'KMS101', reason: 'partner is contracted', statementPointer: '/Statement/0' },
      { ruleId: 'KMS102', reason: 'partner is contracted', statementPointer: '/Statement/0' },
    ]);
    expect(input.notes?.map((n) => [n.code, n.pointer, n.line])).toEqual([['lint/suppression-without-reason', '/Statement/1/Sid', 12]]);
    const findings = [
      { ruleId: 'KMS101', pointer: '/Statement/0/Principal' },
      { ruleId: 'KMS101', pointer: '/Statement/1/Principal' },
      { ruleId: 'KMS103', pointer: '/Statement/0' },
    ];
    const scoped = (policies(input)[0].statementSuppressions ?? []).map((s) => ({ base: '', s }));
    expect(applyStatementSuppressions(findings, scoped)).toEqual({ kept: findings.slice(1), suppressed: 1 });
  });

  it('reads CloudFormation metadata and Terraform tags, reporting entries without a reason', () => {
    const cfn = cfnSuppressions({ 'kms-authz': { suppress: [{ rule: 'KMS507', reason: ' stack is disposable ' }, { rule: 'KMS501', reason: '' }] } }, '/Resources/K');
    expect([...cfn.map]).toEqual([['KMS507', 'stack is disposable']]);
    expect(cfn.missingReason).toEqual([{ ruleId: 'KMS501', pointer: '/Resources/K/Metadata/kms-authz/suppress/1' }]);
    expect(cfnSuppressions({ 'kms-authz': 'KMS101' }, '').invalid).toHaveLength(1);
    const tags = tagSuppressions({ team: 'x', 'kms-authz:suppress:KMS501': 'HMAC key', 'kms-authz:suppress:KMS504': ' ', 'kms-authz:suppress': 'x' }, '/t');
    expect([...tags.map]).toEqual([['KMS501', 'HMAC key']]);
    expect(tags.missingReason.map((m) => m.ruleId)).toEqual(['KMS504']);
    expect(tags.invalid.map((m) => m.pointer)).toEqual(['/t/kms-authz:suppress']);
  });
});
