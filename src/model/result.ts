/**
 * @module model/result
 * A value that is either a success or a failure. Used wherever user input can fail
 * (style.md convention 2: errors are values, not exceptions).
 */

/** Success or failure, never both. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a success. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps a failure. */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
