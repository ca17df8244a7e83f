// The RuleTester itself must fail when a case is wrong: a tester that cannot fail tests nothing.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../rules/index.js';
import { defineRule } from '../../../src/lint/define-rule.js';
import { RuleCaseError, checkInvalidCase, checkValidCase } from '../../../src/lint/rule-tester.js';

const kms101 = RULES.KMS101;
const open = { Version: '2012-10-17', Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] };

describe('RuleTester', () => {
  it('passes a correct invalid case', () => {
    expect(() => { checkInvalidCase(kms101, { policy: open, errors: [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal', line: 7, column: 20 }] }, 0); }).not.toThrow();
  });
  it('fails a valid case that produces a finding', () => {
    expect(() => { checkValidCase(kms101, { policy: open }, 0); }).toThrow(RuleCaseError);
  });
  it('fails on a wrong pointer, messageId, line, column or count', () => {
    const wrong = [
      [{ messageId: 'publicPrincipal', pointer: '/Statement/0' }],
      [{ messageId: 'other', pointer: '/Statement/0/Principal' }],
      [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal', line: 5 }],
      [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal', column: 1 }],
      [{ messageId: 'publicPrincipal', pointer: '/Statement/0/Principal' }, { messageId: 'publicPrincipal', pointer: '/Statement/0/Principal' }],
    ];
    for (const errors of wrong) expect(() => { checkInvalidCase(kms101, { policy: open, errors }, 0); }).toThrow(RuleCaseError);
  });
  it('fails an invalid case with no errors listed', () => {
    expect(() => { checkInvalidCase(kms101, { policy: open, errors: [] }, 0); }).toThrow(/at least one error/);
  });
  it('fails when a fix is not matched by an output, or the output differs', () => {
    const kms003 = RULES.KMS003;
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws: SecureTransport': 'true' } } }] };
    const pointer = '/Statement/0/Condition/Bool/aws: SecureTransport';
    expect(() => { checkInvalidCase(kms003, { policy, errors: [{ messageId: 'conditionKeyWhitespace', pointer }] }, 0); }).toThrow(/must give its output/);
    expect(() => { checkInvalidCase(kms003, { policy, errors: [{ messageId: 'conditionKeyWhitespace', pointer, output: policy }] }, 0); }).toThrow(/output differs/);
  });
  it('fails a rule that mutates its target or reports an undeclared message', () => {
    const mutating = defineRule({
      id: 'KMS999', name: 'mutating',
      meta: { type: 'problem', severity: 'error', scope: ['key'], docs: { description: '', rationale: '', awsDocUrl: '' }, existingTools: {}, messages: { m: 'm' } },
      check(ctx) { (ctx.target as { pointer: string }).pointer = '/x'; },
      cases: { valid: [], invalid: [] },
    });
    expect(() => { checkValidCase(mutating, { policy: open }, 0); }).toThrow(/KMS999 failed/);
    const undeclared = defineRule({
      id: 'KMS998', name: 'undeclared',
      meta: { type: 'problem', severity: 'error', scope: ['key'], docs: { description: '', rationale: '', awsDocUrl: '' }, existingTools: {}, messages: { m: 'm {{x}}' } },
      check(ctx) { ctx.report({ messageId: 'm', pointer: '' }); },
      cases: { valid: [], invalid: [] },
    });
    expect(() => { checkInvalidCase(undeclared, { policy: open, errors: [{ messageId: 'm', pointer: '' }] }, 0); }).toThrow(/unfilled placeholder/);
  });
});
