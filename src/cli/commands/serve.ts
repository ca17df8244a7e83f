/**
 * @module cli/commands/serve
 * `kms-authz serve`: the AWS KMS wire-compatible endpoint (docs/serve.md). Runs until SIGINT or
 * SIGTERM, then stops accepting, drains in-flight requests and closes the store.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatDiagnosticLine } from '../../model/diagnostic.js';
import { startServer, WorldReadError } from '../../server/start.js';
import type { CliCommand } from '../command.js';

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (s: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** `kms-authz serve [--world W] [--host H] [--port P] [--state FILE] [--admin] [--simulate-services] [--audit-file F]`. */
export const serveCommand: CliCommand = {
  command: 'serve',
  describe: 'serve an AWS KMS wire-compatible endpoint that enforces policies and explains denials',
  builder: (y) =>
    y
      .option('world', { type: 'string', describe: 'world file (YAML or JSON); default the bundled demo world' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to bind' })
      .option('port', { type: 'number', default: 4599, describe: 'port to bind (0 = any free port)' })
      .option('state', { type: 'string', describe: 'SQLite state file (default .kms-authz/state.db in the working directory)' })
      .option('admin', { type: 'boolean', default: false, describe: 'serve the /_kms-authz/ simulation controls to loopback clients' })
      .option('simulate-services', { type: 'boolean', default: false, describe: 'honour signed x-kms-authz-* integrated-service headers' })
      .option('audit-file', { type: 'string', describe: 'also append CloudTrail-shaped audit events to this JSON-lines file' }),
  run: async (args, io) => {
    const state = resolve(io.cwd, typeof args.state === 'string' ? args.state : '.kms-authz/state.db');
    const world = typeof args.world === 'string' ? resolve(io.cwd, args.world) : undefined;
    const auditFile = typeof args['audit-file'] === 'string' ? resolve(io.cwd, args['audit-file']) : undefined;
    mkdirSync(dirname(state), { recursive: true });
    let server;
    try {
      server = await startServer({
        ...(world === undefined ? {} : { world }),
        host: typeof args.host === 'string' ? args.host : '127.0.0.1',
        port: typeof args.port === 'number' ? args.port : 4599,
        statePath: state,
        admin: args.admin === true,
        simulateServices: args['simulate-services'] === true,
        ...(auditFile === undefined ? {} : { auditFile }),
      });
    } catch (e) {
      if (e instanceof WorldReadError && e.diagnostics.length > 0) {
        for (const d of e.diagnostics) io.err(formatDiagnosticLine(d));
      } else {
        io.err(`kms-authz serve: ${e instanceof Error ? e.message : String(e)}`);
      }
      return 2;
    }
    io.out(`kms-authz listening on ${server.url}`);
    const signal = await waitForSignal();
    io.err(`kms-authz serve: ${signal}: draining in-flight requests and closing the store`);
    await server.close();
    return 0;
  },
};
