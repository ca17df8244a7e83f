/**
 * @module evaluate/trace
 * Opt-in trace of an evaluation (style.md convention 6, after OPA's trace events): the evaluator
 * records typed events through a `Tracer`; when tracing is off the cost is one `if (t.on)` test.
 */
import type { DecisionLayer, TraceEvent, TraceOp } from '../model/decision.js';
import type { StatementRef } from '../model/refs.js';

/** Receives trace events. Callers test `on` before building an event. */
export interface Tracer {
  readonly on: boolean;
  /** Records an event and returns its id (children pass it as `parent`). */
  event(op: TraceOp, layer: DecisionLayer | 'request', message: string, ref?: StatementRef, parent?: number): number;
  /** The events recorded so far. */
  events(): readonly TraceEvent[];
}

/** The tracer used when tracing is off: records nothing. */
export const NOOP_TRACER: Tracer = {
  on: false,
  event: () => 0,
  events: () => [],
};

/** A tracer that keeps every event in memory. */
export class BufferTracer implements Tracer {
  readonly on = true;
  private readonly buf: TraceEvent[] = [];

  /** Records one event. */
  event(op: TraceOp, layer: DecisionLayer | 'request', message: string, ref?: StatementRef, parent?: number): number {
    const id = this.buf.length + 1;
    const base = { id, op, layer, message, ...(parent === undefined ? {} : { parent }) };
    if (ref === undefined) {
      this.buf.push(base);
    } else {
      this.buf.push({
        ...base,
        policy: ref.policy.id,
        statement: ref.sid,
        pointer: ref.pointer,
        ...(ref.policy.file === undefined ? {} : { file: ref.policy.file }),
        ...(ref.line === undefined ? {} : { line: ref.line }),
        ...(ref.column === undefined ? {} : { column: ref.column }),
      });
    }
    return id;
  }

  /** Every recorded event, in order. */
  events(): readonly TraceEvent[] {
    return this.buf;
  }
}
