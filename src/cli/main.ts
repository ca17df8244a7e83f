/**
 * @module cli/main
 * yargs wiring only: every command lives in `commands/` and returns its exit code.
 * Input errors are one line per problem (`file:line:column: message`) and exit code 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import type { CliCommand, Io } from './command.js';
import { COMMANDS } from './commands/index.js';

/** The package version, from the nearest package.json above this module (src/ in tests, dist/src/ when built). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return '0.0.0';
    dir = up;
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  cwd: process.cwd(),
};

/** The commands to register: only the one named on the command line, or all of them (for help). */
async function commandsFor(argv: readonly string[]): Promise<CliCommand[]> {
  const first = argv.find((a) => !a.startsWith('-'));
  const named = COMMANDS.find((c) => c.name === first);
  return named !== undefined ? [await named.load()] : Promise.all(COMMANDS.map((c) => c.load()));
}

/** Runs the CLI on `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  let usageError: string | undefined;
  const y = yargs([...argv])
    .scriptName('kms-authz')
    .version(packageVersion())
    .strict()
    .demandCommand(1, 'name a command: demo, explain, test, lint or serve')
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg: string | null, e: Error | null) => {
      usageError = msg ?? e?.message ?? 'invalid arguments';
    });
  for (const c of await commandsFor(argv)) {
    y.command(c.command, c.describe, (b) => c.builder(b), async (args) => {
      code = await c.run(args, io);
    });
  }
  try {
    // With a callback, yargs hands help and version text back instead of printing it, so it goes
    // through `io` like every other output.
    await y.parseAsync([...argv], {}, (_e: Error | undefined, _a: unknown, output: string) => {
      if (output !== '' && usageError === undefined) io.out(output);
    });
  } catch (e) {
    usageError = e instanceof Error ? e.message : String(e);
  }
  if (usageError !== undefined) {
    io.err(`kms-authz: ${usageError}`);
    io.err('run `kms-authz --help` for usage');
    return 2;
  }
  return code;
}
