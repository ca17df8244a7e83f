/**
 * @module source/pointer
 * RFC 6901 JSON Pointers (https://www.rfc-editor.org/rfc/rfc6901): every diagnostic and every
 * statement reference addresses its place in a document with one.
 */

/** Escapes one reference token: `~` → `~0`, `/` → `~1` (RFC 6901 §3). */
function escapeToken(seg: string | number): string {
  const s = String(seg);
  // Most segments (indexes, element names) need no escaping: skip the two replaces.
  if (!s.includes('~') && !s.includes('/')) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from path segments; `[]` gives `''` (the whole document). */
export function encodePointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + escapeToken(s);
  return out;
}

/**
 * Splits a pointer into unescaped segments. A string that is not a pointer (does not start with
 * `/` and is not empty) is treated as a single segment, so callers never have to handle a failure.
 */
export function decodePointer(ptr: string): string[] {
  if (ptr === '') return [];
  const body = ptr.startsWith('/') ? ptr.slice(1) : ptr;
  // Order matters (RFC 6901 §4): `~1` first, then `~0`, so `~01` decodes to `~1`.
  return body.split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Appends one segment to a pointer. */
export function appendPointer(ptr: string, seg: string | number): string {
  return ptr + '/' + escapeToken(seg);
}
