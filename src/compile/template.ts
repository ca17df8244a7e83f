/**
 * @module compile/template
 * Policy variables resolved at evaluation time from precompiled templates, and a RegExp-free
 * wildcard matcher for the resolved values (so evaluation builds no RegExp).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import type { TemplatePart } from '../model/policy.js';
import type { RequestContext } from '../model/request.js';

/** One element of a resolved pattern: literal text, `*` (STAR) or `?` (ONE). */
export type Token = string | typeof STAR | typeof ONE;
/** Any run of characters. */
export const STAR = 0;
/** Exactly one character. */
export const ONE = 1;

/**
 * Resolves a variable: the context value (single-valued keys only), else the default, else
 * undefined. "If a variable is not present in the request context, it is effectively null" (VAR).
 * A multi-valued key cannot stand in a variable (VAR), so an array resolves to undefined.
 */
function resolveVar(part: { readonly key: string; readonly fallback?: string }, ctx: RequestContext): string | undefined {
  const v = ctx.get(part.key);
  if (typeof v === 'string') return v;
  return part.fallback;
}

/** Resolves a template to plain text (for exact comparisons); undefined when a variable is unresolved. */
export function resolveText(parts: readonly TemplatePart[], ctx: RequestContext): string | undefined {
  let out = '';
  for (const p of parts) {
    if (p.kind === 'text') out += p.text;
    else {
      const v = resolveVar(p, ctx);
      if (v === undefined) return undefined;
      out += v;
    }
  }
  return out;
}

/** Splits raw text into tokens, `*` and `?` being wildcards. */
function pushWildcardText(out: Token[], text: string): void {
  let lit = '';
  for (const ch of text) {
    if (ch === '*' || ch === '?') {
      if (lit !== '') out.push(lit);
      lit = '';
      out.push(ch === '*' ? STAR : ONE);
    } else lit += ch;
  }
  if (lit !== '') out.push(lit);
}

/**
 * Resolves a template to a wildcard pattern: the policy's own text keeps its wildcards; escapes
 * (`${*}`) and substituted values are literal — a value from the request cannot widen a pattern.
 */
export function resolvePattern(parts: readonly TemplatePart[], ctx: RequestContext): Token[] | undefined {
  const out: Token[] = [];
  for (const p of parts) {
    if (p.kind === 'text') {
      if (p.literal === true) out.push(p.text);
      else pushWildcardText(out, p.text);
    } else {
      const v = resolveVar(p, ctx);
      if (v === undefined) return undefined;
      if (v !== '') out.push(v);
    }
  }
  return out;
}

/** Flattens tokens to code points, keeping wildcard markers. */
function flatten(tokens: readonly Token[], fold: boolean): (string | 0 | 1)[] {
  const out: (string | 0 | 1)[] = [];
  for (const t of tokens) {
    if (typeof t === 'string') for (const ch of fold ? t.toLowerCase() : t) out.push(ch);
    else out.push(t);
  }
  return out;
}

/** Matches a string against tokens (greedy with backtracking to the last `*`: linear space). */
export function matchTokens(tokens: readonly Token[], s: string, ignoreCase = false): boolean {
  const p = flatten(tokens, ignoreCase);
  const str = Array.from(ignoreCase ? s.toLowerCase() : s);
  let i = 0;
  let j = 0;
  let starP = -1;
  let starS = 0;
  while (i < str.length) {
    const pc = p[j];
    if (j < p.length && (pc === ONE || pc === str[i])) {
      i++;
      j++;
    } else if (j < p.length && pc === STAR) {
      starP = j++;
      starS = i;
    } else if (starP >= 0) {
      j = starP + 1;
      i = ++starS;
    } else return false;
  }
  while (j < p.length && p[j] === STAR) j++;
  return j === p.length;
}

/** Splits tokens on the first five literal colons (ARN components); undefined when fewer. */
export function splitTokensArn(tokens: readonly Token[]): Token[][] | undefined {
  const comps: Token[][] = [[]];
  for (const t of tokens) {
    if (typeof t !== 'string' || comps.length === 6) {
      comps[comps.length - 1].push(t);
      continue;
    }
    let rest = t;
    let c = rest.indexOf(':');
    while (c >= 0 && comps.length < 6) {
      if (c > 0) comps[comps.length - 1].push(rest.slice(0, c));
      comps.push([]);
      rest = rest.slice(c + 1);
      c = rest.indexOf(':');
    }
    if (rest !== '') comps[comps.length - 1].push(rest);
  }
  return comps.length === 6 ? comps : undefined;
}

/**
 * Matches a resolved Resource pattern with the segment rule of compile/wildcard `resourceSource`:
 * a `*` ending a segment (followed by a literal `:` or the end) may cross colons, other wildcards
 * stay inside their segment. Dynamic programming over code points (patterns are short).
 */
export function matchResourceTokens(tokens: readonly Token[], s: string): boolean {
  const p = flatten(tokens, false);
  const str = Array.from(s);
  // crosses[j]: the STAR at p[j] ends its segment.
  const crosses = p.map((c, j) => c === STAR && (j === p.length - 1 || p[j + 1] === ':'));
  let prev: boolean[] = new Array<boolean>(str.length + 1).fill(false);
  prev[0] = true;
  for (let j = 0; j < p.length; j++) {
    const cur: boolean[] = new Array<boolean>(str.length + 1).fill(false);
    const c = p[j];
    for (let i = 0; i <= str.length; i++) {
      if (c === STAR) {
        // Empty match, or extend by one character (a colon only when the star crosses).
        cur[i] = prev[i] || (i > 0 && cur[i - 1] && (crosses[j] || str[i - 1] !== ':'));
      } else if (i > 0 && prev[i - 1]) {
        cur[i] = c === ONE ? str[i - 1] !== ':' : c === str[i - 1];
      }
    }
    prev = cur;
  }
  return prev[str.length];
}
