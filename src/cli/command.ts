/**
 * @module cli/command
 * The shape of one CLI command. A command parses its arguments, calls the library, renders, and
 * returns its exit code (0, 1, or 2 for input errors). It holds no logic of its own.
 */
import type { Argv } from 'yargs';

/** Where a command writes. Tests pass buffers; the binary passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The working directory that relative paths resolve against. */
  readonly cwd: string;
}

/** One subcommand. */
export interface CliCommand {
  readonly command: string;
  readonly describe: string;
  builder(y: Argv): Argv;
  run(args: Record<string, unknown>, io: Io): Promise<number>;
}
