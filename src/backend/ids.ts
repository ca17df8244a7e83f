/**
 * @module backend/ids
 * Key identifiers: key ids (`1234abcd-…` or multi-Region `mrk-…`), key ARNs, alias names and alias
 * ARNs, and how a KeyId parameter resolves. A key id or alias name is taken to be in the caller's
 * account and Region; other accounts' keys need a key ARN (or alias ARN where AWS allows it).
 * https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
import { randomUUID, randomBytes } from 'node:crypto';
import { fail, invalidKeyId } from './errors.js';

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KEY_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
const ALIAS_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;

/** A new key id: a UUID, or `mrk-` + 32 hex digits for a multi-Region key. */
export function newKeyId(multiRegion: boolean): string {
  return multiRegion ? `mrk-${randomBytes(16).toString('hex')}` : randomUUID();
}

/** The ARN of a key. */
export function keyArn(region: string, account: string, keyId: string): string {
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

/** The ARN of an alias (`aliasName` starts with `alias/`). */
export function aliasArn(region: string, account: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${account}:${aliasName}`;
}

/** The account of an IAM/STS principal ARN (`arn:aws:iam::ACCT:…`), or of a bare account id. */
export function accountOf(principalArn: string): string {
  if (/^\d{12}$/.test(principalArn)) return principalArn;
  return principalArn.split(':')[4] ?? '';
}

/** A KeyId parameter, resolved to what it names (not yet looked up). */
export type KeyRef =
  | { readonly kind: 'key'; readonly arn: string; readonly account: string; readonly region: string; readonly keyId: string }
  | { readonly kind: 'alias'; readonly aliasArn: string; readonly aliasName: string; readonly account: string; readonly region: string };

/**
 * Parses a KeyId as sent. A key ARN or alias ARN of another Region is NotFoundException
 * `Invalid arn <region>` (recorded against AWS); something that is none of the four forms is
 * NotFoundException `Invalid keyId '…'`.
 */
export function parseKeyRef(sent: string, callerAccount: string, region: string): KeyRef {
  if (sent.startsWith('arn:')) {
    const k = KEY_ARN.exec(sent);
    if (k) {
      if (k[2] !== region) fail('NotFoundException', `Invalid arn ${k[2]}`);
      return { kind: 'key', arn: sent, account: k[3], region, keyId: k[4] };
    }
    const a = ALIAS_ARN.exec(sent);
    if (a) {
      if (a[2] !== region) fail('NotFoundException', `Invalid arn ${a[2]}`);
      return { kind: 'alias', aliasArn: sent, aliasName: a[4], account: a[3], region };
    }
    return invalidKeyId(sent);
  }
  if (sent.startsWith('alias/')) {
    return { kind: 'alias', aliasArn: aliasArn(region, callerAccount, sent), aliasName: sent, account: callerAccount, region };
  }
  if (KEY_ID.test(sent)) return { kind: 'key', arn: keyArn(region, callerAccount, sent), account: callerAccount, region, keyId: sent };
  return invalidKeyId(sent);
}

/** The Region part of a KMS ARN. */
export function regionOf(arn: string): string {
  return arn.split(':')[3] ?? '';
}

/** The key id part of a key ARN. */
export function keyIdOf(arn: string): string {
  return arn.slice(arn.indexOf(':key/') + 5);
}
