// The evaluation layer: the layered request context, the trace, principal matching (incl.
// NotPrincipal), and the per-action cache of context-free policies agreeing with the traced path.
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/compile/policy.js';
import { LayeredContext } from '../../../src/evaluate/context.js';
import { evaluatePolicy } from '../../../src/evaluate/policy.js';
import { matchPrincipal } from '../../../src/evaluate/principal.js';
import { BufferTracer, NOOP_TRACER } from '../../../src/evaluate/trace.js';
import { parsePolicy } from '../../../src/parse/policy.js';
import { compileWorld } from '../../../src/world/compile.js';

const A = '111122223333';
const KEY = `arn:aws:kms:us-west-2:${A}:key/k1`;
const cw = compileWorld({ accounts: [{ id: A }], principals: [{ arn: `arn:aws:iam::${A}:role/Ops`, type: 'role' }], keys: [], vpcEndpoints: [] });
const session = cw.principal(`arn:aws:sts::${A}:assumed-role/Ops/s1`);
const user = cw.principal(`arn:aws:iam::${A}:user/Bob`);

const compiled = (doc: unknown, kind: 'key' | 'scp' | 'rcp' = 'key') => compilePolicy(parsePolicy(doc, { kind, id: `${kind}:test` }).policy);
const principalOf = (p: unknown) => compiled({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: p, Action: '*', Resource: '*' }] }).statements[0].principal!;

describe('LayeredContext', () => {
  it('looks keys up in order: given, request, principal, key, computed', () => {
    const ctx = new LayeredContext(new Map([['a', 'given']]), new Map([['a', 'request'], ['b', 'request']]), (k) => (k === 'z' ? 'computed' : undefined), new Map([['b', 'principal'], ['c', 'principal']]), new Map([['c', 'key'], ['d', 'key']]));
    expect(['a', 'b', 'c', 'd', 'z', 'y'].map((k) => ctx.get(k))).toEqual(['given', 'request', 'principal', 'key', 'computed', undefined]);
    expect(ctx.has('d')).toBe(true);
    expect(Object.fromEntries(ctx.entries())).toEqual({ a: 'given', b: 'request', c: 'principal', d: 'key' });
  });
});

describe('trace', () => {
  it('records events with parents and statement positions; the no-op tracer records nothing', () => {
    const t = new BufferTracer();
    const p = t.event('enter', 'key-policy', 'key policy');
    const cp = compiled({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] });
    evaluatePolicy(cp, { actionLower: 'kms:decrypt', resource: KEY, ctx: new Map(), caller: user, resourceRequired: true }, t, 'key-policy', p);
    expect(t.events()).toEqual([
      { id: 1, op: 'enter', layer: 'key-policy', message: 'key policy' },
      expect.objectContaining({ id: 2, parent: 1, op: 'match', policy: 'key:test', statement: 'S', pointer: '/Statement/0' }),
    ]);
    expect(NOOP_TRACER.event('note', 'request', 'x')).toBe(0);
    expect(NOOP_TRACER.events()).toEqual([]);
  });
});

describe('matchPrincipal', () => {
  it('matches a role session through its role ARN, and a user by its own ARN', () => {
    const p = compiled({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${A}:role/Ops`, `arn:aws:iam::${A}:user/Bob`] }, Action: '*', Resource: '*' }] }).statements[0].principal!;
    expect(matchPrincipal(p, session)).toBe('role');
    expect(matchPrincipal(p, user)).toBe('caller');
    expect(matchPrincipal(p, cw.principal(`arn:aws:iam::${A}:root`))).toBeNull();
  });

  it('NotPrincipal excludes a session only when session, role and account are all listed', () => {
    const all = principalOf({ AWS: [`arn:aws:sts::${A}:assumed-role/Ops/s1`, `arn:aws:iam::${A}:role/Ops`, `arn:aws:iam::${A}:root`] });
    const noAccount = principalOf({ AWS: [`arn:aws:sts::${A}:assumed-role/Ops/s1`, `arn:aws:iam::${A}:role/Ops`] });
    expect(matchPrincipal(all, session)).toBeNull();
    expect(matchPrincipal(noAccount, session)).toBe('not');
    expect(matchPrincipal(principalOf({ AWS: [`arn:aws:iam::${A}:user/Bob`, A] }), user)).toBeNull();
    expect(matchPrincipal(principalOf({ AWS: `arn:aws:iam::${A}:user/Bob` }), user)).toBe('not');
  });
});

describe('evaluatePolicy', () => {
  it('gives the same answer from the per-action cache as from a traced evaluation', () => {
    const scp = compiled({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }, { Sid: 'D', Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }] }, 'scp');
    for (const action of ['kms:decrypt', 'kms:schedulekeydeletion', 's3:getobject']) {
      const inp = { actionLower: action, resource: KEY, ctx: new Map(), caller: user, resourceRequired: false };
      const cached = evaluatePolicy(scp, inp, NOOP_TRACER, 'scp');
      const again = evaluatePolicy(scp, inp, NOOP_TRACER, 'scp');
      const traced = evaluatePolicy(scp, inp, new BufferTracer(), 'scp');
      expect(again).toBe(cached);
      expect([cached.allows.length, cached.denies.length]).toEqual([traced.allows.length, traced.denies.length]);
    }
  });

  it('skips key-policy statements without a Resource element', () => {
    const kp = compiled({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*' }] });
    const inp = { actionLower: 'kms:decrypt', resource: KEY, ctx: new Map(), caller: user };
    expect(evaluatePolicy(kp, { ...inp, resourceRequired: true }, NOOP_TRACER, 'key-policy').allows).toHaveLength(0);
    expect(evaluatePolicy(kp, { ...inp, resourceRequired: false }, NOOP_TRACER, 'key-policy').allows).toHaveLength(1);
  });
});
