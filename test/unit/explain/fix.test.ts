// Suggested fixes are checked against the evaluator itself: for every implicit deny among the
// fixtures whose gaps an added Allow can close (identity, key policy, boundary, session policy),
// applying every suggestion to a copy of the world must turn the decision into an Allow.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize } from '../../../src/authorize/index.js';
import { explain } from '../../../src/explain/explain.js';
import type { FixSuggestion } from '../../../src/explain/fix.js';
import type { AuthzRequest } from '../../../src/model/decision.js';
import { compileWorld, defaultKeyPolicy, parseKeyArn } from '../../../src/world/index.js';
import type { World, WorldKey, WorldPrincipal } from '../../../src/world/types.js';

const dir = resolve(import.meta.dirname, '..', '..', '..', 'fixtures', 'authz');
const files = (d: string): string[] => readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? files(p) : [p];
});
const CLOSABLE = new Set(['identity', 'key-policy', 'boundary', 'session']);
type Doc = { Version?: string; Statement: unknown[] };
const asDoc = (d: unknown): Doc => {
  const v = (typeof d === 'string' ? JSON.parse(d) : d) as Doc;
  return { ...v, Statement: Array.isArray(v.Statement) ? [...v.Statement] : [v.Statement] };
};

function apply(world: World, req: AuthzRequest, fixes: readonly FixSuggestion[], keyArn: string): { world: World; req: AuthzRequest } {
  let principals = [...world.principals];
  let keys = [...world.keys];
  let request = req;
  for (const f of fixes) {
    const who = /an identity policy of (\S+)|the permissions boundary of (\S+)/.exec(f.where);
    const arn = who?.[1] ?? who?.[2];
    if (f.layer === 'identity' && arn !== undefined) {
      const doc = { Version: '2012-10-17', Statement: [f.statement] };
      const found = principals.some((p) => p.arn === arn);
      principals = found ? principals.map((p): WorldPrincipal => (p.arn === arn ? { ...p, policies: [...(p.policies ?? []), doc] } : p)) : [...principals, { arn, policies: [doc] }];
    } else if (f.layer === 'boundary' && arn !== undefined) {
      principals = principals.map((p): WorldPrincipal => {
        if (p.arn !== arn || p.boundary === undefined) return p;
        const b = asDoc(p.boundary);
        return { ...p, boundary: { ...b, Statement: [...b.Statement, f.statement] } };
      });
    } else if (f.layer === 'key-policy') {
      keys = keys.map((k): WorldKey => {
        if (k.arn !== keyArn) return k;
        const { partition, account } = parseKeyArn(k.arn);
        const p = asDoc(k.policy ?? defaultKeyPolicy(partition, account));
        return { ...k, policy: { ...p, Statement: [...p.Statement, f.statement] } };
      });
    } else if (f.layer === 'session') {
      const s = asDoc(request.sessionPolicy);
      request = { ...request, sessionPolicy: { ...s, Statement: [...s.Statement, f.statement] } };
    }
  }
  return { world: { ...world, principals, keys }, req: request };
}

describe('suggested fixes', () => {
  let checked = 0;
  for (const file of files(dir)) {
    const fx = JSON.parse(readFileSync(file, 'utf8')) as { world: Partial<World>; cases: { id: string; request: AuthzRequest }[] };
    const world: World = { accounts: [], principals: [], keys: [], vpcEndpoints: [], ...fx.world };
    const cw = compileWorld(world);
    for (const c of fx.cases) {
      const e = explain(cw, c.request);
      const d = e.decision;
      if (d.decision !== 'ImplicitDeny' || d.missing.length === 0 || !d.missing.every((m) => CLOSABLE.has(m.layer))) continue;
      if (cw.principal(c.request.principal).kind === 'service') continue;
      checked++;
      it(`${file.slice(dir.length + 1)} ${c.id}`, () => {
        const keyArn = cw.keys.get(c.request.resource)?.arn ?? c.request.resource;
        expect(e.fixes.map((f) => f.layer)).toEqual(d.missing.map((m) => m.layer));
        const fixed = apply(world, c.request, e.fixes, keyArn);
        expect(authorize(compileWorld(fixed.world), fixed.req).decision).toBe('Allow');
      });
    }
  }
  it('checks a meaningful number of cases', () => {
    expect(checked).toBeGreaterThan(30);
  });
});
