/**
 * @module parse/template
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, and the escapes
 * `${*}`, `${?}`, `${$}`), parsed once into template parts.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import type { TemplatePart } from '../model/policy.js';

/** A template, or a problem found in a `${…}` that is not a well-formed variable. */
export interface TemplateParse {
  /** Set only when the value holds at least one variable. */
  readonly template?: readonly TemplatePart[];
  /** Problems: `missing-brace`, `empty-variable`, `missing-quote`. */
  readonly problems: readonly string[];
}

/** The escapes AWS defines: they stand for the literal character, not a wildcard. */
const ESCAPES: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };

/** Parses a `${…}` body into a part, or a problem. */
function parseBody(body: string): TemplatePart | string {
  const trimmed = body.trim();
  const esc = ESCAPES[trimmed];
  if (esc !== undefined) return { kind: 'text', text: esc, literal: true };
  if (trimmed === '') return 'empty-variable';
  const comma = trimmed.indexOf(',');
  if (comma < 0) return { kind: 'var', key: trimmed.toLowerCase() };
  const key = trimmed.slice(0, comma).trim();
  const rest = trimmed.slice(comma + 1).trim();
  const m = /^'([^']*)'$/.exec(rest);
  if (key === '') return 'empty-variable';
  if (m === null) return 'missing-quote';
  return { kind: 'var', key: key.toLowerCase(), fallback: m[1] };
}

/**
 * Splits a value into text and variable parts. Only called for values where variables are
 * honoured (Version 2012-10-17, Resource and String/ARN/Bool condition values); elsewhere a
 * `${…}` is plain text. A malformed `${` is kept as literal text and reported.
 */
export function parseTemplate(raw: string): TemplateParse {
  if (!raw.includes('${')) return { problems: [] };
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let text = '';
  let hasVar = false;
  let i = 0;
  while (i < raw.length) {
    const start = raw.indexOf('${', i);
    if (start < 0) {
      text += raw.slice(i);
      break;
    }
    text += raw.slice(i, start);
    const end = raw.indexOf('}', start + 2);
    if (end < 0) {
      problems.push('missing-brace');
      text += raw.slice(start);
      break;
    }
    const part = parseBody(raw.slice(start + 2, end));
    if (typeof part === 'string') {
      problems.push(part);
      text += raw.slice(start, end + 1);
    } else {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push(part);
      hasVar = true;
    }
    i = end + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return hasVar ? { template: parts, problems } : { problems };
}
