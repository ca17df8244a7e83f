/**
 * @module backend/audit-sink
 * Where audit events go: buffered in memory and written in group transactions, not one durable
 * commit per call. AWS delivers CloudTrail logs asynchronously, on average some five minutes after the
 * call and without guarantee (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html),
 * and GetKeyLastUsage follows KMS's eventual consistency model
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html), so an event is no
 * write the caller asked for; making every Encrypt wait for a disk sync only to record it cost ~3 ms a call
 * on a loaded disk. Last-usage records ride along with each batch (BatchRider).
 * Choices (AWS is silent on a simulator's buffering):
 * - a batch is flushed `delayMs` after its first event, at `maxEvents`, when the trail is read
 *   (`Kms.audit()`, the admin audit dump) and on close (the server's graceful shutdown on SIGINT/SIGTERM
 *   closes the KMS); a pending timer keeps the process alive until it has flushed;
 * - a call that itself changes state commits the pending events with its own in its durable transaction
 *   (the sync is paid anyway), so its event is durable before it answers, like its write;
 * - a crash (SIGKILL, power loss) may lose at most the last `delayMs` of events of read-only and refused
 *   calls, never an acknowledged state change;
 * - the JSON-lines audit file receives each batch after the store committed it, in the same order.
 */
import { appendFileSync } from 'node:fs';
import type { Store, Tx } from './store/index.js';

/** State written with every batch (and forgotten once committed): the keys' last-usage records. */
export interface BatchRider {
  /** Writes the state into the batch's transaction. */
  write(tx: Tx): void;
  /** The batch committed: the state written is now in the store. */
  committed(): void;
}

/** Options of {@link AuditSink}. */
export interface AuditSinkOptions {
  /** Also append every event as one JSON line to this file. */
  readonly auditFile?: string;
  /** Milliseconds between the first buffered event and the flush (default 5). */
  readonly delayMs?: number;
  /** Flush as soon as this many events are buffered (default 512). */
  readonly maxEvents?: number;
  /** Written in every batch's transaction. */
  readonly rider?: BatchRider;
}

/** Buffers audit events and writes them to the store (and the audit file) in batches. */
export class AuditSink {
  private pending: object[] = [];
  private timer: NodeJS.Timeout | undefined;
  private warned = false;
  private readonly delayMs: number;
  private readonly maxEvents: number;

  constructor(private readonly store: Store, private readonly opts: AuditSinkOptions = {}) {
    this.delayMs = opts.delayMs ?? 5;
    this.maxEvents = opts.maxEvents ?? 512;
  }

  /** Events buffered and not yet written. */
  get size(): number {
    return this.pending.length;
  }

  /** Buffers an event; it is written within `delayMs`, or now when the batch is full. */
  add(event: object): void {
    this.pending.push(event);
    if (this.pending.length >= this.maxEvents) this.flush();
    else this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushFromTimer();
    }, this.delayMs);
  }

  /**
   * Appends the buffered events, then `own`, inside the caller's open transaction (which commits them
   * with its own writes); call {@link committed} with the result once that transaction committed, or
   * {@link rolledBack} if it did not.
   */
  drainInto(tx: Tx, own: object): object[] {
    const batch = this.pending;
    this.pending = [];
    batch.push(own);
    for (const e of batch) tx.appendAudit(e);
    this.opts.rider?.write(tx);
    return batch;
  }

  /** The batch of {@link drainInto} is committed: write it to the audit file too. */
  committed(batch: readonly object[]): void {
    this.opts.rider?.committed();
    this.appendFile(batch);
    if (this.pending.length === 0) this.cancelTimer();
  }

  /** The transaction of {@link drainInto} rolled back: the buffered events are buffered again (not `own`). */
  rolledBack(batch: readonly object[]): void {
    this.pending = [...batch.slice(0, -1), ...this.pending];
  }

  /** Writes every buffered event now, in one transaction. Throws when the store fails (events stay buffered). */
  flush(): void {
    this.cancelTimer();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.store.tx((tx) => {
        for (const e of batch) tx.appendAudit(e);
        this.opts.rider?.write(tx);
      });
      this.opts.rider?.committed();
    } catch (e) {
      this.pending = [...batch, ...this.pending];
      throw e;
    }
    this.appendFile(batch);
  }

  private flushFromTimer(): void {
    try {
      this.flush();
    } catch (e) {
      // A busy or failing disk: keep the events and try again later; say so once, never crash the caller.
      if (!this.warned) process.emitWarning(`kms-authz: audit events not yet written: ${e instanceof Error ? e.message : String(e)}`);
      this.warned = true;
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.flushFromTimer();
      }, Math.max(this.delayMs, 100));
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private appendFile(batch: readonly object[]): void {
    if (this.opts.auditFile === undefined || batch.length === 0) return;
    appendFileSync(this.opts.auditFile, batch.map((e) => JSON.stringify(e) + '\n').join(''));
  }
}
