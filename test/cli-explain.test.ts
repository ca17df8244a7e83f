// `kms-authz explain`: exit codes (0 Allow, 1 deny, 2 input error), the text a person reads,
// the contract's JSON, and the CloudTrail form.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ALICE = 'arn:aws:iam::111122223333:user/Alice';
const dir = mkdtempSync(join(tmpdir(), 'kms-authz-explain-'));

const run = (...argv: string[]) => runCli(argv, dir);

describe('kms-authz explain', () => {
  it('explains why Alice is denied, decision first, with the deciding statement and the gap', async () => {
    const r = await run('explain', '--principal', ALICE, '--action', 'kms:Decrypt', '--key', KEY);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^ImplicitDeny {2}arn:aws:iam::111122223333:user\/Alice → kms:Decrypt on /);
    expect(r.out).toContain('because no identity-based policy allows the kms:Decrypt action');
    expect(r.out).toMatch(/Allow key-policy "Enable IAM policies" {2}\S*world\.yaml:\d+:\d+/);
    expect(r.out).toContain('identity (account 111122223333): the key policy delegates to IAM in 111122223333');
  });

  it('prints the contract JSON and exits 0 for an Allow', async () => {
    const r = await run('explain', '--principal', 'arn:aws:iam::111122223333:user/Carol', '--action', 'kms:Decrypt', '--key', KEY, '--format', 'json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(d).sort()).toEqual(['decision', 'error', 'issues', 'message', 'missing', 'reasons']);
    expect(d.decision).toBe('Allow');
    expect(d.error).toBeNull();
    expect(d.reasons).toEqual([
      expect.objectContaining({ policy: `key-policy:${KEY}`, statement: 'Enable IAM policies', pointer: '/Statement/0', effect: 'Allow', layer: 'key-policy' }),
      expect.objectContaining({ statement: '#0', effect: 'Allow', layer: 'identity' }),
    ]);
  });

  it('includes the trace in JSON only when asked', async () => {
    const r = await run('explain', '--principal', ALICE, '--action', 'kms:Decrypt', '--key', KEY, '--format', 'json', '--trace', '--mode', 'full');
    const d = JSON.parse(r.out) as { trace: { op: string }[] };
    expect(d.trace.some((e) => e.op === 'decide')).toBe(true);
  });

  it('takes context and encryption context pairs', async () => {
    const r = await run('explain', '--principal', 'arn:aws:iam::111122223333:user/Frank', '--action', 'kms:Decrypt', '--key', KEY, '--encryption-context', 'Department=IT', '--format', 'json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { reasons: { layer: string }[] }).reasons[0]?.layer).toBe('grant');
  });

  it('reads a request file and reports an invalid one with file:line:column, exit 2', async () => {
    const good = join(dir, 'request.yaml');
    writeFileSync(good, `principal: ${ALICE}\naction: kms:Decrypt\nresource: ${KEY}\n`);
    expect((await run('explain', '--request', good)).code).toBe(1);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `principal: ${ALICE}\naction: 42\nresource: ${KEY}\nextra: 1\n`);
    const r = await run('explain', '--request', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:2:9: error: `action` must be a non-empty string/);
    expect(r.err).toMatch(/bad\.yaml:4:\d+: error: unknown request field `extra`/);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a broken world with positions, exit 2', async () => {
    const w = join(dir, 'world.yaml');
    writeFileSync(w, 'accounts:\n  - id: 1234\nprincipals: []\nkeys:\n  - arn: not-a-key\n');
    const r = await run('explain', '--world', w, '--principal', ALICE, '--action', 'kms:Decrypt', '--key', KEY);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/world\.yaml:2:\d+: error: account id `1234` must be a string of 12 digits/);
    expect(r.err).toMatch(/world\.yaml:5:\d+: error: key `not-a-key` must be a key ARN/);
  });

  it('refuses a missing world file and a mix of request forms, exit 2', async () => {
    expect((await run('explain', '--world', 'nope.yaml', '--principal', ALICE, '--action', 'kms:Decrypt', '--key', KEY)).code).toBe(2);
    const r = await run('explain', '--principal', ALICE, '--action', 'kms:Decrypt', '--key', KEY, '--cloudtrail', 'x.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('give exactly one of');
  });

  it('explains CloudTrail AccessDenied events (Records form, assumed-role session)', async () => {
    const f = join(dir, 'trail.json');
    const event = (arn: string, type: string, name: string): object => ({
      eventSource: 'kms.amazonaws.com', eventName: name, awsRegion: 'us-west-2', eventTime: '2026-11-28T10:00:00Z',
      userIdentity: { type, arn, accountId: arn.split(':')[4] },
      requestParameters: { keyId: 'alias/app', encryptionContext: { Department: 'IT' } },
      resources: [{ type: 'AWS::KMS::Key', ARN: KEY, accountId: '111122223333' }],
      errorCode: 'AccessDenied', errorMessage: `User: ${arn} is not authorized to perform: kms:${name}`,
    });
    writeFileSync(f, JSON.stringify({ Records: [event(ALICE, 'IAMUser', 'Decrypt'), event('arn:aws:sts::444455556666:assumed-role/Engineering/bob', 'AssumedRole', 'Decrypt')] }));
    const r = await run('explain', '--cloudtrail', f, '--format', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { decision: string; recorded: string }[];
    expect(out.map((e) => e.decision)).toEqual(['ImplicitDeny', 'Allow']);
    expect(out[0]?.recorded).toContain('AccessDenied');
  });
});
