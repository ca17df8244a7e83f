/**
 * @module backend/operations/paging
 * Limit/Marker paging of the List* operations: Limit 1..1000 (default 100), an opaque Marker,
 * `Truncated` and `NextMarker`; a Marker we did not issue is InvalidMarkerException.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
 */
import { fail } from '../errors.js';

/** One page of a list. */
export interface Page<T> {
  readonly items: T[];
  readonly truncated: boolean;
  readonly nextMarker?: string;
}

/** Cuts `all` (in a stable order) into the page the request's Limit and Marker ask for. */
export function page<T>(all: readonly T[], input: Readonly<Record<string, unknown>>, defaultLimit = 100): Page<T> {
  const limit = typeof input.Limit === 'number' ? input.Limit : defaultLimit;
  let start = 0;
  if (typeof input.Marker === 'string') {
    const m = /^m([0-9]+)$/.exec(Buffer.from(input.Marker, 'base64url').toString('utf8'));
    if (!m) fail('InvalidMarkerException', 'The request was rejected because the marker that specifies where pagination should next begin is not valid.');
    start = Number(m[1]);
  }
  const items = all.slice(start, start + limit);
  const next = start + limit;
  return next < all.length ? { items, truncated: true, nextMarker: Buffer.from(`m${next}`).toString('base64url') } : { items, truncated: false };
}
