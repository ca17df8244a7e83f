// `kms-authz demo` (contract: "the seed story end to end on the bundled demo world: lint the demo
// policies, explain why Alice is denied, show the fix, encrypt/decrypt across accounts on the
// simulated backend"), run in-process through the CLI entry.
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd: process.cwd() });
  return { code, out, err };
}

describe('kms-authz demo', () => {
  it('tells the whole story and exits 0', async () => {
    const { code, out, err } = await run(['demo']);
    expect(err).toBe('');
    expect(code).toBe(0);
    // lint: the demo world's cross-account exposure is found
    expect(out).toMatch(/KMS701 effective-exposure \(error\)/);
    // explain: Alice is denied for want of an identity policy, and the fix turns it into an Allow
    expect(out).toContain('because no identity-based policy allows the kms:Decrypt action');
    expect(out).toMatch(/→ Allow: User: arn:aws:iam::111122223333:user\/Alice is authorized/);
    // across accounts on the real backend: Bob decrypts, Dave gets AWS's AccessDeniedException
    expect(out).toContain('decrypts: "quarterly numbers"');
    expect(out).toMatch(/Dave \(444455556666\), no IAM policy: AccessDeniedException: User: arn:aws:iam::444455556666:user\/Dave is not authorized/);
    expect(out).toContain('Bob with the wrong encryption context: InvalidCiphertextException');
  });

  it('--version prints the package version', async () => {
    const { code, out } = await run(['--version']);
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
