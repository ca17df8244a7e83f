// Bad user input is a diagnostic, never a thrown stack trace (style.md convention 2): every reader
// survives arbitrary JSON in every place it looks, and positions stay inside the file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLintInputFromText } from '../../../src/sources/index.js';

const intrinsic = fc.oneof(
  fc.record({ Ref: fc.oneof(fc.string(), fc.constantFrom('AWS::AccountId', 'AWS::NoValue', 'X')) }),
  fc.record({ 'Fn::Sub': fc.oneof(fc.string(), fc.tuple(fc.string(), fc.jsonValue())) }),
  fc.record({ 'Fn::If': fc.array(fc.jsonValue(), { maxLength: 4 }) }),
  fc.record({ 'Fn::Join': fc.jsonValue() }),
  fc.record({ 'Fn::GetAtt': fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })) }),
  fc.record({ 'Fn::Select': fc.jsonValue(), 'Fn::FindInMap': fc.jsonValue() }, { requiredKeys: [] }),
);
const anything = fc.oneof(fc.jsonValue({ maxDepth: 4 }), intrinsic, fc.array(fc.oneof(intrinsic, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 }));

const shapes: ((v: unknown) => unknown)[] = [
  (v) => ({ Resources: { K: { Type: 'AWS::KMS::Key', Metadata: { 'kms-authz': v }, Properties: { KeyPolicy: v, EnableKeyRotation: v } } } }),
  (v) => ({ Resources: { K: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [v, { 'Fn::If': ['C', v, v] }] } } }, R: { Type: 'AWS::IAM::Role', Properties: { Policies: v } } } }),
  (v) => ({ format_version: '1.2', resource_changes: [{ address: 'aws_kms_key.k', type: 'aws_kms_key', mode: 'managed', change: { actions: ['create'], after: { policy: v, tags: v }, after_unknown: v } }, { address: 'g', type: 'aws_kms_grant', change: { after: v } }], configuration: v }),
  (v) => ({ Policy: typeof v === 'string' ? v : JSON.stringify(v) }),
  (v) => ({ Grants: [v] }),
  (v) => ({ RoleDetailList: [{ RolePolicyList: [{ PolicyDocument: v }] }], Policies: [{ PolicyVersionList: [{ IsDefaultVersion: true, Document: v }] }] }),
  (v) => ({ principals: [{ policies: [v], groups: v }], keys: [{ arn: 'a', policy: v, grants: [v] }] }),
  (v) => ({ Statement: v }),
];

describe('readers never throw', () => {
  it('on arbitrary values in every place they read, JSON and YAML', () => {
    fc.assert(
      fc.property(anything, fc.nat(shapes.length - 1), fc.boolean(), (v, s, yaml) => {
        const doc = shapes[s](v);
        const text = yaml ? JSON.stringify(doc, null, 1).replace(/^\{/, '{ ') : JSON.stringify(doc, null, 2);
        const input = readLintInputFromText(text, yaml ? 'x.yaml' : 'x.json');
        const lines = text.split('\n').length;
        for (const t of input.targets) {
          const pos = input.locate(t.pointer);
          expect(pos.line).toBeGreaterThanOrEqual(1);
          expect(pos.line).toBeLessThanOrEqual(lines);
          if (t.type === 'policy') for (const st of t.policy.statements) expect(st.ref.line ?? 1).toBeLessThanOrEqual(lines);
        }
        for (const d of [...input.diagnostics, ...(input.notes ?? [])]) expect(d.line).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 300 },
    );
  });
});
