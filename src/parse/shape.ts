/**
 * @module parse/shape
 * JSON Schema validation of input shapes (policy document, grant, world, request, policy test
 * file), compiled once with ajv; ajv's `instancePath` becomes a pointer with line and column.
 * The input types are derived from the same schemas (json-schema-to-ts), never written twice.
 * Policy grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FromSchema } from 'json-schema-to-ts';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';
import type { grantSchema, policyDocumentSchema, policyTestFileSchema, requestSchema, worldSchema } from '../model/generated/schemas.js';
import { appendPointer } from '../source/pointer.js';
import * as standalone from './generated/validators.js';

/** A world file (contract "World"). */
export type WorldInput = FromSchema<typeof worldSchema>;
/** A request (contract "Request"). */
export type RequestInput = FromSchema<typeof requestSchema>;
/** A policy test file (contract "Policy test file"). */
export type PolicyTestFileInput = FromSchema<typeof policyTestFileSchema>;
/** A grant in the world shape or the ListGrants shape. */
export type GrantInput = FromSchema<typeof grantSchema>;
/** An IAM policy document of any kind. */
export type PolicyDocumentInput = FromSchema<typeof policyDocumentSchema>;

/** The shapes {@link validateShape} knows. */
export type ShapeName = 'world' | 'request' | 'policy' | 'grant' | 'test-file';

// The validators are ajv standalone code generated at build-authoring time from schemas/ by
// scripts/gen-schemas.js (ajv options: allErrors, strict, allowUnionTypes, verbose), so nothing is
// compiled at start-up; a test keeps them in step with the schemas.
const VALIDATORS: Readonly<Record<ShapeName, ValidateFunction>> = {
  world: standalone.world as ValidateFunction,
  request: standalone.request as ValidateFunction,
  policy: standalone.policy as ValidateFunction,
  grant: standalone.grant as ValidateFunction,
  'test-file': standalone.testFile as ValidateFunction,
};

/** Where the value sits: its file, a locator, and its pointer in the file. */
export interface ShapeWhere {
  readonly file: string;
  readonly locate: Locator;
  readonly pointer?: string;
}

/** JSON type of a value, for messages. */
function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Words for one ajv error (lowercase, user input in backticks); the pointer it belongs at. */
function describe(e: ErrorObject): { pointer: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { pointer: e.instancePath, message: `missing required property \`${String(p.missingProperty)}\`` };
    case 'additionalProperties':
      return { pointer: appendPointer(e.instancePath, String(p.additionalProperty)), message: `unknown property \`${String(p.additionalProperty)}\`` };
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).map((x) => `\`${String(x)}\``).join(', ')}, not \`${String(e.data)}\`` };
    case 'const':
      return { pointer: e.instancePath, message: `must be \`${String(p.allowedValue)}\`` };
    case 'type':
      return { pointer: e.instancePath, message: `must be ${String(p.type).replace(',', ' or ')}, not ${typeName(e.data)}` };
    case 'pattern':
      return { pointer: e.instancePath, message: `\`${String(e.data)}\` does not match the expected form \`${String(p.pattern)}\`` };
    case 'anyOf':
    case 'oneOf': {
      const d = (e.parentSchema as { description?: string } | undefined)?.description;
      return { pointer: e.instancePath, message: `must be ${d ?? 'one of the allowed forms'}, not ${typeName(e.data)}` };
    }
    default:
      return { pointer: e.instancePath, message: (e.message ?? 'is invalid').replace(/\.$/, '') };
  }
}

/** Errors that only say "this branch expects another kind of value". */
const MISMATCH = new Set(['type', 'const', 'enum', 'anyOf', 'oneOf']);

/**
 * Keeps the errors a user can act on. For a failed `anyOf` at P: when some branch accepted the
 * kind of value and then found a real problem (a missing or unknown property, a deeper error),
 * those problems are reported and the other branches' mismatches dropped; when no branch
 * accepted the kind of value, only the union error is kept, worded from the schema's description.
 */
function prune(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => b.instancePath.length - a.instancePath.length);
  for (const u of unions) {
    if (dropped.has(u)) continue;
    const at = u.instancePath;
    const sub = errors.filter((e) => e !== u && !dropped.has(e) && (e.instancePath === at || e.instancePath.startsWith(`${at}/`)));
    const mismatch = (e: ErrorObject): boolean => e.instancePath === at && MISMATCH.has(e.keyword);
    if (sub.some((e) => !mismatch(e))) {
      dropped.add(u);
      for (const e of sub) if (mismatch(e)) dropped.add(e);
    } else {
      for (const e of sub) dropped.add(e);
    }
  }
  return errors.filter((e) => !dropped.has(e));
}

/**
 * Validates a value against one of the input schemas. Every problem is a diagnostic with code
 * `schema/<keyword>`, an absolute pointer, and the line and column of that pointer.
 */
export function validateShape(schema: ShapeName, value: unknown, where: ShapeWhere): Diagnostic[] {
  const validate = VALIDATORS[schema];
  if (validate(value)) return [];
  const base = where.pointer ?? '';
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of prune(validate.errors ?? [])) {
    const { pointer, message } = describe(e);
    const abs = base + pointer;
    const key = `${e.keyword} ${abs} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pos = where.locate(abs);
    out.push({ code: `schema/${e.keyword}`, messageId: e.keyword, severity: 'error', message, file: where.file, pointer: abs, line: pos.line, column: pos.column });
  }
  return out;
}
