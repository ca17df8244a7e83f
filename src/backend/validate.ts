/**
 * @module backend/validate
 * Request validation in the form the KMS JSON protocol answers it: member constraints from the
 * KMS API reference (required, length, range, pattern, enum), reported as
 * `N validation error(s) detected: Value '…' at 'memberName' failed to satisfy constraint: …`
 * (field names lower-camel, blob values omitted, as recorded against AWS). A value of the wrong
 * JSON type is a SerializationException, as AWS's JSON protocol answers it.
 * https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html
 */
import { fail } from './errors.js';

/** The constraint set of one request member. Patterns are compiled once at module load. */
export type FieldSpec =
  | { readonly kind: 'string'; readonly required?: boolean; readonly min?: number; readonly max?: number; readonly pattern?: RegExp; readonly enum?: readonly string[] }
  | { readonly kind: 'blob'; readonly required?: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'int'; readonly required?: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'bool'; readonly required?: boolean }
  | { readonly kind: 'map'; readonly required?: boolean }
  | { readonly kind: 'list'; readonly required?: boolean; readonly min?: number; readonly max?: number; readonly of: FieldSpec }
  | { readonly kind: 'tags'; readonly required?: boolean }
  | { readonly kind: 'object'; readonly required?: boolean; readonly fields: OperationSchema };

/** The members of one operation's request. */
export type OperationSchema = Readonly<Record<string, FieldSpec>>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function checkString(v: string, spec: Extract<FieldSpec, { kind: 'string' }>, at: string, out: string[]): void {
  const shown = `Value '${v}' at '${at}'`;
  if (spec.min !== undefined && v.length < spec.min) out.push(`${shown} failed to satisfy constraint: Member must have length greater than or equal to ${spec.min}`);
  if (spec.max !== undefined && v.length > spec.max) out.push(`${shown} failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`);
  if (spec.pattern && !spec.pattern.test(v)) out.push(`${shown} failed to satisfy constraint: Member must satisfy regular expression pattern: ${spec.pattern.source}`);
  if (spec.enum && !spec.enum.includes(v)) out.push(`${shown} failed to satisfy constraint: Member must satisfy enum value set: [${spec.enum.join(', ')}]`);
}

function typeError(at: string, expected: string): never {
  return fail('SerializationException', `Value at '${at}' must be ${expected}`);
}

function checkValue(v: unknown, spec: FieldSpec, at: string, out: string[]): void {
  switch (spec.kind) {
    case 'string':
      if (typeof v !== 'string') typeError(at, 'a string');
      checkString(v, spec, at, out);
      return;
    case 'blob': {
      if (typeof v !== 'string' || !BASE64.test(v) || v.length % 4 === 1) typeError(at, 'a base64-encoded blob');
      const n = Buffer.from(v, 'base64').length;
      if (spec.min !== undefined && n < spec.min) out.push(`Value at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) out.push(`Value at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`);
      return;
    }
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) typeError(at, 'an integer');
      if (spec.min !== undefined && v < spec.min) out.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must have value greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && v > spec.max) out.push(`Value '${v}' at '${at}' failed to satisfy constraint: Member must have value less than or equal to ${spec.max}`);
      return;
    case 'bool':
      if (typeof v !== 'boolean') typeError(at, 'a boolean');
      return;
    case 'map':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) typeError(at, 'a map of strings');
      for (const x of Object.values(v as Record<string, unknown>)) if (typeof x !== 'string') typeError(at, 'a map of strings');
      return;
    case 'list':
      if (!Array.isArray(v)) typeError(at, 'a list');
      if (spec.min !== undefined && v.length < spec.min) out.push(`Value '[${v.join(', ')}]' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && v.length > spec.max) out.push(`Value '[${v.join(', ')}]' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`);
      (v as unknown[]).forEach((x, i) => {
        checkValue(x, spec.of, `${at}.${i + 1}.member`, out);
      });
      return;
    case 'tags':
      if (!Array.isArray(v)) typeError(at, 'a list of tags');
      (v as unknown[]).forEach((t, i) => {
        if (typeof t !== 'object' || t === null) typeError(`${at}.${i + 1}.member`, 'a tag');
        checkMembers(t as Record<string, unknown>, TAG_SCHEMA, `${at}.${i + 1}.member.`, out);
      });
      return;
    case 'object':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) typeError(at, 'an object');
      checkMembers(v as Record<string, unknown>, spec.fields, `${at}.`, out);
      return;
  }
}

function checkMembers(input: Record<string, unknown>, schema: OperationSchema, prefix: string, out: string[]): void {
  for (const [name, spec] of Object.entries(schema)) {
    const v = input[name];
    const at = prefix + lowerCamel(name);
    if (v === undefined || v === null) {
      if (spec.required) out.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
      continue;
    }
    checkValue(v, spec, at, out);
  }
}

const TAG_SCHEMA: OperationSchema = {
  TagKey: { kind: 'string', required: true, min: 1, max: 128 },
  TagValue: { kind: 'string', required: true, min: 0, max: 256 },
};

/**
 * Validates `input` against `schema`; on failure aborts with ValidationException listing every
 * violation (AWS reports them all in one message). Unknown members are tolerated, as AWS does.
 */
export function validateInput(input: Record<string, unknown>, schema: OperationSchema): void {
  const out: string[] = [];
  checkMembers(input, schema, '', out);
  if (out.length === 0) return;
  const n = out.length;
  fail('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${out.join('; ')}`);
}
