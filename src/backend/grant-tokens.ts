/**
 * @module backend/grant-tokens
 * Grant tokens are opaque to callers; the store remembers which grant each belongs to, so that a
 * token that names no live grant is InvalidGrantTokenException.
 * https://docs.aws.amazon.com/kms/latest/developerguide/using-grant-token.html
 */
import { createHash } from 'node:crypto';
import { fail } from './errors.js';
import type { Repo } from './repo.js';

/** The meta row of a grant token. */
export function tokenRow(token: string): string {
  return `grant-token:${createHash('sha256').update(token).digest('hex')}`;
}

/** InvalidGrantTokenException unless every token names a live grant. AWS does not publish the message. */
export function checkGrantTokens(repo: Repo, tokens: readonly string[] | undefined): void {
  for (const t of tokens ?? []) {
    if (repo.meta(tokenRow(t)) === undefined) fail('InvalidGrantTokenException', 'The grant token is not valid.');
  }
}
