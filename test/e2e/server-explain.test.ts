// A denial through the server is explained from its audit record: `kms-authz explain --cloudtrail`
// reads the CloudTrail-shaped JSON lines the server wrote and reaches the same decision and message.
// https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { afterAll, describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { startServer } from '../../src/server/start.js';
import { ACCOUNT, ALICE, APP_KEY, EXAMPLE_USER, kms, rejection, testWorld } from './server-world.js';

interface Explained {
  event: string;
  recorded: string | null;
  decision: string;
  message: string;
  missing?: { layer: string; account: string }[];
}

describe('explaining a server denial from its audit log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kms-authz-explain-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('explain --cloudtrail reproduces the AccessDenied and names the missing identity policy', async () => {
    const worldFile = join(dir, 'world.json');
    const auditFile = join(dir, 'audit.jsonl');
    writeFileSync(worldFile, JSON.stringify(testWorld()));
    const server = await startServer({ world: worldFile, port: 0, auditFile });
    let denial: Error;
    try {
      const enc = await kms(server.url, EXAMPLE_USER).send(new EncryptCommand({ KeyId: APP_KEY, Plaintext: Buffer.from('x') }));
      denial = await rejection(kms(server.url, ALICE).send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob })));
    } finally {
      await server.close();
    }
    expect(denial.name).toBe('AccessDeniedException');
    // The audit event carries the request id the SDK saw in x-amzn-RequestId.
    const seen = (denial as Error & { $metadata?: { requestId?: string } }).$metadata?.requestId;
    expect(seen).toMatch(/\S/);
    const recorded = readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { requestID: string; eventName: string });
    expect(recorded.filter((e) => e.eventName === 'Decrypt').map((e) => e.requestID)).toContain(seen);

    const out: string[] = [];
    const err: string[] = [];
    const args = { world: worldFile, cloudtrail: auditFile, format: 'json', mode: 'deciding', trace: false };
    const code = await explainCommand.run(args, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      cwd: dir,
    });
    expect(err.join('')).toBe('');
    expect(code).toBe(1);
    const results = JSON.parse(out.join('')) as Explained[];
    expect(results.map((r) => r.decision)).toEqual(['Allow', 'ImplicitDeny']);
    const denied = results[1];
    expect(denied?.recorded).toBe(`AccessDeniedException: ${denial.message}`);
    expect(denied?.message).toBe(denial.message);
    expect(denied?.missing).toContainEqual(expect.objectContaining({ layer: 'identity', account: ACCOUNT }));
  });
});
