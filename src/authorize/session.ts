/**
 * @module authorize/session
 * A request's session policy, parsed and compiled once per document (cached by object, or by
 * text for a JSON string). https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 */
import { compilePolicy } from '../compile/policy.js';
import type { CompiledPolicy } from '../compile/types.js';
import type { EvalIssue } from '../model/decision.js';
import { parsePolicy } from '../parse/policy.js';

/** A compiled session policy and the problems met parsing it. */
export interface CompiledSession {
  readonly policy: CompiledPolicy;
  readonly issues: readonly EvalIssue[];
}

const byObject = new WeakMap<object, CompiledSession>();
const byText = new Map<string, CompiledSession>();

function build(doc: unknown): CompiledSession {
  const { policy, diagnostics } = parsePolicy(doc, { kind: 'session', id: 'session-policy' });
  return {
    policy: compilePolicy(policy),
    issues: diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, message: `session policy: ${d.message}`, policy: 'session-policy' })),
  };
}

/** The compiled session policy of a request, or undefined when it has none. */
export function sessionPolicyOf(doc: unknown): CompiledSession | undefined {
  if (doc === undefined || doc === null) return undefined;
  if (typeof doc === 'object') {
    let s = byObject.get(doc);
    if (s === undefined) {
      s = build(doc);
      byObject.set(doc, s);
    }
    return s;
  }
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  let s = byText.get(text);
  if (s === undefined) {
    s = build(text);
    if (byText.size < 1000) byText.set(text, s);
  }
  return s;
}
