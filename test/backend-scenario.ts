// The runner of fixtures/backend/*.json: a world, named callers, and a sequence of operation calls (with
// clock moves) and their expected results. `${name.path}` in any string refers to a saved earlier output.
import { expect } from 'vitest';
import { createKms, type Caller } from '../src/backend/kms.js';

/** One step: a call with its expectation, or a clock move. */
export interface ScenarioStep {
  readonly call?: string;
  readonly as?: string;
  readonly input?: Record<string, unknown>;
  readonly save?: string;
  readonly expect?: { readonly ok?: boolean; readonly output?: Record<string, unknown>; readonly error?: string; readonly message?: string };
  readonly advanceDays?: number;
  readonly note?: string;
}

/** A backend scenario file. */
export interface Scenario {
  readonly description: string;
  readonly source: string;
  readonly world: string | Record<string, unknown>;
  readonly region: string;
  readonly startTime?: string;
  readonly grantPropagationDelayMs?: number;
  readonly callers: Record<string, string | (Partial<Caller> & { principal: string })>;
  readonly steps: readonly ScenarioStep[];
}

function lookup(vars: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], vars);
}

function substitute(v: unknown, vars: Record<string, unknown>): unknown {
  if (typeof v === 'string') {
    const whole = /^\$\{([^}]+)\}$/.exec(v);
    if (whole) return lookup(vars, whole[1]);
    return v.replace(/\$\{([^}]+)\}/g, (_, p: string) => String(lookup(vars, p)));
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, vars));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, vars)]));
  return v;
}

/** Runs a scenario against a fresh in-memory KMS, asserting every step. */
export async function runBackendScenario(sc: Scenario): Promise<void> {
  expect(sc.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  const kms = await createKms({ world: sc.world, defaultRegion: sc.region, ...(sc.startTime ? { startTime: new Date(sc.startTime) } : {}),
    ...(sc.grantPropagationDelayMs !== undefined ? { grantPropagationDelayMs: sc.grantPropagationDelayMs } : {}) });
  const vars: Record<string, unknown> = {};
  try {
    for (const [i, step] of sc.steps.entries()) {
      if (step.advanceDays !== undefined) {
        kms.clock.advance(step.advanceDays * 86_400_000);
        continue;
      }
      const who = sc.callers[step.as ?? ''];
      if (step.call === undefined || who === undefined) throw new Error(`step ${i}: needs call and a known caller`);
      const caller: Caller = typeof who === 'string' ? { principal: who, region: sc.region } : { region: sc.region, ...who };
      const r = await kms.call(step.call, substitute(step.input ?? {}, vars) as Record<string, unknown>, caller);
      const label = `step ${i} ${step.call} as ${step.as ?? ''}${step.note ? ` (${step.note})` : ''}: ${r.ok ? 'ok' : `${r.error.type}: ${r.error.message}`}`;
      const want = step.expect ?? { ok: true };
      if (want.error !== undefined) {
        expect(r.ok ? 'ok' : r.error.type, label).toBe(want.error);
        if (!r.ok && want.message !== undefined) expect(r.error.message, label).toBe(substitute(want.message, vars));
      } else {
        expect(r.ok, label).toBe(want.ok ?? true);
        if (r.ok && want.output) expect(r.output, label).toMatchObject(substitute(want.output, vars) as Record<string, unknown>);
      }
      if (r.ok && step.save !== undefined) vars[step.save] = r.output;
    }
  } finally {
    await kms.close();
  }
}
