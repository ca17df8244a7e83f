// Terraform plan JSON (`terraform show -json`, lint-catalogue.md §5.3): policy strings with exact
// positions, after_unknown as unresolved, default policies, grants, tags as suppressions.
// https://developer.hashicorp.com/terraform/internals/json-format
import { describe, expect, it } from 'vitest';
import { readLintInputFromText } from '../../../src/sources/index.js';
import { ofType, policies, readFixture } from './helpers.js';

describe('Terraform plan', () => {
  const input = readFixture('terraform/plan.json');

  it('reads each policy once, with the kind its resource gives it', () => {
    expect(input.shape).toBe('terraform-plan');
    expect(policies(input).map((p) => [p.resourceName, p.kind, p.pointer])).toEqual([
      ['aws_kms_key.app', 'key', '/resource_changes/0/change/after/policy'],
      ['aws_iam_policy.decrypt_all', 'identity', '/resource_changes/4/change/after/policy'],
      ['aws_organizations_policy.guard', 'scp', '/resource_changes/5/change/after/content'],
      ['data.aws_iam_policy_document.ops', 'identity', '/prior_state/values/root_module/resources/1/values/json'],
    ]);
  });

  it('points inside the policy string at the exact character', () => {
    const app = policies(input)[0];
    expect(app.embeddedAsString).toBe(true);
    expect(app.ownerAccount).toBe('111122223333');
    const lines = input.text.split('\n');
    const changes = lines.findIndex((l) => l.includes('"resource_changes"'));
    const line = lines.findIndex((l, i) => i > changes && l.includes('"policy": "{\\"Statement')) + 1;
    const raw = lines[line - 1];
    const principal = input.locate('/resource_changes/0/change/after/policy/Statement/1/Principal/AWS');
    expect(principal.line).toBe(line);
    // The located character is the opening escaped quote of the `"*"` value.
    expect(raw.slice(principal.column - 1, principal.column + 4)).toBe('\\"*\\"');
    expect(app.policy.statements[1].ref.line).toBe(line);
  });

  it('reads a key without policy in its configuration as the default policy, and an after_unknown one as unresolved', () => {
    const configs = ofType(input, 'key-config');
    expect(configs.map((c) => [c.resourceName, c.hasPolicy])).toEqual([
      ['aws_kms_key.app', true],
      ['aws_kms_key.logs', false],
      ['aws_kms_key.pending', { unknown: true, reason: '`aws_kms_key.pending.policy` is known only after apply' }],
    ]);
    expect(ofType(input, 'unresolved')).toEqual([expect.objectContaining({ pointer: '/resource_changes/2/change/after/policy', kind: 'key', resourceName: 'aws_kms_key.pending' })]);
    expect(configs[0]).toMatchObject({ enableKeyRotation: false, pendingWindowInDays: 7, keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS' });
    expect(configs[1].rotationPeriodInDays).toMatchObject({ unknown: true });
  });

  it('takes suppressions from `kms-authz:suppress:<rule>` tags', () => {
    expect([...policies(input)[0].suppressions]).toEqual([['KMS504', 'seven days is enough for this scratch key']]);
    expect([...ofType(input, 'key-config')[0].suppressions.keys()]).toEqual(['KMS504']);
  });

  it('reads aws_kms_grant as a grant located at its plan attributes', () => {
    const [g] = ofType(input, 'grant');
    expect(g.grant).toMatchObject({ granteePrincipal: 'arn:aws:iam::444455556666:role/Partner', operations: ['kms:Decrypt', 'kms:CreateGrant'] });
    const at = input.locate('/resource_changes/3/change/after/GranteePrincipal');
    const line = input.text.split('\n')[at.line - 1];
    expect(line).toContain('"grantee_principal"');
  });

  it('reads planned_values when there are no resource_changes, and skips deleted resources', () => {
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] });
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { child_modules: [{ resources: [{ address: 'module.m.aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', values: { policy } }] }] } },
    };
    const only = readLintInputFromText(JSON.stringify(plan), 'p.json');
    expect(policies(only).map((p) => p.pointer)).toEqual(['/planned_values/root_module/child_modules/0/resources/0/values/policy']);
    const deleted = { format_version: '1.2', resource_changes: [{ address: 'aws_iam_policy.p', type: 'aws_iam_policy', mode: 'managed', change: { actions: ['delete'], after: null } }] };
    expect(readLintInputFromText(JSON.stringify(deleted), 'd.json').targets).toEqual([]);
  });

  it('reports a policy string that is not JSON at its place', () => {
    const plan = { format_version: '1.2', resource_changes: [{ address: 'aws_iam_policy.p', type: 'aws_iam_policy', mode: 'managed', change: { actions: ['create'], after: { policy: '{"Statement": [' } } }] };
    const bad = readLintInputFromText(JSON.stringify(plan), 'b.json');
    expect(bad.fatal).toBeUndefined();
    expect(bad.diagnostics[0]).toMatchObject({ code: 'parse/invalid-policy-json', pointer: '/resource_changes/0/change/after/policy', line: 1 });
  });
});
