/**
 * @module parse/principal
 * Principal/NotPrincipal in every form AWS accepts: `"*"`, `{"AWS": …}` (account id, account,
 * user, role, assumed-role session, federated-user ARNs), `Service`, `Federated`, `CanonicalUser`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import type { PrincipalEntry, PrincipalSet, PrincipalType } from '../model/policy.js';
import { appendPointer } from '../source/pointer.js';
import { entries, isObject, jsonType, report, show } from './context.js';
import type { ParseContext } from './context.js';
import { stringList } from './values.js';

const TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Statement elements that people sometimes indent into Principal by mistake. */
const STATEMENT_ELEMENTS = new Set(['Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Effect', 'Sid']);

/** Normalizes one `AWS` principal: a bare account id is the account principal (PR page). */
function awsEntry(ctx: ParseContext, raw: string, pointer: string): PrincipalEntry {
  if (/^\d{12}$/.test(raw)) return { type: 'AWS', value: `arn:aws:iam::${raw}:root`, raw, pointer };
  if (raw !== '*') {
    if (/\s/.test(raw)) {
      report(ctx, 'parse/invalid-principal', 'whitespace', pointer, `principal \`${show(raw)}\` contains whitespace`, 'error', {
        suggestion: raw.replace(/\s+/g, ''),
      });
    } else if (raw.startsWith('arn:')) {
      const parts = raw.split(':');
      if (parts.length < 6 || (parts[2] !== 'iam' && parts[2] !== 'sts')) {
        report(ctx, 'parse/invalid-principal', 'format', pointer, `principal \`${show(raw)}\` is not an IAM or STS ARN`);
      } else if (raw.includes('*') || raw.includes('?')) {
        // "You cannot use a wildcard to match part of a principal name or ARN." (PR page)
        report(ctx, 'parse/invalid-principal', 'partialWildcard', pointer, `principal \`${show(raw)}\` uses a wildcard inside an ARN`);
      }
    } else if (!/^A[A-Z0-9]{15,127}$/.test(raw)) {
      // Unique ids (AIDA…, AROA…) appear when a principal was deleted; anything else is invalid.
      report(ctx, 'parse/invalid-principal', 'format', pointer, `principal \`${show(raw)}\` is not \`*\`, an account id or an ARN`);
    }
  }
  return { type: 'AWS', value: raw, raw, pointer };
}

/** Reads Principal or NotPrincipal. */
export function principalSet(ctx: ParseContext, value: unknown, pointer: string, element: 'Principal' | 'NotPrincipal'): PrincipalSet {
  const not = element === 'NotPrincipal';
  if (value === '*') return { not, entries: [{ type: 'AWS', value: '*', raw: '*', pointer }], pointer };
  if (!isObject(value)) {
    const message = typeof value === 'string'
      ? `\`${element}\` must be \`*\` or an object such as {"AWS": …}, not the string \`${show(value)}\``
      : `\`${element}\` must be \`*\` or an object, not ${jsonType(value)}`;
    report(ctx, 'parse/invalid-type', 'invalidPrincipal', pointer, message);
    return { not, entries: [], pointer };
  }
  const out: PrincipalEntry[] = [];
  for (const [key, v] of entries(value)) {
    const p = appendPointer(pointer, key);
    const type = TYPES.find((t) => t === key) ?? TYPES.find((t) => t.toLowerCase() === key.toLowerCase());
    if (type === undefined) {
      const help = STATEMENT_ELEMENTS.has(key) ? `\`${key}\` is a statement element: move it out of \`${element}\`` : undefined;
      report(ctx, 'parse/unknown-principal-type', 'unknownType', p, `unknown principal type \`${show(key)}\` in \`${element}\``, 'error',
        help === undefined ? {} : { help });
      continue;
    }
    if (type !== key) report(ctx, 'parse/unknown-principal-type', 'wrongCase', p, `principal type \`${key}\` must be written \`${type}\``, 'error', { suggestion: type });
    for (const { raw, pointer: ep } of stringList(ctx, v, p, `${element}.${type}`, type === 'AWS')) {
      out.push(type === 'AWS' ? awsEntry(ctx, raw, ep) : { type, value: raw, raw, pointer: ep });
    }
  }
  return { not, entries: out, pointer };
}
