/**
 * @module backend/store/master-key
 * The store's master key, which seals key material at rest (our stand-in for KMS's HSMs,
 * https://docs.aws.amazon.com/kms/latest/cryptographic-details/intro.html). For a file store without an
 * explicit key it lives in `<db>.master-key` next to the database: 32 random bytes, mode 0600. It is written
 * to a temporary file, fsynced, then hard-linked into place: link() fails if the name exists, so two
 * processes opening a fresh store agree on one key and nobody ever reads a half-written file.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes, toHex } from '../crypto/index.js';
import { StoreOpenError } from './schema.js';

/** Path of the key file belonging to the database at `dbPath`. */
export function masterKeyPath(dbPath: string): string {
  return `${dbPath}.master-key`;
}

/** Reads the key file, creating it on first use. Throws {@link StoreOpenError} on a corrupt file. */
export function loadOrCreateMasterKey(dbPath: string): Uint8Array {
  const file = masterKeyPath(dbPath);
  const tmp = `${file}.${process.pid}.${toHex(randomBytes(6))}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  const fresh = randomBytes(32);
  try {
    writeSync(fd, fresh);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    syncDirectory(dirname(file));
    return fresh;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  const key = new Uint8Array(readFileSync(file));
  if (key.length !== 32) throw new StoreOpenError(`master key file ${file} must hold exactly 32 bytes, found ${key.length}`);
  return key;
}

/** Makes a new directory entry durable (a crash right after creation must not lose the key the store now needs). */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
