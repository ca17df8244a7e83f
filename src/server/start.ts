/**
 * @module server/start
 * `startServer`: the simulated KMS (createKms) on the AWS wire. With no world, it serves the
 * bundled demo world (fixtures/demo/world.yaml), whose demo credentials the README lists.
 * https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKms } from '../backend/kms.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { loadWorld } from '../world/load.js';
import { listen, readWorldFile, type RunningServer } from './listen.js';
import type { ServedKms } from './ports.js';
import { createTrustEvaluator, foundationCompiler } from './trust.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** A world file path (YAML/JSON) or world object; default the bundled demo world. */
  readonly world?: string | object;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 4599; 0 picks a free port. */
  readonly port?: number;
  /** SQLite state file; absent = in-memory (state ends with the server). */
  readonly statePath?: string;
  /** Serve the `/_kms-authz/` simulation controls to loopback clients. */
  readonly admin?: boolean;
  /** Honour the signed `x-kms-authz-*` integrated-service headers (docs/serve.md). */
  readonly simulateServices?: boolean;
  /** Largest request body in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Passed to createKms. */
  readonly defaultRegion?: string;
  readonly startTime?: Date;
  readonly auditFile?: string;
  readonly masterKey?: Uint8Array;
  readonly grantPropagationDelayMs?: number;
}

/** A running server (see {@link RunningServer}). */
export type { RunningServer } from './listen.js';

/** Finds fixtures/demo/world.yaml above this module (works from src/ under vitest and from dist/). */
export function demoWorldPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'fixtures', 'demo', 'world.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  // INVARIANT: the package ships fixtures/demo/world.yaml next to src/ and dist/.
  throw new Error('kms-authz: the bundled demo world fixtures/demo/world.yaml is missing');
}

/** Thrown when the world cannot be read or validated; the CLI prints one line per diagnostic. */
export class WorldReadError extends Error {
  override readonly name = 'WorldReadError';
  constructor(
    message: string,
    /** The problems with their file, line and column (empty when the file could not be read). */
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}

/**
 * Starts the AWS-compatible endpoint over a fresh simulated KMS. Rejects with the backend's error
 * when the world is invalid (the CLI prints it as an input error).
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const worldInput = options.world ?? demoWorldPath();
  let world: unknown = worldInput;
  // Validate first, so bad input surfaces as diagnostics (file:line:column) and never as a trace.
  const checked = await loadWorld(worldInput);
  if (!checked.ok) throw new WorldReadError(`invalid world (${String(checked.error.length)} problems)`, checked.error);
  if (typeof worldInput === 'string') {
    const read = await readWorldFile(worldInput);
    if (!read.ok) throw new WorldReadError(read.error);
    world = read.value;
  }
  const kms: ServedKms = await createKms({
    world: worldInput,
    ...(options.statePath === undefined ? {} : { storePath: options.statePath }),
    ...(options.defaultRegion === undefined ? {} : { defaultRegion: options.defaultRegion }),
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
    ...(options.auditFile === undefined ? {} : { auditFile: options.auditFile }),
    ...(options.masterKey === undefined ? {} : { masterKey: options.masterKey }),
    ...(options.grantPropagationDelayMs === undefined ? {} : { grantPropagationDelayMs: options.grantPropagationDelayMs }),
  });
  try {
    return await listen({
      kms,
      world,
      trust: createTrustEvaluator(foundationCompiler()),
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.admin === undefined ? {} : { admin: options.admin }),
      ...(options.simulateServices === undefined ? {} : { simulateServices: options.simulateServices }),
      ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    });
  } catch (e) {
    await kms.close();
    throw e;
  }
}
