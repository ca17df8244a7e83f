/**
 * @module lint/helpers
 * Questions many rules ask of a statement: who is the principal, which conditions are on a key,
 * does a condition really pin the caller. Principal forms:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * Condition operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { compileWildcard } from '../compile/wildcard.js';
import type { PatchOp } from '../model/diagnostic.js';
import type { LintInput, LintTarget } from '../model/lint.js';
import { readDocument } from '../source/document.js';
import type { ConditionClause, PrincipalEntry, Statement } from '../model/policy.js';

/** `"*"`, `{"AWS":"*"}`, `arn:aws:iam::*:root` or `{"CanonicalUser":"*"}`: everyone. */
export function isEveryonePrincipal(entry: PrincipalEntry): boolean {
  if (entry.value === '*') return entry.type === 'AWS' || entry.type === 'CanonicalUser';
  return entry.type === 'AWS' && /^arn:aws[a-z-]*:iam::\*:root$/.test(entry.value);
}

/** The Principal entries of a statement (none for NotPrincipal or a missing Principal). */
export function principalEntries(s: Statement): readonly PrincipalEntry[] {
  return s.principals === undefined || s.principals.not ? [] : s.principals.entries;
}

/**
 * A clause's key as meant: case-folded, whitespace removed (`"kms: CallerAccount"` from copied
 * documentation means kms:CallerAccount; KMS003 reports the whitespace itself).
 */
export function clauseKey(c: ConditionClause): string {
  return /\s/.test(c.key) ? c.key.replace(/\s+/g, '') : c.key;
}

/** The clauses of a statement on one condition key (case-insensitive, whitespace ignored). */
export function clausesOn(s: Statement, key: string): ConditionClause[] {
  const k = key.toLowerCase();
  return s.conditions.filter((c) => clauseKey(c) === k);
}

/**
 * True when the target is a whole policy document (not a lone statement read as one), so that
 * rules about what a policy lacks (KMS110, KMS112) have something complete to judge.
 */
export function isWholePolicy(target: LintTarget): boolean {
  if (target.type !== 'policy') return false;
  const raw = target.raw;
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'Statement' in raw;
}

/** Keys that name the calling account or organization (KMS101 "pinning" keys). */
const CALLER_KEYS = new Set(['aws:principalaccount', 'kms:calleraccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn']);
/** Keys that name the account on whose behalf a service calls (confused-deputy keys). */
const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceowner']);

/** `arn:partition:service:region:account:…` → the account field, if it is 12 digits. */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const acct = parts[4] ?? '';
  return /^[0-9]{12}$/.test(acct) ? acct : undefined;
}

/**
 * True when a clause admits only known, fixed values: an exact-match operator (`StringEquals`,
 * `ArnEquals`; not `…Like`, since `*`/`?` make it a pattern), no `IfExists` (absent key would
 * pass), no `ForAnyValue`/`ForAllValues` (ForAllValues is true on an absent key), and no value
 * with a wildcard character or a policy variable.
 */
export function isExactClause(c: ConditionClause): boolean {
  if (c.ifExists || c.set !== null) return false;
  if (c.operator !== 'StringEquals' && c.operator !== 'ArnEquals') return false;
  if (c.values.length === 0) return false;
  return c.values.every((v) => v.template === undefined && !/[*?]/.test(v.raw));
}

/**
 * True when the clause pins the caller to named accounts or organizations (lint-catalogue.md §6
 * KMS101): an exact clause on a caller key, or on a source key for calls made by services. An
 * `aws:PrincipalArn` pins only when every value names an explicit account.
 */
export function isPinningClause(c: ConditionClause): boolean {
  if (!isExactClause(c)) return false;
  // A principal ARN without an account (`arn:aws:iam::*:role/x`) would be a pattern, not a pin.
  const key = clauseKey(c);
  if (key === 'aws:principalarn') return c.values.every((v) => arnAccount(v.raw) !== undefined);
  return CALLER_KEYS.has(key) || SOURCE_KEYS.has(key);
}

/** The clauses of a statement that pin the caller (see {@link isPinningClause}). */
export function pinningClauses(s: Statement): ConditionClause[] {
  return s.conditions.filter(isPinningClause);
}

/** The statement's label for messages: its Sid, or `#<index>`. */
export function statementLabel(s: Statement): string {
  return s.ref.sid;
}

/** The JSON value at a (document-relative) pointer, or undefined. */
export function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let cur: unknown = doc;
  const escaped = pointer.includes('~');
  for (const seg of pointer.slice(1).split('/')) {
    const key = escaped ? seg.replace(/~1/g, '/').replace(/~0/g, '~') : seg;
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (typeof cur === 'object' && cur !== null) cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** Escapes one pointer segment (RFC 6901 §3) and appends it. */
export function appendPointer(pointer: string, seg: string | number): string {
  return `${pointer}/${String(seg).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * True when IAM wildcard `pattern` matches the literal `value` (case-insensitive, as action
 * names are). Used to find values made redundant by a wildcard in the same element.
 */
export function wildcardMatches(pattern: string, value: string): boolean {
  return compileWildcard(pattern, { ignoreCase: true })(value);
}

/** The account owning a policy target's resource: as the reader says, or from the key ARN. */
export function ownerAccountOf(target: LintTarget): string | undefined {
  if (target.type !== 'policy') return undefined;
  return target.ownerAccount ?? (target.keyId === undefined ? undefined : arnAccount(target.keyId));
}

/** The account an AWS principal entry belongs to (`arn:…:iam::ACCT:…` or a bare account id). */
export function principalAccount(entry: PrincipalEntry): string | undefined {
  if (entry.type !== 'AWS') return undefined;
  if (/^[0-9]{12}$/.test(entry.raw)) return entry.raw;
  return arnAccount(entry.value.replace(/\s+/g, ''));
}

/** `arn:…:iam::ACCT:root` or a bare account id: the account principal (delegates to IAM). */
export function isAccountRoot(entry: PrincipalEntry): boolean {
  if (entry.type !== 'AWS') return false;
  return /^[0-9]{12}$/.test(entry.raw) || /^arn:aws[a-z-]*:iam::[0-9]{12}:root$/.test(entry.value.replace(/\s+/g, ''));
}

const documents = new WeakMap<LintInput, unknown>();

/** The whole file as a JSON value (for rules that look beyond the targets, e.g. KMS109), read once. */
export function inputDocument(input: LintInput): unknown {
  if (!documents.has(input)) documents.set(input, readDocument(input.text, input.file).value);
  return documents.get(input);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Moves a condition clause to another operator block of the same Condition: `rename` maps the
 * operator as written (`ForAllValues:StringEquals`) to the new one. The old block is removed when
 * it empties. None when nothing would change or the new block already has the key. Used by
 * KMS301, KMS303, KMS304 and KMS308, whose fixes and suggestions change only the operator.
 */
export function moveClause(raw: unknown, c: ConditionClause, rename: (operator: string) => string): PatchOp[] {
  const opPointer = c.pointer.slice(0, c.pointer.lastIndexOf('/'));
  const condPointer = opPointer.slice(0, opPointer.lastIndexOf('/'));
  const block = valueAt(raw, opPointer);
  const cond = valueAt(raw, condPointer);
  const value = valueAt(raw, c.pointer);
  if (!isObj(block) || !isObj(cond) || value === undefined) return [];
  const opName = Object.keys(cond).find((k) => appendPointer(condPointer, k) === opPointer);
  const keyName = Object.keys(block).find((k) => appendPointer(opPointer, k) === c.pointer);
  if (opName === undefined || keyName === undefined) return [];
  const next = rename(opName);
  const target = cond[next];
  if (next === opName || (isObj(target) && keyName in target)) return [];
  const ops: PatchOp[] = [{ op: 'remove', path: Object.keys(block).length === 1 ? opPointer : c.pointer }];
  if (isObj(target)) return [...ops, { op: 'add', path: appendPointer(appendPointer(condPointer, next), keyName), value }];
  return [...ops, { op: 'add', path: appendPointer(condPointer, next), value: { [keyName]: value } }];
}

/** The pointer of a grant's Operations entry for `op` (any spelling of the field), or the field's, or the grant's. */
export function grantOperationPointer(t: Extract<LintTarget, { type: 'grant' }>, op: string): string {
  const raw = t.raw;
  if (typeof raw !== 'object' || raw === null) return t.pointer;
  const field = Object.keys(raw).find((k) => k.replace(/_/g, '').toLowerCase() === 'operations');
  if (field === undefined) return t.pointer;
  const list = valueAt(raw, `/${field}`);
  const base = appendPointer(t.pointer, field);
  const i = Array.isArray(list) ? list.findIndex((v) => typeof v === 'string' && v.replace(/^kms:/i, '') === op) : -1;
  return i < 0 ? base : appendPointer(base, i);
}
