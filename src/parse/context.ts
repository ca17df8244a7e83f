/**
 * @module parse/context
 * The state one parse run shares: where the document sits in its file, how to locate positions,
 * and the diagnostics collected so far. Parsers report problems here and never throw.
 */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';

/** Shared parse state. Pointers passed in are relative to the document being parsed. */
export interface ParseContext {
  readonly file: string;
  /** Absolute pointer of the document in its file. */
  readonly base: string;
  readonly locate: Locator;
  readonly diagnostics: Diagnostic[];
  /** Policy variables are honoured (Version 2012-10-17). */
  allowVariables: boolean;
}

/** Optional extras of a diagnostic. */
export interface ReportExtras {
  readonly help?: string;
  readonly suggestion?: string;
}

/** Records a diagnostic at a document-relative pointer. */
export function report(
  ctx: ParseContext,
  code: string,
  messageId: string,
  pointer: string,
  message: string,
  severity: Severity = 'error',
  extras: ReportExtras = {},
): void {
  const abs = ctx.base + pointer;
  const pos = ctx.locate(abs);
  ctx.diagnostics.push({ code, messageId, severity, message, file: ctx.file, pointer: abs, line: pos.line, column: pos.column, ...extras });
}

/** A short printable form of any JSON value, for messages. */
export function show(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The JSON type name of a value, for messages. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own enumerable entries (safe for `__proto__` keys). */
export function entries(o: Record<string, unknown>): [string, unknown][] {
  return Object.keys(o).map((k) => [k, o[k]]);
}
