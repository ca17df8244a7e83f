/**
 * @module backend/operations/params
 * Reading validated request members (the validator has checked types and constraints already),
 * and the wire forms of the KMS JSON protocol: blobs as base64 strings, timestamps as epoch
 * seconds. https://docs.aws.amazon.com/kms/latest/APIReference/CommonParameters.html
 */
import { DRY_RUN_MESSAGE, fail } from '../errors.js';

/** A request's members, already validated. */
export type Input = Readonly<Record<string, unknown>>;

/** A string member, or undefined. */
export function optStr(input: Input, name: string): string | undefined {
  const v = input[name];
  return typeof v === 'string' ? v : undefined;
}

/** A required string member (the validator guarantees presence). */
export function str(input: Input, name: string): string {
  return optStr(input, name) ?? '';
}

/** A number member, or undefined. */
export function optInt(input: Input, name: string): number | undefined {
  const v = input[name];
  return typeof v === 'number' ? v : undefined;
}

/** A boolean member (false when absent). */
export function bool(input: Input, name: string): boolean {
  return input[name] === true;
}

/** A blob member decoded from base64, or undefined. */
export function optBlob(input: Input, name: string): Uint8Array | undefined {
  const v = input[name];
  return typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'base64')) : undefined;
}

/** A required blob member. */
export function blob(input: Input, name: string): Uint8Array {
  return optBlob(input, name) ?? new Uint8Array(0);
}

/** A string-map member (encryption context), or undefined. */
export function optMap(input: Input, name: string): Readonly<Record<string, string>> | undefined {
  const v = input[name];
  return typeof v === 'object' && v !== null ? (v as Record<string, string>) : undefined;
}

/** A string-list member, or undefined. */
export function optList(input: Input, name: string): readonly string[] | undefined {
  const v = input[name];
  return Array.isArray(v) ? (v as string[]) : undefined;
}

/** Base64 of bytes (the wire form of a blob). */
export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Epoch seconds of a simulated time in ms (the wire form of a timestamp). */
export function epoch(ms: number): number {
  return Math.floor(ms / 1000);
}

/** The Tags member as a map; TagException on duplicates or the reserved `aws:` prefix. */
export function tagsOf(input: Input, name = 'Tags'): Record<string, string> {
  const v = input[name];
  const out: Record<string, string> = {};
  if (!Array.isArray(v)) return out;
  for (const t of v as { TagKey: string; TagValue: string }[]) {
    if (Object.hasOwn(out, t.TagKey)) fail('TagException', 'Duplicate tag keys');
    if (t.TagKey.toLowerCase().startsWith('aws:')) fail('TagException', 'Tags beginning with aws: are reserved');
    out[t.TagKey] = t.TagValue;
  }
  return out;
}

/** The aws:RequestTag/… and aws:TagKeys condition keys of a request carrying tags. */
export function tagContext(tags: Readonly<Record<string, string>>, keys: readonly string[] = Object.keys(tags)): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(tags)) ctx[`aws:RequestTag/${k}`] = v;
  if (keys.length > 0) ctx['aws:TagKeys'] = [...keys];
  return ctx;
}

/** Aborts with DryRunOperationException when DryRun is set (after authorization and checks). */
export function dryRun(input: Input): void {
  if (input.DryRun === true) fail('DryRunOperationException', DRY_RUN_MESSAGE);
}
