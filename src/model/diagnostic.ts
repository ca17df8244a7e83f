/**
 * @module model/diagnostic
 * Problems found in user input, as values (style.md conventions 2 and 3).
 * Messages are lowercase, without a final period, with user input in backticks.
 */

/** How bad a problem is. */
export type Severity = 'error' | 'warning' | 'info';

/** A position in a source text, 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One JSON Patch (RFC 6902) operation, used for fixes. */
export interface PatchOp {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

/** A problem with a piece of input, addressable by file, pointer, line and column. */
export interface Diagnostic {
  /** Stable machine code, e.g. `parse/invalid-json`, `schema/type`, `lint/KMS101`. */
  readonly code: string;
  /** Finer-grained id for tests. */
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  /** RFC 6901 pointer into the document ('' for the whole document). */
  readonly pointer: string;
  readonly line: number;
  readonly column: number;
  readonly help?: string;
  /** A "did you mean" suggestion. */
  readonly suggestion?: string;
  /** A safe, mechanical fix. */
  readonly fix?: readonly PatchOp[];
}

/** Formats a diagnostic as the one-line input error of the contract: `file:line:column: message`. */
export function formatDiagnosticLine(d: Diagnostic): string {
  return `${d.file}:${String(d.line)}:${String(d.column)}: ${d.severity}: ${d.message} [${d.code}]`;
}
