/**
 * @module backend/crypto/symmetric
 * Symmetric encryption of KMS Encrypt/Decrypt/GenerateDataKey/ReEncrypt with SYMMETRIC_DEFAULT keys:
 * AES-256-GCM with the encryption context as additional authenticated data
 * (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html). AWS does not document its
 * ciphertext format, so this one is ours:
 *
 *   version 0x01 ‖ keyId (blob-ids.ts) ‖ materialId (blob-ids.ts) ‖ IV (12 random bytes) ‖ AES-GCM ciphertext ‖ tag (16)
 *
 * The AAD is the header (version ‖ keyId ‖ materialId) followed by the canonical encryption context, so
 * neither the ids nor the context can be swapped without the tag failing. The Region is not in the blob:
 * multi-Region related keys share the `mrk-` id and the material, so a replica's blob decrypts with the primary.
 * Canonical context: u32 pair count, then per pair sorted by key (UTF-16 code unit order, as JS sorts):
 * u32 length ‖ UTF-8 key ‖ u32 length ‖ UTF-8 value. Lengths make it unambiguous ({a:"bc"} ≠ {ab:"c"}).
 *
 * AES-GCM stays @noble/ciphers (the project's crypto library) although node:crypto is faster: measured with
 * bench/crypto.ts on the shared 2-core machine, a 64-byte encrypt costs ~28 µs in noble and ~8 µs in node:crypto,
 * and the profile of an in-process Encrypt (~170 µs CPU) put AES-GCM at about an eighth of it and at about 12% of
 * the server's per-request CPU: a real cost, but not the dominant one, so not worth leaving the standard for.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { concatBytes, randomBytes, utf8 } from './bytes.js';
import { decodeId, encodeId } from './blob-ids.js';

/** Blob format version byte. */
export const SYMMETRIC_BLOB_VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Input of {@link encryptSymmetric}. */
export interface SymmetricEncryptInput {
  /** The KMS key id (UUID, or `mrk-…` for multi-Region keys), never the ARN. */
  readonly keyId: string;
  /** Id of the key-material version (rotation or import) that `key` belongs to. */
  readonly materialId: string;
  /** The 32-byte AES-256 key. */
  readonly key: Uint8Array;
  readonly plaintext: Uint8Array;
  readonly encryptionContext: Readonly<Record<string, string>>;
}

/** A ciphertext blob split into its parts; produced by {@link parseSymmetricBlob}. */
export interface ParsedSymmetricBlob {
  readonly keyId: string;
  readonly materialId: string;
  /** version ‖ keyId ‖ materialId, bound into the AAD. */
  readonly header: Uint8Array;
  readonly iv: Uint8Array;
  /** Ciphertext followed by the 16-byte tag. */
  readonly sealed: Uint8Array;
}

/** The canonical, unambiguous byte encoding of an encryption context (see the module comment). */
export function canonicalEncryptionContext(ctx: Readonly<Record<string, string>>): Uint8Array {
  const keys = Object.keys(ctx).sort();
  const parts: Uint8Array[] = [u32(keys.length)];
  for (const k of keys) {
    const kb = utf8(k);
    const vb = utf8(ctx[k]);
    parts.push(u32(kb.length), kb, u32(vb.length), vb);
  }
  return concatBytes(...parts);
}

/**
 * Encrypts under a symmetric KMS key and returns the ciphertext blob.
 * INVARIANT: `key` is 32 bytes and the ids are encodable (the operations layer creates both); a breach throws.
 */
export function encryptSymmetric(input: SymmetricEncryptInput): Uint8Array {
  if (input.key.length !== 32) throw new Error('INVARIANT: SYMMETRIC_DEFAULT material must be 32 bytes');
  const kid = encodeId(input.keyId);
  const mid = encodeId(input.materialId);
  if (kid === null || mid === null) throw new Error('INVARIANT: key id and material id must be 1..255 bytes');
  const header = concatBytes(Uint8Array.of(SYMMETRIC_BLOB_VERSION), kid, mid);
  const iv = randomBytes(IV_BYTES);
  const aad = concatBytes(header, canonicalEncryptionContext(input.encryptionContext));
  const sealed = gcm(input.key, iv, aad).encrypt(input.plaintext);
  return concatBytes(header, iv, sealed);
}

/** Splits a blob into ids and ciphertext without any key; null when it is not one of our blobs. */
export function parseSymmetricBlob(blob: Uint8Array): ParsedSymmetricBlob | null {
  if (blob[0] !== SYMMETRIC_BLOB_VERSION) return null;
  const kid = decodeId(blob, 1);
  if (kid === null) return null;
  const mid = decodeId(blob, kid.next);
  if (mid === null) return null;
  if (blob.length < mid.next + IV_BYTES + TAG_BYTES) return null;
  return {
    keyId: kid.id,
    materialId: mid.id,
    header: blob.slice(0, mid.next),
    iv: blob.slice(mid.next, mid.next + IV_BYTES),
    sealed: blob.slice(mid.next + IV_BYTES),
  };
}

/** Decrypts a parsed blob; null when the tag fails (wrong key, wrong context, tampering). */
export function decryptSymmetric(
  parsed: ParsedSymmetricBlob,
  key: Uint8Array,
  encryptionContext: Readonly<Record<string, string>>,
): Uint8Array | null {
  if (key.length !== 32) return null;
  const aad = concatBytes(parsed.header, canonicalEncryptionContext(encryptionContext));
  try {
    return gcm(key, parsed.iv, aad).decrypt(parsed.sealed);
  } catch {
    return null;
  }
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}
