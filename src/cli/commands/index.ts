/**
 * @module cli/commands
 * The registry of subcommands. Each command is one file in this folder.
 */
import type { CliCommand } from '../command.js';
import { demoCommand } from './demo.js';
import { explainCommand } from './explain.js';
import { testCommand } from './test.js';
import { lintCommand } from './lint.js';
import { serveCommand } from './serve.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [demoCommand, explainCommand, testCommand, lintCommand, serveCommand];
