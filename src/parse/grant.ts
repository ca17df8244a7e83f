/**
 * @module parse/grant
 * A grant in the contract's world shape (grantId, granteePrincipal, operations without `kms:`, …)
 * or the ListGrants/CreateGrant API shape (GrantId, GranteePrincipal, Operations, …) → NormalizedGrant.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantListEntry.html
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';
import type { GrantConstraints, NormalizedGrant } from '../model/policy.js';
import { actionInfo, GRANT_OPERATIONS, suggestAction } from '../catalogue/index.js';
import { appendPointer } from '../source/pointer.js';
import { entries, isObject, jsonType, report, show } from './context.js';
import type { ParseContext } from './context.js';

/** Options of {@link parseGrant}. */
export interface ParseGrantOptions {
  /** The key the grant is on (ListGrants entries carry `KeyId`, which wins when it is an ARN). */
  readonly keyArn: string;
  readonly file?: string;
  readonly pointer?: string;
  readonly locate?: Locator;
}

/** The normalized grant and the problems found. */
export interface ParseGrantResult {
  readonly grant: NormalizedGrant;
  readonly diagnostics: Diagnostic[];
}

/** Reads a field under its world name or its API name; returns the pointer it was found at. */
function field(ctx: ParseContext, o: Record<string, unknown>, names: readonly string[]): { value: unknown; pointer: string } | undefined {
  for (const n of names) if (Object.hasOwn(o, n)) return { value: o[n], pointer: appendPointer('', n) };
  return undefined;
}

/** Reads a required or optional string field. */
function str(ctx: ParseContext, o: Record<string, unknown>, names: readonly string[], required: boolean): string | undefined {
  const f = field(ctx, o, names);
  if (f === undefined) {
    if (required) report(ctx, 'parse/missing-element', `missing${names[1] ?? names[0]}`, '', `grant has no \`${names[0]}\``);
    return undefined;
  }
  if (typeof f.value === 'string') return f.value;
  report(ctx, 'parse/invalid-type', 'expectedString', f.pointer, `\`${names[0]}\` must be a string, not ${jsonType(f.value)}`);
  return undefined;
}

/** Reads an encryption-context map (string → string). */
function contextMap(ctx: ParseContext, value: unknown, pointer: string): Record<string, string> | undefined {
  if (!isObject(value)) {
    report(ctx, 'parse/invalid-type', 'expectedObject', pointer, `grant constraint must be an object of strings, not ${jsonType(value)}`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of entries(value)) {
    if (typeof v === 'string') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else report(ctx, 'parse/invalid-type', 'expectedString', appendPointer(pointer, k), `encryption context value must be a string, not ${jsonType(v)}`);
  }
  return out;
}

/** Reads Constraints: EncryptionContextSubset and/or EncryptionContextEquals (either casing). */
function constraints(ctx: ParseContext, o: Record<string, unknown>): GrantConstraints | undefined {
  const f = field(ctx, o, ['constraints', 'Constraints']);
  if (f === undefined || f.value === null) return undefined;
  if (!isObject(f.value)) {
    report(ctx, 'parse/invalid-type', 'expectedObject', f.pointer, `\`constraints\` must be an object, not ${jsonType(f.value)}`);
    return undefined;
  }
  let subset: Record<string, string> | undefined;
  let equals: Record<string, string> | undefined;
  for (const [k, v] of entries(f.value)) {
    const p = appendPointer(f.pointer, k);
    const lower = k.toLowerCase();
    if (lower === 'encryptioncontextsubset') subset = contextMap(ctx, v, p);
    else if (lower === 'encryptioncontextequals') equals = contextMap(ctx, v, p);
    else report(ctx, 'parse/unknown-element', 'unknownConstraint', p, `unknown grant constraint \`${show(k)}\``);
  }
  return { ...(subset === undefined ? {} : { encryptionContextSubset: subset }), ...(equals === undefined ? {} : { encryptionContextEquals: equals }) };
}

/** A "did you mean" among the grant operations, as ListGrants spells them. */
function suggestGrantable(op: string): { suggestion?: string } {
  const s = suggestAction(op);
  const short = s?.slice(4);
  return short !== undefined && GRANT_OPERATIONS.includes(short) ? { suggestion: short } : {};
}

/** Parses a grant of either shape. Never throws; problems are `parse/…` diagnostics. */
export function parseGrant(input: unknown, opts: ParseGrantOptions): ParseGrantResult {
  const file = opts.file ?? '<input>';
  const base = opts.pointer ?? '';
  const ctx: ParseContext = { file, base, locate: opts.locate ?? (() => ({ line: 1, column: 1 })), diagnostics: [], allowVariables: false };
  const o = isObject(input) ? input : {};
  if (!isObject(input)) report(ctx, 'parse/invalid-type', 'grantNotObject', '', `a grant must be an object, not ${jsonType(input)}`);
  const keyId = str(ctx, o, ['KeyId', 'keyId'], false);
  const keyArn = keyId?.startsWith('arn:') === true ? keyId : opts.keyArn;
  const grantId = str(ctx, o, ['grantId', 'GrantId'], true) ?? `#${base}`;
  const name = str(ctx, o, ['name', 'Name'], false);
  const grantee = str(ctx, o, ['granteePrincipal', 'GranteePrincipal'], true) ?? '';
  const retiring = str(ctx, o, ['retiringPrincipal', 'RetiringPrincipal'], false);
  const issuing = str(ctx, o, ['issuingAccount', 'IssuingAccount'], false);
  const opsField = field(ctx, o, ['operations', 'Operations']);
  const operations: string[] = [];
  if (opsField === undefined) report(ctx, 'parse/missing-element', 'missingOperations', '', 'grant has no `operations`');
  else if (!Array.isArray(opsField.value)) report(ctx, 'parse/invalid-type', 'expectedArray', opsField.pointer, `\`operations\` must be an array, not ${jsonType(opsField.value)}`);
  else {
    opsField.value.forEach((op: unknown, i) => {
      const p = appendPointer(opsField.pointer, i);
      if (typeof op !== 'string' || op === '') report(ctx, 'parse/invalid-type', 'expectedString', p, `each grant operation must be a non-empty string, not ${jsonType(op)}`);
      else {
        // ListGrants lists operations without the `kms:` prefix; the model holds action names.
        const name = op.toLowerCase().startsWith('kms:') ? `kms:${op.slice(4)}` : `kms:${op}`;
        const info = actionInfo(name);
        if (info?.grantable !== true) {
          // CreateGrant refuses other operations (grants.html, "Grant operations").
          report(ctx, 'parse/invalid-grant-operation', 'notGrantable', p, `\`${show(op)}\` is not a grant operation`, 'error',
            suggestGrantable(op));
        }
        operations.push(info?.grantable === true ? info.name : name);
      }
    });
  }
  const cons = constraints(ctx, o);
  // The issuing account defaults to the key's account (grants are created in the key's account).
  const keyAccount = keyArn.split(':')[4] ?? '';
  let issuingAccount = issuing ?? `arn:aws:iam::${keyAccount}:root`;
  if (/^\d{12}$/.test(issuingAccount)) issuingAccount = `arn:aws:iam::${issuingAccount}:root`;
  const grant: NormalizedGrant = {
    ref: { kind: 'grant', id: `grant:${keyArn}:${grantId}`, ...(opts.file === undefined ? {} : { file: opts.file }), pointer: base },
    grantId,
    ...(name === undefined ? {} : { name }),
    keyArn,
    granteePrincipal: grantee,
    ...(retiring === undefined ? {} : { retiringPrincipal: retiring }),
    operations,
    ...(cons === undefined ? {} : { constraints: cons }),
    issuingAccount,
  };
  return { grant, diagnostics: ctx.diagnostics };
}
