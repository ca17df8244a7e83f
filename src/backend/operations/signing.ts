/**
 * @module backend/operations/signing
 * Sign, Verify, GetPublicKey, GenerateMac, VerifyMac, DeriveSharedSecret, GenerateDataKeyPair and
 * GenerateDataKeyPairWithoutPlaintext. A signature or MAC that does not verify is
 * KMSInvalidSignatureException / KMSInvalidMacException with an empty message, as AWS answers.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html
 */
import { authorizeKey } from '../authz.js';
import type { Handler } from '../context.js';
import { deriveSharedSecret, encryptSymmetric, generateDataKeyPair, generateMac, sign, verify, verifyMac, type MessageType } from '../crypto/index.js';
import { fail } from '../errors.js';
import type { KeyRecord } from '../records.js';
import { resolveKey } from '../resolve.js';
import { currentMaterial, must } from './asymmetric.js';
import { grantTokens, noteUsage } from './keys.js';
import { keyMetadata } from './metadata.js';
import { b64, blob, dryRun, optMap, optStr, str, type Input } from './params.js';
import { currentSecret, usable } from './usage.js';

function signParams(input: Input): { alg: string; type: MessageType; message: Uint8Array } {
  return { alg: str(input, 'SigningAlgorithm'), type: (optStr(input, 'MessageType') ?? 'RAW') as MessageType, message: blob(input, 'Message') };
}

function keyFor(ctx: Parameters<Handler>[0], input: Input, action: string, context: Record<string, string>): KeyRecord {
  const sent = str(input, 'KeyId');
  const k = resolveKey(ctx, sent);
  authorizeKey(ctx, action, k, { keyIdAsSent: sent, ...grantTokens(input), context });
  return k;
}

const signOp: Handler = (ctx, input) => {
  const p = signParams(input);
  const k = keyFor(ctx, input, 'kms:Sign', { 'kms:SigningAlgorithm': p.alg, 'kms:MessageType': p.type });
  usable(k, 'Sign', 'SIGN_VERIFY');
  dryRun(input);
  const sig = must(sign(currentMaterial(ctx, k), p.alg, p.message, p.type));
  noteUsage(ctx, k);
  return { KeyId: k.arn, Signature: b64(sig), SigningAlgorithm: p.alg };
};

const verifyOp: Handler = (ctx, input) => {
  const p = signParams(input);
  const k = keyFor(ctx, input, 'kms:Verify', { 'kms:SigningAlgorithm': p.alg, 'kms:MessageType': p.type });
  usable(k, 'Verify', 'SIGN_VERIFY');
  dryRun(input);
  const ok = must(verify(currentMaterial(ctx, k), p.alg, p.message, p.type, blob(input, 'Signature')));
  noteUsage(ctx, k);
  if (!ok) fail('KMSInvalidSignatureException', '');
  return { KeyId: k.arn, SignatureValid: true, SigningAlgorithm: p.alg };
};

const getPublicKey: Handler = (ctx, input) => {
  const k = keyFor(ctx, input, 'kms:GetPublicKey', {});
  usable(k, 'GetPublicKey', k.keyUsage);
  const m = currentMaterial(ctx, k);
  if (m.publicKey === undefined) fail('UnsupportedOperationException', `${k.arn} key spec is ${k.keySpec} which is not valid for GetPublicKey.`);
  const meta = keyMetadata(ctx.repo, k);
  return {
    KeyId: k.arn, PublicKey: b64(m.publicKey), CustomerMasterKeySpec: k.keySpec, KeySpec: k.keySpec, KeyUsage: k.keyUsage,
    ...(meta.EncryptionAlgorithms !== undefined ? { EncryptionAlgorithms: meta.EncryptionAlgorithms } : {}),
    ...(meta.SigningAlgorithms !== undefined ? { SigningAlgorithms: meta.SigningAlgorithms } : {}),
    ...(meta.KeyAgreementAlgorithms !== undefined ? { KeyAgreementAlgorithms: meta.KeyAgreementAlgorithms } : {}),
  };
};

const generateMacOp: Handler = (ctx, input) => {
  const alg = str(input, 'MacAlgorithm');
  const k = keyFor(ctx, input, 'kms:GenerateMac', { 'kms:MacAlgorithm': alg });
  usable(k, 'GenerateMac', 'GENERATE_VERIFY_MAC');
  dryRun(input);
  const mac = must(generateMac(currentMaterial(ctx, k), alg, blob(input, 'Message')));
  noteUsage(ctx, k);
  return { Mac: b64(mac), MacAlgorithm: alg, KeyId: k.arn };
};

const verifyMacOp: Handler = (ctx, input) => {
  const alg = str(input, 'MacAlgorithm');
  const k = keyFor(ctx, input, 'kms:VerifyMac', { 'kms:MacAlgorithm': alg });
  usable(k, 'VerifyMac', 'GENERATE_VERIFY_MAC');
  dryRun(input);
  const ok = must(verifyMac(currentMaterial(ctx, k), alg, blob(input, 'Message'), blob(input, 'Mac')));
  noteUsage(ctx, k);
  if (!ok) fail('KMSInvalidMacException', '');
  return { KeyId: k.arn, MacValid: true, MacAlgorithm: alg };
};

const deriveSharedSecretOp: Handler = (ctx, input) => {
  const alg = str(input, 'KeyAgreementAlgorithm');
  const k = keyFor(ctx, input, 'kms:DeriveSharedSecret', { 'kms:KeyAgreementAlgorithm': alg });
  usable(k, 'DeriveSharedSecret', 'KEY_AGREEMENT');
  if (input.Recipient !== undefined) fail('UnsupportedOperationException', 'Recipient attestation documents (Nitro Enclaves) are not simulated.');
  dryRun(input);
  const secret = must(deriveSharedSecret(currentMaterial(ctx, k), alg, blob(input, 'PublicKey')));
  noteUsage(ctx, k);
  return { KeyId: k.arn, SharedSecret: b64(secret), KeyAgreementAlgorithm: alg, KeyOrigin: k.origin };
};

function dataKeyPair(withPlaintext: boolean): Handler {
  const op = withPlaintext ? 'GenerateDataKeyPair' : 'GenerateDataKeyPairWithoutPlaintext';
  return (ctx, input) => {
    const spec = str(input, 'KeyPairSpec');
    const sent = str(input, 'KeyId');
    const k = resolveKey(ctx, sent);
    const ec = optMap(input, 'EncryptionContext');
    authorizeKey(ctx, `kms:${op}`, k, { keyIdAsSent: sent, ...(ec ? { encryptionContext: ec } : {}), ...grantTokens(input), context: { 'kms:DataKeyPairSpec': spec, 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' } });
    usable(k, op, 'ENCRYPT_DECRYPT');
    if (k.keySpec !== 'SYMMETRIC_DEFAULT') fail('InvalidKeyUsageException', `${k.arn} key spec is ${k.keySpec} which is not valid for ${op}.`);
    if (k.customKeyStoreId !== undefined) fail('UnsupportedOperationException', `${k.arn} origin is ${k.origin} which is not valid for this operation.`);
    if (input.Recipient !== undefined) fail('UnsupportedOperationException', 'Recipient attestation documents (Nitro Enclaves) are not simulated.');
    dryRun(input);
    const pair = must(generateDataKeyPair(spec));
    const m = currentSecret(ctx, k);
    const wrapped = encryptSymmetric({ keyId: k.keyId, materialId: m.materialId, key: m.secret, plaintext: pair.privatePkcs8, encryptionContext: ec ?? {} });
    noteUsage(ctx, k);
    return {
      PrivateKeyCiphertextBlob: b64(wrapped), ...(withPlaintext ? { PrivateKeyPlaintext: b64(pair.privatePkcs8) } : {}),
      PublicKey: b64(pair.publicSpki), KeyId: k.arn, KeyPairSpec: spec, KeyMaterialId: m.materialId,
    };
  };
}

/** The handlers of this module. */
export const SIGNING_HANDLERS: Readonly<Record<string, Handler>> = {
  Sign: signOp, Verify: verifyOp, GetPublicKey: getPublicKey, GenerateMac: generateMacOp, VerifyMac: verifyMacOp,
  DeriveSharedSecret: deriveSharedSecretOp, GenerateDataKeyPair: dataKeyPair(true), GenerateDataKeyPairWithoutPlaintext: dataKeyPair(false),
};
