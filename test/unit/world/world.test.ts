// Loading and compiling worlds: validation with positions, principal resolution (sessions map to
// their role, unknown callers never crash), organization paths, key defaults and context keys.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKey, compileWorld, loadWorld } from '../../../src/world/index.js';
import type { World } from '../../../src/world/types.js';

const A = '111122223333';
const M = '999988887777';
const KEY = `arn:aws:kms:us-west-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const dir = mkdtempSync(join(tmpdir(), 'kms-authz-world-'));

function world(extra: Partial<World> = {}): World {
  return {
    accounts: [{ id: A }, { id: M }],
    organization: {
      id: 'o-abc', managementAccountId: M,
      nodes: [{ id: 'r-1', type: 'ROOT' }, { id: 'ou-1', type: 'OU', parent: 'r-1' }, { id: 'ou-2', type: 'OU', parent: 'ou-1' }, { id: A, type: 'ACCOUNT', parent: 'ou-2' }, { id: M, type: 'ACCOUNT', parent: 'r-1' }],
    },
    principals: [
      { arn: `arn:aws:iam::${A}:role/team/Eng`, type: 'role', tags: { Team: 'red' }, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }] }] },
      { arn: `arn:aws:iam::${A}:user/Alice`, type: 'user', uniqueId: 'AIDAEXAMPLEALICE', groups: [{ name: 'G', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] }] }] },
      { arn: `arn:aws:iam::${A}:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX`, type: 'role' },
    ],
    keys: [{ arn: KEY, aliases: ['alias/app'], tags: { Project: 'alpha' } }],
    vpcEndpoints: [],
    ...extra,
  };
}

describe('loadWorld', () => {
  it('loads YAML with every list present', async () => {
    const f = join(dir, 'w.yaml');
    writeFileSync(f, `accounts:\n  - id: "${A}"\nkeys:\n  - arn: ${KEY}\n`);
    const r = await loadWorld(f);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.principals).toEqual([]);
      expect(r.value.vpcEndpoints).toEqual([]);
      expect(r.value.origin?.file).toBe(f);
    }
  });

  it('reports every problem with file, line and column', async () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, [
      'accounts: []',
      'principals:',
      `  - arn: arn:aws:iam::${A}:user/A`,
      `  - arn: arn:aws:iam::${A}:user/A`,
      'organization:',
      '  id: o-1',
      `  managementAccountId: "${M}"`,
      '  nodes:',
      '    - { id: ou-x, type: OU, parent: r-missing }',
      'colour: blue',
    ].join('\n'));
    const r = await loadWorld(f);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const lines = r.error.map((d) => `${String(d.line)}:${d.messageId}`);
      expect(lines).toEqual(expect.arrayContaining(['4:duplicate', '9:reference', '10:unknown']));
      expect(r.error.every((d) => d.file === f && d.code === 'schema/world')).toBe(true);
    }
  });

  it('accepts $-named annotations but no other unknown property', async () => {
    const ok = await loadWorld({ $schema: 'x', accounts: [{ id: A }], principals: [{ arn: `arn:aws:iam::${A}:user/A`, accessKeys: [{ accessKeyId: 'AKIA1', secretAccessKey: 's', $source: 'admin' }] }] });
    expect(ok.ok).toBe(true);
    const bad = await loadWorld({ principals: [{ arn: `arn:aws:iam::${A}:user/A`, colour: 'blue' }] });
    expect(bad.ok ? [] : bad.error.map((d) => d.pointer)).toEqual(['/principals/0/colour']);
  });

  it('reports an unreadable file as a diagnostic', async () => {
    const r = await loadWorld(join(dir, 'missing.yaml'));
    expect(r.ok ? [] : r.error.map((d) => d.code)).toEqual(['source/missing-file']);
  });
});

describe('compileWorld principals', () => {
  const cw = compileWorld(world());

  it('maps an assumed-role session to its role, path included', () => {
    const p = cw.principal(`arn:aws:sts::${A}:assumed-role/Eng/alice`);
    expect(p.kind).toBe('assumed-role');
    expect(p.roleArn).toBe(`arn:aws:iam::${A}:role/team/Eng`);
    expect(p.principalArn).toBe(`arn:aws:iam::${A}:role/team/Eng`);
    expect(p.identity).toHaveLength(1);
    expect(p.context.get('aws:principaltag/team')).toBe('red');
    expect(String(p.context.get('aws:userid'))).toMatch(/^AROA[A-Z2-7]{17}:alice$/);
    expect(p.context.has('aws:username')).toBe(false);
  });

  it('resolves users with group policies, usernames and unique ids', () => {
    const p = cw.principal(`arn:aws:iam::${A}:user/Alice`);
    expect(p.identity).toHaveLength(1);
    expect(p.identity[0]?.policy.ref.id).toBe(`group:arn:aws:iam::${A}:user/Alice:G#0`);
    expect(p.context.get('aws:username')).toBe('Alice');
    expect(p.context.get('aws:userid')).toBe('AIDAEXAMPLEALICE');
    expect(p.context.get('aws:principalorgpaths')).toEqual(['o-abc/r-1/ou-1/ou-2/']);
    expect(p.scpPath?.map((l) => l.nodeId)).toEqual(['r-1', 'ou-1', 'ou-2', A]);
  });

  it('never crashes on callers the world does not know', () => {
    expect(cw.principal(`arn:aws:iam::${A}:user/Ghost`)).toMatchObject({ kind: 'user', account: A, identity: [] });
    expect(cw.principal(`arn:aws:sts::${A}:assumed-role/Nope/s`)).toMatchObject({ kind: 'assumed-role', roleArn: `arn:aws:iam::${A}:role/Nope` });
    expect(cw.principal(A)).toMatchObject({ kind: 'root', principalArn: `arn:aws:iam::${A}:root` });
    expect(cw.principal('ec2.amazonaws.com')).toMatchObject({ kind: 'service' });
    expect(cw.principal('garbage')).toMatchObject({ kind: 'unknown', account: '' });
  });

  it('exempts the management account and service-linked roles from SCPs', () => {
    expect(cw.principal(`arn:aws:iam::${M}:user/Mia`).scpPath).toBeNull();
    expect(cw.principal(`arn:aws:sts::${A}:assumed-role/AWSServiceRoleForX/s`).scpPath).toBeNull();
    expect(cw.rcpPath(M)).toBeNull();
    expect(cw.rcpPath(A)?.map((l) => l.policies.length)).toEqual([1, 1, 1, 1]);
  });

  it('memoizes principals', () => {
    expect(cw.principal(`arn:aws:iam::${A}:user/Alice`)).toBe(cw.principal(`arn:aws:iam::${A}:user/Alice`));
  });
});

describe('keys', () => {
  it('gives a key without policy the API default key policy and its context', () => {
    const k = compileKey({ arn: KEY, aliases: ['alias/app'], tags: { Project: 'alpha' } });
    expect(k.defaultPolicy).toBe(true);
    expect(k.policy.policy.statements[0]?.principals?.entries[0]?.value).toBe(`arn:aws:iam::${A}:root`);
    expect(Object.fromEntries(k.context)).toMatchObject({
      'aws:resourceaccount': A, 'kms:keyspec': 'SYMMETRIC_DEFAULT', 'kms:keyusage': 'ENCRYPT_DECRYPT', 'kms:keyorigin': 'AWS_KMS',
      'kms:multiregion': 'false', 'kms:resourcealiases': ['alias/app'], 'aws:resourcetag/project': 'alpha',
    });
    expect(k.state).toBe('Enabled');
  });

  it('indexes aliases by name and ARN', () => {
    const cw = compileWorld(world());
    expect(cw.aliases.get('alias/app')?.arn).toBe(KEY);
    expect(cw.aliases.get(`arn:aws:kms:us-west-2:${A}:alias/app`)?.arn).toBe(KEY);
  });

  it('keeps policy problems as diagnostics with positions', async () => {
    const f = join(dir, 'badpolicy.json');
    writeFileSync(f, JSON.stringify({ keys: [{ arn: KEY, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allwo', Principal: '*', Action: 'kms:*', Resource: '*' }] } }] }, null, 2));
    const r = await loadWorld(f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cw = compileWorld(r.value);
    const d = cw.diagnostics.find((x) => x.severity === 'error');
    expect(d).toMatchObject({ file: f, pointer: '/keys/0/policy/Statement/0/Effect' });
    expect(d?.line).toBeGreaterThan(1);
  });
});
