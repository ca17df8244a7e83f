/**
 * @module parse/policy
 * A policy document (object, or a JSON string of one as the AWS CLI, CloudFormation and Terraform
 * give them) → NormalizedPolicy + diagnostics. Never throws.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';
import type { NormalizedPolicy, Statement } from '../model/policy.js';
import type { PolicyKind, PolicyRef } from '../model/refs.js';
import { readDocument } from '../source/document.js';
import { appendPointer } from '../source/pointer.js';
import { entries, isObject, jsonType, report, show } from './context.js';
import type { ParseContext } from './context.js';
import { parseStatement } from './statement.js';

/** Options of {@link parsePolicy}. */
export interface ParsePolicyOptions {
  readonly kind: PolicyKind;
  /** Unique id of the policy in its world, e.g. `key-policy:arn:aws:kms:…`. */
  readonly id: string;
  readonly file?: string;
  /** Absolute pointer of the policy in `file` ('' when the file is the policy). */
  readonly pointer?: string;
  /** Positions in `file`; without it, every position is 1:1 (or the string's own, for a string). */
  readonly locate?: Locator;
}

/** The normalized policy and the problems found. */
export interface ParsePolicyResult {
  readonly policy: NormalizedPolicy;
  readonly diagnostics: Diagnostic[];
}

const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const TOP = ['Version', 'Id', 'Statement'] as const;
/** Elements that only a statement has: their presence at the top marks a bare statement. */
const STATEMENT_ONLY = ['Effect', 'Action', 'NotAction', 'Principal', 'NotPrincipal', 'Resource', 'NotResource', 'Condition', 'Sid'];

/** Decodes a policy given as a JSON string; its positions are the string's own or the string's location. */
function decodeString(text: string, opts: ParsePolicyOptions, file: string, base: string): { value: unknown; locate: Locator; diagnostics: Diagnostic[] } {
  const inner = readDocument(text, file.endsWith('.json') || opts.locate !== undefined ? 'policy.json' : file);
  if (opts.locate === undefined) {
    // The string is the whole input: its own positions are the best there are.
    return { value: inner.value, locate: inner.locate, diagnostics: inner.diagnostics.map((d) => ({ ...d, file, pointer: base + d.pointer })) };
  }
  // Embedded in a file as a string: everything is reported at the string's location, with the
  // position inside the string in the message.
  const outer = opts.locate;
  const at = outer(base);
  const diagnostics = inner.diagnostics.map((d) => ({
    ...d, file, pointer: base, line: at.line, column: at.column,
    message: `${d.message} (at ${String(d.line)}:${String(d.column)} inside the policy string)`,
  }));
  return { value: inner.value, locate: () => outer(base), diagnostics };
}

/**
 * IAM's API returns policy documents URL-encoded (RFC 3986), e.g. GetPolicyVersion's `Document`
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html): such a string
 * (starting `%7B`) is decoded first; an undecodable one is reported and read as is.
 */
function urlDecoded(text: string, diagnostics: Diagnostic[], file: string, pointer: string, locate?: Locator): string {
  if (!/^\s*%7B/i.test(text)) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    const at = locate?.(pointer) ?? { line: 1, column: 1 };
    diagnostics.push({
      code: 'parse/invalid-json', messageId: 'urlDecode', severity: 'error', message: 'the URL-encoded policy document cannot be decoded',
      file, pointer, line: at.line, column: at.column,
    });
    return text;
  }
}

/**
 * Parses a policy document of any kind into the normalized model. `input` is an object or a
 * JSON string of one. Problems are diagnostics (codes `parse/…`) with pointer, line and column;
 * the model is always returned, as complete as the input allows.
 */
export function parsePolicy(input: unknown, opts: ParsePolicyOptions): ParsePolicyResult {
  const file = opts.file ?? '<input>';
  const base = opts.pointer ?? '';
  const ref: PolicyRef = { kind: opts.kind, id: opts.id, ...(opts.file === undefined ? {} : { file: opts.file }), pointer: base };
  let value = input;
  let locate: Locator = opts.locate ?? (() => ({ line: 1, column: 1 }));
  const diagnostics: Diagnostic[] = [];
  if (typeof input === 'string') {
    const d = decodeString(urlDecoded(input, diagnostics, file, base, opts.locate), opts, file, base);
    value = d.value;
    locate = d.locate;
    diagnostics.push(...d.diagnostics);
  }
  const ctx: ParseContext = { file, base, locate, diagnostics, allowVariables: false };
  const statements: Statement[] = [];
  let version: string | undefined;
  let id: string | undefined;

  const addStatements = (raw: unknown, pointer: string): void => {
    const list = Array.isArray(raw) ? raw : [raw];
    list.forEach((s: unknown, i) => {
      const st = parseStatement(ctx, s, i, Array.isArray(raw) ? appendPointer(pointer, i) : pointer, ref, opts.kind);
      if (st !== undefined) statements.push(st);
    });
  };

  if (value === undefined && diagnostics.length > 0) {
    // Undecodable text: already reported.
  } else if (Array.isArray(value)) {
    report(ctx, 'parse/invalid-type', 'policyIsArray', '', 'a policy must be an object with `Statement`, not an array: read as a list of statements');
    addStatements(value, '');
  } else if (!isObject(value)) {
    report(ctx, 'parse/invalid-type', 'policyNotObject', '', `a policy must be an object, not ${jsonType(value)}`);
  } else if (!('Statement' in value) && STATEMENT_ONLY.some((k) => k in value)) {
    // A statement pasted where a policy belongs (common when copying from the AWS docs).
    report(ctx, 'parse/bare-statement', 'bareStatement', '', 'this is a single statement, not a policy: wrap it as {"Version": "2012-10-17", "Statement": [ … ]}');
    ctx.allowVariables = false;
    addStatements(value, '');
  } else {
    for (const [key] of entries(value)) {
      const p = appendPointer('', key);
      const known = TOP.find((t) => t === key);
      if (known === undefined) {
        const loose = TOP.find((t) => t.toLowerCase() === key.toLowerCase());
        report(ctx, 'parse/unknown-element', loose === undefined ? 'unknownPolicyElement' : 'wrongCase', p,
          loose === undefined ? `unknown policy element \`${show(key)}\`` : `element \`${key}\` must be written \`${loose}\``, 'error',
          loose === undefined ? {} : { suggestion: loose });
      }
    }
    const v = value.Version;
    if (v !== undefined) {
      if (typeof v === 'string' && VERSIONS.has(v)) version = v;
      else report(ctx, 'parse/invalid-version', 'invalidVersion', '/Version', `\`Version\` must be \`2012-10-17\` or \`2008-10-17\`, not \`${show(v)}\``);
    }
    if (value.Id !== undefined) {
      if (typeof value.Id === 'string') id = value.Id;
      else report(ctx, 'parse/invalid-type', 'idNotString', '/Id', `\`Id\` must be a string, not ${jsonType(value.Id)}`);
    }
    // Policy variables need Version 2012-10-17; otherwise `${…}` is literal text (VER page).
    ctx.allowVariables = version === '2012-10-17';
    if (value.Statement === undefined) report(ctx, 'parse/missing-element', 'missingStatement', '', 'policy has no `Statement`');
    else if (isObject(value.Statement) || Array.isArray(value.Statement)) addStatements(value.Statement, '/Statement');
    else report(ctx, 'parse/invalid-type', 'statementNotObject', '/Statement', `\`Statement\` must be an object or an array, not ${jsonType(value.Statement)}`);
  }
  reportDuplicateSids(ctx, statements);
  // Reading order, as editors and ESLint list problems (sort is stable for equal positions).
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const policy: NormalizedPolicy = {
    ref, kind: opts.kind, statements,
    ...(version === undefined ? {} : { version }),
    ...(id === undefined ? {} : { id }),
  };
  return { policy, diagnostics };
}

/** "Sid values must be unique within a policy" (IAM Sid page). */
function reportDuplicateSids(ctx: ParseContext, statements: readonly Statement[]): void {
  const seen = new Set<string>();
  for (const s of statements) {
    if (s.ref.sid.startsWith('#')) continue;
    if (seen.has(s.ref.sid)) report(ctx, 'parse/duplicate-sid', 'duplicateSid', appendPointer(s.ref.pointer, 'Sid'), `duplicate \`Sid\` \`${show(s.ref.sid)}\``, 'warning');
    seen.add(s.ref.sid);
  }
}
