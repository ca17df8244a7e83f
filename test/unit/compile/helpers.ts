// Test helpers: compile one condition from its JSON form, build request contexts.
import { compileCondition } from '../../../src/compile/condition.js';
import type { CompiledCondition } from '../../../src/compile/types.js';
import type { RequestContext } from '../../../src/model/request.js';
import { parsePolicy } from '../../../src/parse/policy.js';

/** Compiles `{ operator: { key: values } }` as a 2012-10-17 policy condition. */
export function cond(operator: string, key: string, values: unknown, version = '2012-10-17'): CompiledCondition {
  const r = parsePolicy({ Version: version, Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { [operator]: { [key]: values } } } }, { kind: 'identity', id: 't' });
  const c = r.policy.statements[0]?.conditions[0];
  if (c === undefined) throw new Error(`no clause for ${operator}`);
  return compileCondition(c);
}

/** A request context from an object; keys are folded as the evaluator folds them. */
export function ctx(o: Record<string, string | string[]> = {}): RequestContext {
  return new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
}
