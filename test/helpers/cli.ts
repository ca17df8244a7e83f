// Runs the CLI in process through its real entry, src/cli/main.ts, with captured output.
import { main } from '../../src/cli/main.js';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `kms-authz ...argv` with `cwd` as the working directory. */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const line = (t: string): string => (t.endsWith('\n') ? t : `${t}\n`);
  const code = await main(argv, { out: (t) => { out += line(t); }, err: (t) => { err += line(t); }, cwd });
  return { code, out, err };
}
