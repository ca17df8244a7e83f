/**
 * @module compile/policy
 * A normalized policy → a CompiledPolicy, cached per policy object (compile once, evaluate many),
 * with statements indexed by action on first use.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { NormalizedPolicy } from '../model/policy.js';
import { compileStatement } from './statement.js';
import type { CompiledPolicy, CompiledStatement } from './types.js';

const cache = new WeakMap<NormalizedPolicy, CompiledPolicy>();

/** Bound on the per-policy action index, so arbitrary action names cannot grow it forever. */
const INDEX_LIMIT = 4096;

/** Compiles a policy, or returns the cached compilation of the same object. */
export function compilePolicy(policy: NormalizedPolicy): CompiledPolicy {
  const hit = cache.get(policy);
  if (hit !== undefined) return hit;
  const statements: readonly CompiledStatement[] = policy.statements.map(compileStatement);
  const index = new Map<string, readonly CompiledStatement[]>();
  const compiled: CompiledPolicy = {
    policy,
    statements,
    statementsFor(actionLower: string): readonly CompiledStatement[] {
      const known = index.get(actionLower);
      if (known !== undefined) return known;
      const found = statements.filter((s) => s.matchesAction(actionLower));
      if (index.size < INDEX_LIMIT) index.set(actionLower, found);
      return found;
    },
  };
  cache.set(policy, compiled);
  return compiled;
}
