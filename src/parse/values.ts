/**
 * @module parse/values
 * The "string or array of strings" elements of a statement (Action, Resource and their Not-
 * forms), with policy variables parsed where AWS honours them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { PolicyValue, TemplatePart, ValueSet } from '../model/policy.js';
import { appendPointer } from '../source/pointer.js';
import { jsonType, report, show } from './context.js';
import type { ParseContext } from './context.js';
import { parseTemplate } from './template.js';

/** Makes a PolicyValue, parsing variables when `variables` is true; reports malformed ones. */
export function policyValue(ctx: ParseContext, raw: string, pointer: string, variables: boolean): PolicyValue {
  if (!variables || !ctx.allowVariables) return { raw, pointer };
  const t = parseTemplate(raw);
  for (const p of t.problems) {
    report(ctx, 'parse/invalid-variable', p, pointer, `malformed policy variable in \`${show(raw)}\`: ${p.replace(/-/g, ' ')}`, 'warning');
  }
  return t.template === undefined ? { raw, pointer } : { raw, template: t.template, pointer };
}

/**
 * Reads a string-or-array element into raw strings with their pointers. Non-string entries are
 * reported and skipped (best effort).
 */
export function stringList(ctx: ParseContext, value: unknown, pointer: string, element: string, numbers = false): { raw: string; pointer: string }[] {
  const out: { raw: string; pointer: string }[] = [];
  if (typeof value === 'string') return [{ raw: value, pointer }];
  if (numbers && typeof value === 'number') return [numberAsString(ctx, value, pointer)];
  if (!Array.isArray(value)) {
    report(ctx, 'parse/invalid-type', 'expectedStringOrArray', pointer, `\`${element}\` must be a string or an array of strings, not ${jsonType(value)}`);
    return out;
  }
  value.forEach((v: unknown, i) => {
    const p = appendPointer(pointer, i);
    if (typeof v === 'string') out.push({ raw: v, pointer: p });
    else if (numbers && typeof v === 'number') out.push(numberAsString(ctx, v, p));
    else report(ctx, 'parse/invalid-type', 'expectedString', p, `each entry of \`${element}\` must be a string, not ${jsonType(v)}`);
  });
  return out;
}

/**
 * An account id written as a number (unquoted in YAML, e.g. a CloudFormation template): taken as
 * its text, with a warning, since a leading zero is lost that way.
 */
function numberAsString(ctx: ParseContext, n: number, pointer: string): { raw: string; pointer: string } {
  const raw = Number.isInteger(n) ? n.toFixed(0) : String(n);
  report(ctx, 'parse/invalid-type', 'numberAsString', pointer, `\`${raw}\` is a number: quote account ids, which are strings (a leading zero would be lost)`, 'warning');
  return { raw, pointer };
}

/** Action/NotAction: `*` or `service:name` with wildcards and no whitespace (ACT page). */
function checkAction(ctx: ParseContext, raw: string, pointer: string): void {
  if (raw === '*') return;
  if (/\s/.test(raw)) {
    const fixed = raw.replace(/\s+/g, '');
    report(ctx, 'parse/invalid-action', 'whitespace', pointer, `action \`${show(raw)}\` contains whitespace`, 'error', { suggestion: fixed });
  } else if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]*$/.test(raw)) {
    report(ctx, 'parse/invalid-action', 'format', pointer, `action \`${show(raw)}\` is not of the form \`service:action\``);
  }
}

/** Resource/NotResource: `*` or an ARN (`arn:partition:service:region:account:resource`, RES page). */
function checkResource(ctx: ParseContext, raw: string, pointer: string): void {
  if (raw === '*') return;
  if (/\s/.test(raw)) {
    report(ctx, 'parse/invalid-resource', 'whitespace', pointer, `resource \`${show(raw)}\` contains whitespace`, 'error', { suggestion: raw.replace(/\s+/g, '') });
    return;
  }
  const parts = raw.split(':', 6);
  if (parts[0] !== 'arn' || parts.length < 6) {
    report(ctx, 'parse/invalid-resource', 'format', pointer, `resource \`${show(raw)}\` is not \`*\` or an ARN`);
  } else if (/[*?]/.test(parts[2])) {
    // "You can't use a wildcard in the service segment" (Resource page).
    report(ctx, 'parse/invalid-resource', 'wildcardInService', pointer, `resource \`${show(raw)}\` has a wildcard in its service segment`);
  }
}

/** True when a variable appears before the fifth colon of an ARN (VAR page: "only in the resource portion"). */
function variableBeforeResourcePart(parts: readonly TemplatePart[]): boolean {
  let colons = 0;
  for (const part of parts) {
    if (part.kind === 'var') return colons < 5;
    for (const ch of part.text) if (ch === ':') colons++;
  }
  return false;
}

/** Reads Action/NotAction or Resource/NotResource into a ValueSet. */
export function valueSet(ctx: ParseContext, value: unknown, pointer: string, element: 'Action' | 'NotAction' | 'Resource' | 'NotResource'): ValueSet {
  const isAction = element.endsWith('Action');
  const values = stringList(ctx, value, pointer, element).map(({ raw, pointer: p }) => {
    if (isAction) checkAction(ctx, raw, p);
    else checkResource(ctx, raw, p);
    // Variables are honoured in Resource, never in Action (VAR page, "Where you can use policy variables").
    const v = policyValue(ctx, raw, p, !isAction);
    if (v.template !== undefined && variableBeforeResourcePart(v.template)) {
      report(ctx, 'parse/invalid-variable', 'variableOutsideResourcePart', p,
        `policy variable in \`${show(raw)}\` is before the fifth colon: AWS allows variables only in the resource part of an ARN`, 'warning');
    }
    return v;
  });
  return { not: element.startsWith('Not'), values, pointer };
}
