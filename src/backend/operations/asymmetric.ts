/**
 * @module backend/operations/asymmetric
 * Encrypt/Decrypt with RSA KMS keys (RSAES-OAEP SHA-1/SHA-256, AWS's plaintext size limits, no
 * encryption context), and the shared helpers that turn stored material and crypto failures into
 * what the operations need.
 * https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html#key-spec-rsa-encryption
 */
import type { OpCtx } from '../context.js';
import { isCryptoFailure, isRsaSpec, rsaDecrypt, rsaEncrypt, type CryptoFailure, type KeyMaterial, type SupportedKeySpec } from '../crypto/index.js';
import { fail, invalidCiphertext } from '../errors.js';
import type { KeyRecord } from '../records.js';
import { currentSecret } from './usage.js';

/** Aborts with the KMS error a crypto failure names. */
export function cryptoFailed(f: CryptoFailure): never {
  return fail(f.code, f.message);
}

/** Unwraps a crypto result, aborting on failure. */
export function must<T>(r: T | CryptoFailure): T {
  if (isCryptoFailure(r)) return cryptoFailed(r);
  return r;
}

/** The current key material of `k`, with its public key for asymmetric specs. */
export function currentMaterial(ctx: OpCtx, k: KeyRecord): KeyMaterial {
  const m = currentSecret(ctx, k);
  const rec = ctx.repo.material(k.arn, m.materialId);
  return {
    keySpec: k.keySpec as SupportedKeySpec,
    secret: m.secret,
    ...(rec?.publicKey !== undefined ? { publicKey: new Uint8Array(Buffer.from(rec.publicKey, 'base64')) } : {}),
  };
}

function checkRsa(k: KeyRecord, alg: string, ec: Readonly<Record<string, string>> | undefined): void {
  if (!isRsaSpec(k.keySpec)) fail('UnsupportedOperationException', `${k.arn} key spec ${k.keySpec} is not simulated for encryption.`);
  if (alg === 'SYMMETRIC_DEFAULT') fail('InvalidKeyUsageException', `Algorithm ${alg} is incompatible with key spec ${k.keySpec}.`);
  // Only symmetric encryption keys take an encryption context (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html).
  if (ec !== undefined && Object.keys(ec).length > 0) fail('ValidationException', 'EncryptionContext is not supported for asymmetric KMS keys.');
}

/** RSAES-OAEP encryption under an RSA key's public key. */
export function asymmetricEncrypt(ctx: OpCtx, k: KeyRecord, plaintext: Uint8Array, alg: string, ec: Readonly<Record<string, string>> | undefined): Uint8Array {
  checkRsa(k, alg, ec);
  const m = currentMaterial(ctx, k);
  // INVARIANT: RSA material always has its public key recorded.
  if (m.publicKey === undefined) throw new Error('INVARIANT: RSA key material has no public key');
  return must(rsaEncrypt(m.publicKey, alg, plaintext));
}

/** RSAES-OAEP decryption; InvalidCiphertextException when the ciphertext does not decrypt. */
export function asymmetricDecrypt(ctx: OpCtx, k: KeyRecord, ciphertext: Uint8Array, alg: string, ec: Readonly<Record<string, string>> | undefined): Uint8Array {
  checkRsa(k, alg, ec);
  return rsaDecrypt(currentMaterial(ctx, k).secret, alg, ciphertext) ?? invalidCiphertext();
}
