/**
 * @module backend/kms
 * `createKms`: the in-process simulated KMS. Every call is validated as the KMS JSON protocol
 * does, authorized through the evaluator ("authorize, then act"), run in one store transaction
 * (acknowledged only after it commits), and recorded in a CloudTrail-shaped audit trail.
 * A call that changes state commits durably (synchronous=FULL) before it answers, its audit event
 * with it; a call that changes nothing (Encrypt, Decrypt, Describe*, a refusal) commits nothing and
 * its event joins the next group write (audit-sink.ts: CloudTrail delivers events asynchronously).
 * https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { err, ok, type Result } from '../model/result.js';
import { auditEvent, type AuditEvent } from './audit.js';
import { AuditSink } from './audit-sink.js';
import { createClock, type SimClock } from './clock.js';
import type { Caller, Env } from './context.js';
import { KmsFailure, kmsError, type KmsError } from './errors.js';
import { accountOf } from './ids.js';
import { isDue, runDue } from './lifecycle.js';
import { HANDLERS } from './operations/index.js';
import { Repo } from './repo.js';
import { SCHEMAS } from './schemas.js';
import { seedWorldKeys } from './seed.js';
import type { KeyRecord } from './records.js';
import { openStore, type Store, type Tx } from './store/index.js';
import { validateInput } from './validate.js';
import { loadCompiledWorld, type LoadedWorld } from './world-input.js';

/** Options of {@link createKms}. */
export interface KmsOptions {
  /** The world (path or object): principals, organization, accounts; its keys are seeded into the store on first open. */
  readonly world?: string | object;
  /** SQLite file; absent = in-memory. */
  readonly storePath?: string;
  /** 32-byte master key sealing key material at rest. */
  readonly masterKey?: Uint8Array;
  /** Region of callers that do not name one (default `us-east-1`). */
  readonly defaultRegion?: string;
  /** Simulated clock start for a new store (default: now). A reopened store resumes its own time. */
  readonly startTime?: Date;
  /** A new grant is usable without its grant token only after this delay (default 0). */
  readonly grantPropagationDelayMs?: number;
  /** Also append every audit event as one JSON line to this file (written in batches, as the store's trail). */
  readonly auditFile?: string;
  /** Milliseconds an audit event of a call that changed nothing may wait for its group write (default 5). */
  readonly auditFlushDelayMs?: number;
}

/** The outcome of one call, in AWS JSON wire shapes. */
export type KmsResult = { ok: true; output: Record<string, unknown> } | { ok: false; error: KmsError };

/** The simulated KMS. */
export interface Kms {
  /** Runs one operation (AWS JSON wire shapes in and out) as `caller`. */
  call(operation: string, input: Record<string, unknown>, caller: Caller): Promise<KmsResult>;
  /** The simulated clock; moving it runs the lifecycle events that fell due. */
  readonly clock: SimClock;
  /** Calls per operation since creation. */
  callCounts(): Record<string, number>;
  /** The audit trail, oldest first (buffered events are written first, so every answered call is in it). */
  audit(): AuditEvent[];
  /** Writes the buffered audit events now (they are otherwise written within a few milliseconds). */
  flushAudit(): void;
  /** Replaces the world (principals, policies, organization); keys not yet held are seeded. */
  reloadWorld(world: string | object): Promise<Result<void, Diagnostic[]>>;
  close(): Promise<void>;
}

export type { Caller } from './context.js';

const CLOCK_META = 'clock:offsetMs';

/** Opens (or creates) a simulated KMS. Throws only when the store cannot be opened or the world is invalid. */
export async function createKms(options: KmsOptions = {}): Promise<Kms> {
  const w = await loadCompiledWorld(options.world);
  if (!w.ok) throw new WorldError(w.error);
  return openKms(options, w.value);
}

/** Writes waiting last-usage records onto their keys (a newer stored record, e.g. another process's, wins). */
function writeUsage(tx: Tx, pending: ReadonlyMap<string, NonNullable<KeyRecord['lastUsage']>>): void {
  for (const [arn, u] of pending) {
    const k = tx.get<KeyRecord>('keys', arn);
    if (k === undefined || (k.lastUsage !== undefined && k.lastUsage.timestamp > u.timestamp)) continue;
    k.lastUsage = u;
    // Not putKey: last use is no policy-relevant change, so the compiled key stays valid (as before buffering).
    tx.put('keys', arn, k);
  }
}

/** The world given to {@link createKms} is unusable; `diagnostics` say where. */
export class WorldError extends Error {
  /** One diagnostic per problem, with file, line and column. */
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(`invalid world: ${diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('; ')}`);
    this.diagnostics = diagnostics;
  }
}

function openKms(options: KmsOptions, w: LoadedWorld): Kms {
  const store: Store = openStore({ ...(options.storePath !== undefined ? { path: options.storePath } : {}), ...(options.masterKey ? { masterKey: options.masterKey } : {}) });
  const env: Env = {
    world: w.world,
    hsmClusters: w.hsmClusters,
    defaultRegion: options.defaultRegion ?? 'us-east-1',
    grantPropagationDelayMs: options.grantPropagationDelayMs ?? 0,
    pendingUsage: new Map(),
    compiledKeys: new Map(),
  };
  const offset = store.tx((tx) => {
    const repo = new Repo(tx);
    let o = repo.meta<number>(CLOCK_META);
    if (o === undefined) {
      o = options.startTime ? options.startTime.getTime() - Date.now() : 0;
      repo.putMeta(CLOCK_META, o);
    }
    seedWorldKeys(repo, w.world.world.keys, Date.now() + o);
    return o;
  });
  const clock = createClock(offset, (o) => {
    store.tx((tx) => {
      new Repo(tx).putMeta(CLOCK_META, o);
    });
  }, () => {
    store.tx((tx) => {
      runDue(new Repo(tx), clock.now().getTime());
    });
  });
  const counts: Record<string, number> = {};
  let closed = false;
  const sink = new AuditSink(store, {
    ...(options.auditFile !== undefined ? { auditFile: options.auditFile } : {}),
    ...(options.auditFlushDelayMs !== undefined ? { delayMs: options.auditFlushDelayMs } : {}),
    rider: {
      write: (tx) => {
        writeUsage(tx, env.pendingUsage);
      },
      committed: () => {
        env.pendingUsage.clear();
      },
    },
  });
  const DUE = Symbol('due');

  const call = (operation: string, input: Record<string, unknown>, caller: Caller): KmsResult => {
    counts[operation] = (counts[operation] ?? 0) + 1;
    const region = caller.region || env.defaultRegion;
    const now = clock.now().getTime();
    const base = { env, caller: { ...caller, region }, account: accountOf(caller.principal), region, operation, now, resources: [] as string[], decisions: [] };
    const event = (r: KmsResult): AuditEvent => auditEvent({
      operation, input, caller: base.caller, now, resources: base.resources, decisions: base.decisions,
      ...(r.ok ? { output: r.output } : { error: r.error }), recipientAccount: base.account,
    });
    const handler = HANDLERS[operation];
    const schema = SCHEMAS[operation];
    let failed: KmsResult;
    if (handler === undefined || schema === undefined) {
      // AWS's JSON protocol answers an unknown X-Amz-Target with UnknownOperationException (HTTP 400), no message.
      failed = { ok: false, error: kmsError('UnknownOperationException', '') };
    } else {
      let batch: object[] | undefined;
      try {
        // Lifecycle events that fell due commit on their own, whatever the call's outcome; the check is one
        // meta read inside the call's own transaction, so a call with nothing due opens one transaction only.
        let checkDue = true;
        for (;;) {
          const done = store.tx((tx) => {
            const repo = new Repo(tx);
            if (checkDue && isDue(repo, now)) return DUE;
            const writesBefore = store.writes;
            validateInput(input, schema);
            const r: KmsResult = { ok: true, output: handler({ ...base, repo }, input) };
            // A state change commits its audit event (and the buffered ones) in its own durable transaction.
            if (store.writes !== writesBefore) batch = sink.drainInto(tx, event(r));
            return r;
          });
          if (done !== DUE) {
            // Committed: from here on the batch must never be re-buffered (that would duplicate events).
            const written = batch;
            batch = undefined;
            if (written) sink.committed(written);
            else sink.add(event(done));
            return done;
          }
          store.tx((tx) => {
            runDue(new Repo(tx), now);
          });
          checkDue = false;
        }
      } catch (e) {
        if (batch) sink.rolledBack(batch);
        // A broken internal invariant is answered as KMS answers its own failures (HTTP 500), never a stack trace.
        failed = { ok: false, error: e instanceof KmsFailure ? e.error : kmsError('KMSInternalException', `The request was rejected because of an internal error: ${e instanceof Error ? e.message : String(e)}`) };
      }
    }
    // A refused call changed nothing (its transaction rolled back); its audit event joins the next group write.
    sink.add(event(failed));
    return failed;
  };

  return {
    call: (operation, input, caller) => {
      if (closed) return Promise.reject(new Error('the simulated KMS is closed'));
      try {
        return Promise.resolve(call(operation, input, caller));
      } catch (e) {
        // Only the store itself failing (disk, lock timeout) gets here: nothing was acknowledged.
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    },
    clock,
    callCounts: () => ({ ...counts }),
    audit: () => {
      if (!closed) sink.flush();
      return store.readAudit<AuditEvent>();
    },
    flushAudit: () => {
      if (!closed) sink.flush();
    },
    reloadWorld: async (world) => {
      const r = await loadCompiledWorld(world);
      if (!r.ok) return err(r.error);
      env.world = r.value.world;
      env.hsmClusters = r.value.hsmClusters;
      env.compiledKeys.clear();
      store.tx((tx) => seedWorldKeys(new Repo(tx), r.value.world.world.keys, clock.now().getTime()));
      return ok(undefined);
    },
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      try {
        sink.flush();
        return Promise.resolve();
      } catch (e) {
        // The store refused the last audit batch (disk full, locked beyond busy_timeout): say so, as a rejection.
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        store.close();
      }
    },
  };
}
