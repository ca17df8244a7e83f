/**
 * Test double of the simulated KMS for protocol tests: records calls, echoes its input, and refuses
 * KeyId `alias/denied` with AccessDeniedException. The real backend is exercised in test/e2e.
 */
import type { ServedKms, ServerCaller, ServerKmsResult } from '../../../src/server/ports.js';

export interface RecordingKms extends ServedKms {
  readonly calls: { operation: string; input: Record<string, unknown>; caller: ServerCaller }[];
  closed: boolean;
}

export function recordingKms(): RecordingKms {
  let now = Date.UTC(2026, 0, 1);
  const calls: RecordingKms['calls'] = [];
  const kms: RecordingKms = {
    calls,
    closed: false,
    call(operation, input, caller): Promise<ServerKmsResult> {
      calls.push({ operation, input, caller });
      if (input.KeyId === 'alias/denied') {
        return Promise.resolve({
          ok: false,
          error: { type: 'AccessDeniedException', message: `User: ${caller.principal} is not authorized to perform: kms:${operation}`, status: 400 },
        });
      }
      if (input.KeyId === 'alias/slow') return new Promise((r) => setTimeout(() => { r({ ok: true, output: { slow: true } }); }, 300));
      return Promise.resolve({ ok: true, output: { Operation: operation, Principal: caller.principal, Input: input } });
    },
    clock: { now: () => new Date(now), set: (t) => { now = t.getTime(); }, advance: (ms) => { now += ms; } },
    callCounts: () => {
      const counts: Record<string, number> = {};
      for (const c of calls) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
      return counts;
    },
    audit: () => calls.map((c) => ({ eventName: c.operation })),
    reloadWorld: () => Promise.resolve({ ok: true }),
    close: () => { kms.closed = true; return Promise.resolve(); },
  };
  return kms;
}
