/**
 * @module backend/clock
 * The simulated clock. It runs with real time from an offset that is kept in the store, so a
 * reopened store resumes at the simulated time it had; `set` and `advance` move the offset and
 * then run the lifecycle events that fell due (deletions, rotations, expiries), as KMS does on
 * its own schedule (https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html,
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html).
 */

/** The clock of a simulated KMS. */
export interface SimClock {
  /** The simulated current time. */
  now(): Date;
  /** Jumps to `t` (forward or back) and runs what fell due. */
  set(t: Date): void;
  /** Moves forward by `ms` and runs what fell due. */
  advance(ms: number): void;
}

/** Creates a clock whose offset from real time is persisted by `save`; `onChange` runs after each move. */
export function createClock(offsetMs: number, save: (offsetMs: number) => void, onChange: () => void): SimClock {
  let offset = offsetMs;
  const move = (next: number): void => {
    offset = next;
    save(offset);
    onChange();
  };
  return {
    now: () => new Date(Date.now() + offset),
    set: (t: Date) => {
      move(t.getTime() - Date.now());
    },
    advance: (ms: number) => {
      // INVARIANT: the simulated clock never runs backwards through advance.
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance takes a non-negative number of milliseconds');
      move(offset + ms);
    },
  };
}
