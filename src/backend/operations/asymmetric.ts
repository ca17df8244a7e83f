/**
 * @module backend/operations/asymmetric
 * Encrypt/Decrypt with RSA KMS keys: RSAES-OAEP with SHA-1 or SHA-256 (MGF1 with the same hash),
 * no encryption context, and AWS's plaintext size limits (k − 2·hLen − 2 bytes).
 * https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html#key-spec-rsa-encryption
 */
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { RSA_BITS, isRsaSpec } from '../crypto/index.js';
import type { OpCtx } from '../context.js';
import { fail, invalidCiphertext } from '../errors.js';
import type { KeyRecord } from '../records.js';
import { currentSecret } from './usage.js';

const HASH: Readonly<Record<string, { readonly name: string; readonly bytes: number }>> = {
  RSAES_OAEP_SHA_1: { name: 'sha1', bytes: 20 },
  RSAES_OAEP_SHA_256: { name: 'sha256', bytes: 32 },
};

function rsaAlgorithm(k: KeyRecord, alg: string, ec: Readonly<Record<string, string>> | undefined): { readonly name: string; readonly bytes: number; readonly bits: number } {
  if (!isRsaSpec(k.keySpec)) return fail('UnsupportedOperationException', `${k.arn} key spec ${k.keySpec} is not simulated for encryption.`);
  const h = HASH[alg];
  if (h === undefined) return fail('InvalidKeyUsageException', `Algorithm ${alg} is incompatible with key spec ${k.keySpec}.`);
  // Only symmetric encryption keys take an encryption context (https://docs.aws.amazon.com/kms/latest/developerguide/encrypt_context.html).
  if (ec !== undefined && Object.keys(ec).length > 0) fail('ValidationException', 'EncryptionContext is not supported for asymmetric KMS keys.');
  return { ...h, bits: RSA_BITS[k.keySpec] };
}

/** RSAES-OAEP encryption under an RSA key's public key. */
export function asymmetricEncrypt(ctx: OpCtx, k: KeyRecord, plaintext: Uint8Array, alg: string, ec: Readonly<Record<string, string>> | undefined): Uint8Array {
  const a = rsaAlgorithm(k, alg, ec);
  const max = a.bits / 8 - 2 * a.bytes - 2;
  if (plaintext.length > max) fail('ValidationException', `Algorithm ${alg} and key spec ${k.keySpec} cannot encrypt data larger than ${max} bytes.`);
  const m = currentSecret(ctx, k);
  const pub = createPublicKey(createPrivateKey({ key: Buffer.from(m.secret), format: 'der', type: 'pkcs8' }));
  return new Uint8Array(publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: a.name }, plaintext));
}

/** RSAES-OAEP decryption; InvalidCiphertextException when the ciphertext does not decrypt. */
export function asymmetricDecrypt(ctx: OpCtx, k: KeyRecord, ciphertext: Uint8Array, alg: string, ec: Readonly<Record<string, string>> | undefined): Uint8Array {
  const a = rsaAlgorithm(k, alg, ec);
  const m = currentSecret(ctx, k);
  try {
    const key = createPrivateKey({ key: Buffer.from(m.secret), format: 'der', type: 'pkcs8' });
    return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: a.name }, ciphertext));
  } catch {
    return invalidCiphertext();
  }
}
