/**
 * @module backend/operations/symmetric
 * Encrypt, Decrypt, ReEncrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext, GenerateRandom.
 * Decrypt finds the key from the ciphertext blob before authorizing, as KMS does; a KeyId that names
 * another key is IncorrectKeyException. ReEncrypt is authorized twice: kms:ReEncryptFrom on the
 * source key and kms:ReEncryptTo on the destination.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html
 */
import { authorizeAccount, authorizeKey } from '../authz.js';
import type { Handler, OpCtx } from '../context.js';
import { decryptSymmetric, encryptSymmetric, parseSymmetricBlob, randomBytes } from '../crypto/index.js';
import { FOREIGN_CIPHERTEXT_MESSAGE, INCORRECT_KEY_MESSAGE, fail, invalidCiphertext } from '../errors.js';
import type { KeyRecord } from '../records.js';
import { resolveKey } from '../resolve.js';
import { asymmetricDecrypt, asymmetricEncrypt } from './asymmetric.js';
import { grantTokens, noteUsage } from './keys.js';
import { b64, blob, dryRun, optInt, optMap, optStr, str, type Input } from './params.js';
import { currentSecret, usable } from './usage.js';

const NO_EC: Readonly<Record<string, string>> = {};

/** Encrypts under `k`'s current material (symmetric) or public key (RSA). */
function encryptUnder(ctx: OpCtx, k: KeyRecord, plaintext: Uint8Array, ec: Readonly<Record<string, string>> | undefined, alg: string): { blob: Uint8Array; materialId?: string } {
  if (k.keySpec !== 'SYMMETRIC_DEFAULT') return { blob: asymmetricEncrypt(ctx, k, plaintext, alg, ec) };
  if (alg !== 'SYMMETRIC_DEFAULT') fail('InvalidKeyUsageException', `Algorithm ${alg} is incompatible with key spec ${k.keySpec}.`);
  const m = currentSecret(ctx, k);
  return { blob: encryptSymmetric({ keyId: k.keyId, materialId: m.materialId, key: m.secret, plaintext, encryptionContext: ec ?? NO_EC }), materialId: m.materialId };
}

/** The key a symmetric blob names, in the caller's Region; AccessDeniedException when unknown (as AWS answers). */
function keyOfBlob(ctx: OpCtx, keyId: string): KeyRecord {
  const k = ctx.repo.keysWithId(keyId).find((x) => x.region === ctx.region);
  if (!k) return fail('AccessDeniedException', FOREIGN_CIPHERTEXT_MESSAGE);
  ctx.resources.push(k.arn);
  return k;
}

interface Opened {
  readonly key: KeyRecord;
  readonly plaintext: Uint8Array;
  readonly algorithm: string;
  readonly materialId?: string;
}

/**
 * The decrypting half of Decrypt and ReEncrypt: find the key (from the blob, or KeyId for RSA),
 * check KeyId, authorize `action`, check state and usage, then decrypt.
 */
function openBlob(ctx: OpCtx, input: Input, action: string, names: { blob: string; keyId: string; ec: string; alg: string }, display: string): Opened {
  const ct = blob(input, names.blob);
  const sentKeyId = optStr(input, names.keyId);
  const alg = optStr(input, names.alg) ?? 'SYMMETRIC_DEFAULT';
  const ec = optMap(input, names.ec);
  const parsed = parseSymmetricBlob(ct);
  let k: KeyRecord;
  if (parsed) {
    k = keyOfBlob(ctx, parsed.keyId);
    if (sentKeyId !== undefined && resolveKey(ctx, sentKeyId).arn !== k.arn) fail('IncorrectKeyException', INCORRECT_KEY_MESSAGE);
  } else {
    // Asymmetric ciphertexts carry no metadata: KMS requires the KeyId for them.
    if (sentKeyId === undefined) return invalidCiphertext();
    k = resolveKey(ctx, sentKeyId);
    if (k.keySpec === 'SYMMETRIC_DEFAULT') return invalidCiphertext();
  }
  authorizeKey(ctx, action, k, {
    ...(sentKeyId !== undefined ? { keyIdAsSent: sentKeyId } : {}),
    ...(ec !== undefined ? { encryptionContext: ec } : {}),
    ...grantTokens(input),
    context: { 'kms:EncryptionAlgorithm': alg },
  });
  usable(k, 'Decrypt', 'ENCRYPT_DECRYPT', display);
  if (!parsed) return { key: k, plaintext: asymmetricDecrypt(ctx, k, ct, alg, ec), algorithm: alg };
  if (alg !== 'SYMMETRIC_DEFAULT') fail('InvalidKeyUsageException', `Algorithm ${alg} is incompatible with key spec ${k.keySpec}.`);
  const secret = ctx.repo.secret(k.arn, parsed.materialId);
  if (secret === undefined) return invalidCiphertext();
  const pt = decryptSymmetric(parsed, secret, ec ?? NO_EC);
  if (pt === null) return invalidCiphertext();
  return { key: k, plaintext: pt, algorithm: alg, materialId: parsed.materialId };
}

const encrypt: Handler = (ctx, input) => {
  const sent = str(input, 'KeyId');
  const k = resolveKey(ctx, sent);
  const ec = optMap(input, 'EncryptionContext');
  const alg = optStr(input, 'EncryptionAlgorithm') ?? 'SYMMETRIC_DEFAULT';
  authorizeKey(ctx, 'kms:Encrypt', k, { keyIdAsSent: sent, ...(ec ? { encryptionContext: ec } : {}), ...grantTokens(input), context: { 'kms:EncryptionAlgorithm': alg } });
  usable(k, 'Encrypt', 'ENCRYPT_DECRYPT');
  dryRun(input);
  const out = encryptUnder(ctx, k, blob(input, 'Plaintext'), ec, alg);
  noteUsage(ctx, k);
  return { CiphertextBlob: b64(out.blob), KeyId: k.arn, EncryptionAlgorithm: alg, ...(out.materialId !== undefined ? { KeyMaterialId: out.materialId } : {}) };
};

const decrypt: Handler = (ctx, input) => {
  const o = openBlob(ctx, input, 'kms:Decrypt', { blob: 'CiphertextBlob', keyId: 'KeyId', ec: 'EncryptionContext', alg: 'EncryptionAlgorithm' }, 'Decrypt');
  if (input.Recipient !== undefined) fail('UnsupportedOperationException', 'Recipient attestation documents (Nitro Enclaves) are not simulated.');
  dryRun(input);
  noteUsage(ctx, o.key);
  return { KeyId: o.key.arn, Plaintext: b64(o.plaintext), EncryptionAlgorithm: o.algorithm, ...(o.materialId !== undefined ? { KeyMaterialId: o.materialId } : {}) };
};

const reEncrypt: Handler = (ctx, input) => {
  const o = openBlob(ctx, input, 'kms:ReEncryptFrom', { blob: 'CiphertextBlob', keyId: 'SourceKeyId', ec: 'SourceEncryptionContext', alg: 'SourceEncryptionAlgorithm' }, 'ReEncrypt');
  const sent = str(input, 'DestinationKeyId');
  const dest = resolveKey(ctx, sent);
  const ec = optMap(input, 'DestinationEncryptionContext');
  const alg = optStr(input, 'DestinationEncryptionAlgorithm') ?? 'SYMMETRIC_DEFAULT';
  authorizeKey(ctx, 'kms:ReEncryptTo', dest, {
    keyIdAsSent: sent, ...(ec ? { encryptionContext: ec } : {}), ...grantTokens(input),
    context: { 'kms:EncryptionAlgorithm': alg, 'kms:ReEncryptOnSameKey': String(dest.arn === o.key.arn) },
  });
  usable(dest, 'ReEncrypt', 'ENCRYPT_DECRYPT');
  dryRun(input);
  const out = encryptUnder(ctx, dest, o.plaintext, ec, alg);
  noteUsage(ctx, o.key);
  if (dest.arn !== o.key.arn) noteUsage(ctx, dest);
  return {
    CiphertextBlob: b64(out.blob), SourceKeyId: o.key.arn, KeyId: dest.arn, SourceEncryptionAlgorithm: o.algorithm, DestinationEncryptionAlgorithm: alg,
    ...(o.materialId !== undefined ? { SourceKeyMaterialId: o.materialId } : {}), ...(out.materialId !== undefined ? { DestinationKeyMaterialId: out.materialId } : {}),
  };
};

/** The data key length of GenerateDataKey*: exactly one of KeySpec (AES_128/AES_256) or NumberOfBytes. */
function dataKeyBytes(input: Input): number {
  const spec = optStr(input, 'KeySpec');
  const n = optInt(input, 'NumberOfBytes');
  // AWS does not publish this message; ours says what is wrong.
  if ((spec === undefined) === (n === undefined)) fail('ValidationException', 'Please specify either number of bytes or key spec.');
  return spec === 'AES_128' ? 16 : spec === 'AES_256' ? 32 : n!;
}

function generateDataKey(withPlaintext: boolean): Handler {
  const op = withPlaintext ? 'GenerateDataKey' : 'GenerateDataKeyWithoutPlaintext';
  return (ctx, input) => {
    const sent = str(input, 'KeyId');
    const k = resolveKey(ctx, sent);
    const ec = optMap(input, 'EncryptionContext');
    authorizeKey(ctx, `kms:${op}`, k, { keyIdAsSent: sent, ...(ec ? { encryptionContext: ec } : {}), ...grantTokens(input), context: { 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' } });
    const n = dataKeyBytes(input);
    usable(k, op, 'ENCRYPT_DECRYPT');
    if (k.keySpec !== 'SYMMETRIC_DEFAULT') invalidUsageForSpec(k, op);
    if (input.Recipient !== undefined) fail('UnsupportedOperationException', 'Recipient attestation documents (Nitro Enclaves) are not simulated.');
    dryRun(input);
    const dataKey = randomBytes(n);
    const out = encryptUnder(ctx, k, dataKey, ec, 'SYMMETRIC_DEFAULT');
    noteUsage(ctx, k);
    return { CiphertextBlob: b64(out.blob), ...(withPlaintext ? { Plaintext: b64(dataKey) } : {}), KeyId: k.arn, ...(out.materialId !== undefined ? { KeyMaterialId: out.materialId } : {}) };
  };
}

/** InvalidKeyUsageException for a symmetric-only operation on an asymmetric key. */
export function invalidUsageForSpec(k: KeyRecord, op: string): never {
  return fail('InvalidKeyUsageException', `${k.arn} key spec is ${k.keySpec} which is not valid for ${op}.`);
}

const generateRandom: Handler = (ctx, input) => {
  authorizeAccount(ctx, 'kms:GenerateRandom');
  const n = optInt(input, 'NumberOfBytes');
  if (n === undefined) fail('ValidationException', 'NumberOfBytes is required.');
  const storeId = optStr(input, 'CustomKeyStoreId');
  if (storeId !== undefined) {
    const s = ctx.repo.keyStore(storeId);
    if (!s || s.account !== ctx.account) fail('CustomKeyStoreNotFoundException', `Custom key store ${storeId} does not exist.`);
    if (s.connectionState !== 'CONNECTED') fail('CustomKeyStoreInvalidStateException', `Custom key store ${storeId} is not connected.`);
  }
  if (input.Recipient !== undefined) fail('UnsupportedOperationException', 'Recipient attestation documents (Nitro Enclaves) are not simulated.');
  return { Plaintext: b64(randomBytes(n)) };
};

/** The handlers of this module. */
export const SYMMETRIC_HANDLERS: Readonly<Record<string, Handler>> = {
  Encrypt: encrypt, Decrypt: decrypt, ReEncrypt: reEncrypt, GenerateDataKey: generateDataKey(true),
  GenerateDataKeyWithoutPlaintext: generateDataKey(false), GenerateRandom: generateRandom,
};
