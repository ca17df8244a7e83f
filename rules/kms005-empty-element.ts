/**
 * KMS005 empty-element: an empty `Action`/`Resource`/`Principal` list or object, or an empty
 * `Condition` block. An empty Action, Resource or Principal means the statement matches nothing;
 * an empty Condition block is simply noise. Either way the author meant something else.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { defineRule } from '../src/lint/define-rule.js';
import { appendPointer, valueAt } from '../src/lint/helpers.js';
import { ROOT_STATEMENT, keyPolicy } from './support/cases.js';

const ELEMENTS = ['Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'] as const;

function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0;
}

export default defineRule({
  id: 'KMS005',
  name: 'empty-element',
  meta: {
    type: 'suggestion',
    severity: 'info',
    scope: ['key', 'identity', 'scp', 'rcp', 'boundary', 'session', 'vpce'],
    docs: {
      description: 'A statement element is an empty list or object: `"Action": []`, `"Principal": {"AWS": []}`, `"Condition": {}`.',
      rationale: 'An empty Action, Resource or Principal makes the statement match nothing, which is rarely what was meant (often a template variable that expanded to nothing); an empty Condition or operator block has no effect.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
    },
    existingTools: { accessAnalyzer: 'EMPTY_ARRAY_*, EMPTY_OBJECT_*' },
    messages: { emptyElement: '`{{element}}` of statement `{{sid}}` is empty' },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type !== 'policy') return;
    for (const s of t.policy.statements) {
      const raw = valueAt(t.raw, s.ref.pointer);
      if (typeof raw !== 'object' || raw === null) continue;
      for (const el of ELEMENTS) {
        if (!(el in raw)) continue;
        const v = (raw as Record<string, unknown>)[el];
        const pointer = appendPointer(s.ref.pointer, el);
        if (isEmpty(v)) {
          ctx.report({ messageId: 'emptyElement', pointer, data: { element: el, sid: s.ref.sid } });
          continue;
        }
        if (typeof v !== 'object' || v === null || Array.isArray(v) || (el !== 'Condition' && el !== 'Principal' && el !== 'NotPrincipal')) continue;
        // One level down: {"AWS": []} and {"StringEquals": {}}.
        for (const [k, inner] of Object.entries(v)) {
          if (isEmpty(inner)) ctx.report({ messageId: 'emptyElement', pointer: appendPointer(pointer, k), data: { element: `${el}.${k}`, sid: s.ref.sid } });
        }
      }
    }
  },
  cases: {
    valid: [
      { name: 'all elements filled', policy: keyPolicy(ROOT_STATEMENT) },
      { name: 'condition with values', policy: keyPolicy({ ...ROOT_STATEMENT, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) },
    ],
    invalid: [
      {
        name: 'empty Action list',
        policy: keyPolicy(ROOT_STATEMENT, { Sid: 'Nothing', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App' }, Action: [], Resource: '*' }),
        errors: [{ messageId: 'emptyElement', pointer: '/Statement/1/Action' }],
      },
      {
        name: 'empty principal list and empty condition',
        policy: keyPolicy(ROOT_STATEMENT, { Sid: 'Nobody', Effect: 'Allow', Principal: { AWS: [] }, Action: 'kms:Decrypt', Resource: '*', Condition: {} }),
        errors: [
          { messageId: 'emptyElement', pointer: '/Statement/1/Principal/AWS' },
          { messageId: 'emptyElement', pointer: '/Statement/1/Condition' },
        ],
      },
    ],
  },
});
