// The AWS Encryption SDK for JavaScript against `kms-authz serve`: a KMS keyring with a client
// provider pointing at the server, and the caching materials manager, whose effect (fewer
// GenerateDataKey calls than messages) shows in the admin call counts.
// https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/js-examples.html
// https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/data-key-caching.html
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment --
   KmsKeyringNode extends KeyringNode through the SDK's mixin factory, which the rule cannot follow. */
import {
  buildClient, CommitmentPolicy, getClient, getLocalCryptographicMaterialsCache, KMS, KmsKeyringNode, NodeCachingMaterialsManager,
} from '@aws-crypto/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { admin, ALICE, APP_KEY, EXAMPLE_USER, testWorld, type Creds } from './server-world.js';

const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

describe('AWS Encryption SDK through kms-authz serve', () => {
  let server: RunningServer;
  const keyring = (creds: Creds): KmsKeyringNode =>
    new KmsKeyringNode({ generatorKeyId: APP_KEY, clientProvider: getClient(KMS, { endpoint: server.url, credentials: creds, maxAttempts: 1 }) });
  const counts = async (): Promise<Record<string, number>> => ((await admin(server.url, 'call-counts')) as { counts: Record<string, number> }).counts;

  beforeAll(async () => {
    server = await startServer({ world: testWorld(), port: 0, admin: true });
  });
  afterAll(async () => {
    await server.close();
  });

  it('encrypts and decrypts messages with a KMS keyring', async () => {
    const plaintext = Buffer.from('a message for the encryption sdk');
    const { result, messageHeader } = await encrypt(keyring(EXAMPLE_USER), plaintext, { encryptionContext: { purpose: 'esdk-e2e' } });
    expect(messageHeader.encryptedDataKeys[0]?.providerInfo).toBe(APP_KEY);
    const out = await decrypt(keyring(EXAMPLE_USER), result);
    expect(out.plaintext.equals(plaintext)).toBe(true);
    expect(out.messageHeader.encryptionContext).toMatchObject({ purpose: 'esdk-e2e' });
  });

  it('refuses a caller the key policy does not allow', async () => {
    await expect(encrypt(keyring(ALICE), Buffer.from('x'))).rejects.toThrow();
    const events = ((await admin(server.url, 'audit')) as { events: { eventName: string; errorCode?: string; userIdentity: { arn: string } }[] }).events;
    const denied = events.filter((e) => e.errorCode === 'AccessDeniedException' && e.userIdentity.arn.endsWith(':user/Alice'));
    expect(denied.map((e) => e.eventName)).toContain('GenerateDataKey');
  });

  it('caches data keys: 10 messages cost fewer GenerateDataKey calls than messages', async () => {
    const before = (await counts()).GenerateDataKey ?? 0;
    const cmm = new NodeCachingMaterialsManager({
      backingMaterials: keyring(EXAMPLE_USER),
      cache: getLocalCryptographicMaterialsCache(100),
      partition: 'e2e',
      maxAge: 60_000,
      maxMessagesEncrypted: 5,
    });
    const messages: Buffer[] = [];
    for (let i = 0; i < 10; i++) {
      const data = Buffer.from(`cached message ${String(i)}`);
      const { result } = await encrypt(cmm, data, { encryptionContext: { purpose: 'cache' }, plaintextLength: data.length });
      messages.push(result);
    }
    const generated = ((await counts()).GenerateDataKey ?? 0) - before;
    // maxMessagesEncrypted 5 → one data key per 5 messages.
    expect(generated).toBe(2);
    const decryptsBefore = (await counts()).Decrypt ?? 0;
    for (const [i, m] of messages.entries()) {
      expect((await decrypt(keyring(EXAMPLE_USER), m)).plaintext.toString()).toBe(`cached message ${String(i)}`);
    }
    expect(((await counts()).Decrypt ?? 0) - decryptsBefore).toBe(10);
  });
});
