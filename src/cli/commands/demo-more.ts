/**
 * @module cli/commands/demo-more
 * The demo's lint and backend chapters: lint the demo world's policies, then encrypt and decrypt
 * for real on the simulated KMS, same-account and across accounts, with the denials AWS would give.
 * Cross-account use: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
import type { DemoChapter } from './demo.js';

const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** Chapter: lint every policy of the demo world and summarise the findings by rule. */
export const lintChapter: DemoChapter = {
  title: 'Lint the demo policies before they are deployed',
  run: async ({ io, worldPath }) => {
    const { lint } = await import('../../lint/api.js');
    const results = await lint([worldPath]);
    const byRule = new Map<string, { name: string; severity: string; count: number; first: string }>();
    for (const r of results) {
      for (const f of r.findings) {
        const seen = byRule.get(f.ruleId);
        if (seen !== undefined) seen.count += 1;
        else byRule.set(f.ruleId, { name: f.name, severity: f.severity, count: 1, first: `line ${String(f.line)}: ${f.message}` });
      }
    }
    if (byRule.size === 0) io.out('  no findings');
    for (const [id, s] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
      io.out(`  ${id} ${s.name} (${s.severity}) ×${String(s.count)} — e.g. ${s.first}`);
    }
    io.out('  (run `kms-authz lint fixtures/demo/world.yaml` for every finding with its line and column)');
    return true;
  },
};

/** Chapter: real encryption on the in-memory simulated KMS, every call authorized. */
export const backendChapter: DemoChapter = {
  title: 'Encrypt and decrypt on the simulated KMS, across accounts, every call authorized',
  run: async ({ io, worldPath }) => {
    const { createKms } = await import('../../backend/kms.js');
    const kms = await createKms({ world: worldPath, defaultRegion: 'us-west-2' });
    try {
      const as = (principal: string) => ({ principal, region: 'us-west-2' });
      const context = { Department: 'Finance' };
      const enc = await kms.call('Encrypt', { KeyId: KEY, Plaintext: Buffer.from('quarterly numbers').toString('base64'), EncryptionContext: context }, as('arn:aws:iam::111122223333:user/ExampleUser'));
      if (!enc.ok) {
        io.err(`kms-authz demo: ExampleUser could not encrypt: ${enc.error.type}: ${enc.error.message}`);
        return false;
      }
      const blob = enc.output.CiphertextBlob as string;
      io.out(`  ExampleUser (111122223333) encrypts: ${String(Buffer.from(blob, 'base64').length)}-byte ciphertext`);
      const callers = [
        ['Bob, through role Engineering (444455556666)', 'arn:aws:sts::444455556666:assumed-role/Engineering/bob', true],
        ['Dave (444455556666), no IAM policy', 'arn:aws:iam::444455556666:user/Dave', false],
        ['Alice (111122223333), no IAM policy', 'arn:aws:iam::111122223333:user/Alice', false],
      ] as const;
      let ok = true;
      for (const [who, arn, allowed] of callers) {
        const dec = await kms.call('Decrypt', { CiphertextBlob: blob, EncryptionContext: context }, as(arn));
        if (dec.ok) io.out(`  ${who} decrypts: "${Buffer.from(dec.output.Plaintext as string, 'base64').toString('utf8')}"`);
        else io.out(`  ${who}: ${dec.error.type}: ${dec.error.message}`);
        ok &&= dec.ok === allowed;
      }
      const wrong = await kms.call('Decrypt', { CiphertextBlob: blob, EncryptionContext: { Department: 'IT' } }, as('arn:aws:sts::444455556666:assumed-role/Engineering/bob'));
      io.out(`  Bob with the wrong encryption context: ${wrong.ok ? 'decrypted (unexpected)' : wrong.error.type}`);
      return ok && !wrong.ok;
    } finally {
      await kms.close();
    }
  },
};
