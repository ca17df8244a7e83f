/**
 * @module parse/statement
 * One policy statement → a normalized Statement with a stable StatementRef (Sid, or `#<index>`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import type { Effect, Statement } from '../model/policy.js';
import type { PolicyKind, PolicyRef } from '../model/refs.js';
import { appendPointer } from '../source/pointer.js';
import { conditionBlock } from './condition.js';
import { entries, isObject, jsonType, report, show } from './context.js';
import type { ParseContext } from './context.js';
import { principalSet } from './principal.js';
import { valueSet } from './values.js';

const ELEMENTS = ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'] as const;
type Element = (typeof ELEMENTS)[number];
const EXACT = new Map<string, Element>(ELEMENTS.map((e) => [e, e]));
const LOOSE = new Map<string, Element>(ELEMENTS.map((e) => [e.toLowerCase(), e]));

/** Kinds whose statements must name a principal, and kinds that must not. */
const NEEDS_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(['key', 'vpce', 'trust', 'rcp']);
const NO_PRINCIPAL: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'scp']);
const NEEDS_RESOURCE: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session']);

/** Reads the statement's elements by canonical name, reporting unknown or wrongly cased ones. */
function elements(ctx: ParseContext, raw: Record<string, unknown>, pointer: string): Map<Element, { value: unknown; pointer: string }> {
  const found = new Map<Element, { value: unknown; pointer: string }>();
  for (const [key, value] of entries(raw)) {
    const p = appendPointer(pointer, key);
    const exact = EXACT.get(key);
    const loose = exact ?? LOOSE.get(key.toLowerCase());
    if (loose === undefined) {
      report(ctx, 'parse/unknown-element', 'unknownStatementElement', p, `unknown statement element \`${show(key)}\``);
      continue;
    }
    if (exact === undefined) report(ctx, 'parse/unknown-element', 'wrongCase', p, `element \`${key}\` must be written \`${loose}\``, 'error', { suggestion: loose });
    if (!found.has(loose)) found.set(loose, { value, pointer: p });
  }
  return found;
}

/** Picks one of a pair like Action/NotAction, reporting when both are present. */
function eitherOf<A extends Element, B extends Element>(
  ctx: ParseContext, els: Map<Element, { value: unknown; pointer: string }>, a: A, b: B, pointer: string,
): { name: A | B; value: unknown; pointer: string } | undefined {
  const va = els.get(a);
  const vb = els.get(b);
  if (va !== undefined && vb !== undefined) {
    report(ctx, 'parse/conflicting-elements', `both${a}${b}`, pointer, `a statement cannot have both \`${a}\` and \`${b}\``);
  }
  if (va !== undefined) return { name: a, ...va };
  if (vb !== undefined) return { name: b, ...vb };
  return undefined;
}

/**
 * Parses one statement. Returns undefined when the Effect cannot be known: guessing Allow or
 * Deny would change who has access, so such a statement takes no part in decisions.
 */
export function parseStatement(ctx: ParseContext, raw: unknown, index: number, pointer: string, policy: PolicyRef, kind: PolicyKind): Statement | undefined {
  if (!isObject(raw)) {
    report(ctx, 'parse/invalid-type', 'statementNotObject', pointer, `a statement must be an object, not ${jsonType(raw)}`);
    return undefined;
  }
  const els = elements(ctx, raw, pointer);
  const sidEl = els.get('Sid');
  let sid = `#${String(index)}`;
  if (sidEl !== undefined) {
    if (typeof sidEl.value === 'string' && sidEl.value !== '') sid = sidEl.value;
    else if (typeof sidEl.value !== 'string') report(ctx, 'parse/invalid-type', 'sidNotString', sidEl.pointer, `\`Sid\` must be a string, not ${jsonType(sidEl.value)}`);
  }
  const pos = ctx.locate(ctx.base + pointer);
  const ref = { policy, sid, index, pointer, line: pos.line, column: pos.column };

  const effEl = els.get('Effect');
  let effect: Effect | undefined;
  if (effEl === undefined) report(ctx, 'parse/missing-element', 'missingEffect', pointer, 'statement has no `Effect`');
  else if (effEl.value === 'Allow' || effEl.value === 'Deny') effect = effEl.value;
  else {
    const lower = typeof effEl.value === 'string' ? effEl.value.toLowerCase() : '';
    const suggestion = lower === 'allow' ? 'Allow' : lower === 'deny' ? 'Deny' : undefined;
    report(ctx, 'parse/invalid-effect', 'invalidEffect', effEl.pointer, `\`Effect\` must be \`Allow\` or \`Deny\`, not \`${show(effEl.value)}\``, 'error',
      suggestion === undefined ? {} : { suggestion });
  }

  const act = eitherOf(ctx, els, 'Action', 'NotAction', pointer);
  if (act === undefined) report(ctx, 'parse/missing-element', 'missingAction', pointer, 'statement has no `Action` or `NotAction`');
  const res = eitherOf(ctx, els, 'Resource', 'NotResource', pointer);
  if (res === undefined && NEEDS_RESOURCE.has(kind)) report(ctx, 'parse/missing-element', 'missingResource', pointer, 'statement has no `Resource` or `NotResource`');
  const pri = eitherOf(ctx, els, 'Principal', 'NotPrincipal', pointer);
  if (pri === undefined && NEEDS_PRINCIPAL.has(kind)) report(ctx, 'parse/missing-element', 'missingPrincipal', pointer, `statement of a ${kind} policy has no \`Principal\` or \`NotPrincipal\``);
  if (pri !== undefined && NO_PRINCIPAL.has(kind)) report(ctx, 'parse/unexpected-element', 'unexpectedPrincipal', pri.pointer, `a ${kind} policy cannot have \`${pri.name}\``);
  const condEl = els.get('Condition');

  const actions = act === undefined ? undefined : valueSet(ctx, act.value, act.pointer, act.name);
  const resources = res === undefined ? undefined : valueSet(ctx, res.value, res.pointer, res.name);
  const principals = pri === undefined ? undefined : principalSet(ctx, pri.value, pri.pointer, pri.name);
  const conditions = condEl === undefined ? [] : conditionBlock(ctx, condEl.value, condEl.pointer);
  if (effect === undefined) return undefined;
  return {
    ref,
    effect,
    ...(actions === undefined ? {} : { actions }),
    ...(resources === undefined ? {} : { resources }),
    ...(principals === undefined ? {} : { principals }),
    conditions,
  };
}
