/**
 * @module server/listen
 * The HTTP server around a simulated KMS: keep-alive connections, a bounded body size, and a
 * graceful close that stops accepting, lets in-flight requests finish (so every acknowledged
 * write is in the store), then closes the backend.
 * https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html (clients retry on
 * errors, so a request answered before close must be durable)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { AdminContext } from './admin.js';
import { CredentialStore } from './credentials.js';
import { createRequestHandler } from './http.js';
import type { ServedKms } from './ports.js';
import type { TrustEvaluator } from './sts.js';

/** Options of {@link listen}. */
export interface ListenOptions {
  readonly kms: ServedKms;
  /** The world object, read for access keys and roles. */
  readonly world: unknown;
  readonly trust: TrustEvaluator;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 4599; 0 picks a free port. */
  readonly port?: number;
  /** Serve the `/_kms-authz/` admin path (loopback clients only). */
  readonly admin?: boolean;
  /** Honour the `x-kms-authz-*` integrated-service headers. */
  readonly simulateServices?: boolean;
  /** Largest request body in bytes; default 1 MiB (KMS's largest request, ImportKeyMaterial, is far below). */
  readonly maxBodyBytes?: number;
}

/** A running server. */
export interface RunningServer {
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly kms: ServedKms;
  /** Stops accepting, drains in-flight requests, closes the backend. Idempotent. */
  close(): Promise<void>;
}

/** Reads a world file (YAML or JSON) into an object. */
export async function readWorldFile(path: string): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  try {
    return { ok: true, value: parseYaml(await readFile(path, 'utf8')) as unknown };
  } catch (e) {
    return { ok: false, error: `${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Starts the HTTP server over an existing backend. */
export async function listen(opts: ListenOptions): Promise<RunningServer> {
  const credentials = new CredentialStore(opts.world);
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const admin: AdminContext | undefined = opts.admin === true ? { kms: opts.kms, credentials, readWorld: readWorldFile } : undefined;
  const handler = createRequestHandler({
    kms: opts.kms,
    credentials,
    sts: { credentials, trust: opts.trust, now: () => Date.now() },
    admin,
    simulateServices: opts.simulateServices === true,
    maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024,
    track: (d) => {
      inFlight += d;
      if (inFlight === 0) drained?.();
    },
  });
  const server: Server = createServer({ keepAlive: true, keepAliveTimeout: 5_000 }, handler);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4599, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => { resolve(); }));
      server.closeIdleConnections();
      if (inFlight > 0) await new Promise<void>((resolve) => { drained = resolve; });
      server.closeAllConnections();
      await stopped;
      await opts.kms.close();
    })();
    return closing;
  };
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${String(port)}`, host, port, kms: opts.kms, close };
}
