/**
 * @module parse/serialize
 * The normalized model back to a canonical policy document: every element in its array form,
 * values as written, conditions regrouped by operator. Parsing the result gives the same model
 * (the idempotence law the property tests check), so fixes can be produced from the model.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { ConditionClause, NormalizedPolicy, PrincipalSet, Statement, ValueSet } from '../model/policy.js';

/** A JSON policy document. */
export type PolicyDocument = Record<string, unknown>;

function values(set: ValueSet): string[] {
  return set.values.map((v) => v.raw);
}

/** `"*"` when the element was written as the bare string `"*"`, else the typed object form. */
function principal(set: PrincipalSet): unknown {
  const only = set.entries[0];
  if (set.entries.length === 1 && only !== undefined && only.raw === '*' && only.type === 'AWS' && only.pointer === set.pointer) return '*';
  const out: Record<string, string[]> = {};
  for (const e of set.entries) (out[e.type] ??= []).push(e.raw);
  return out;
}

/** The operator name as written in a policy: qualifier, base operator, IfExists. */
export function operatorName(c: ConditionClause): string {
  return `${c.set === null ? '' : `${c.set}:`}${c.operator}${c.ifExists ? 'IfExists' : ''}`;
}

function condition(clauses: readonly ConditionClause[]): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of clauses) {
    const block = (out[operatorName(c)] ??= {});
    (block[c.keyAsWritten] ??= []).push(...c.values.map((v) => v.raw));
  }
  return out;
}

function statement(s: Statement): PolicyDocument {
  const out: PolicyDocument = {};
  if (!s.ref.sid.startsWith('#')) out.Sid = s.ref.sid;
  out.Effect = s.effect;
  if (s.principals !== undefined) out[s.principals.not ? 'NotPrincipal' : 'Principal'] = principal(s.principals);
  if (s.actions !== undefined) out[s.actions.not ? 'NotAction' : 'Action'] = values(s.actions);
  if (s.resources !== undefined) out[s.resources.not ? 'NotResource' : 'Resource'] = values(s.resources);
  if (s.conditions.length > 0) out.Condition = condition(s.conditions);
  return out;
}

/** Serializes a normalized policy to its canonical document. */
export function toPolicyDocument(policy: NormalizedPolicy): PolicyDocument {
  return {
    ...(policy.version === undefined ? {} : { Version: policy.version }),
    ...(policy.id === undefined ? {} : { Id: policy.id }),
    Statement: policy.statements.map(statement),
  };
}
