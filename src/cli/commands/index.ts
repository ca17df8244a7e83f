/**
 * @module cli/commands
 * The registry of subcommands. Each command is one file in this folder, loaded only when it runs,
 * so that `kms-authz lint file.json` does not pay for the server's or the backend's imports.
 */
import type { CliCommand } from '../command.js';

/** A subcommand by name, loaded on demand. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<CliCommand>;
}

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'demo', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'explain', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'test', load: async () => (await import('./test.js')).testCommand },
  { name: 'lint', load: async () => (await import('./lint.js')).lintCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
];
