/**
 * @module backend/crypto
 * The simulated KMS's real-crypto layer; the rest of the project imports crypto only from here.
 * Key specs: https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
export { randomBytes, toHex, equalBytes, utf8 } from './bytes.js';
export { fail, unsupported, isCryptoFailure, type CryptoFailure, type CryptoErrorCode } from './failure.js';
export * from './specs.js';
export { generateKeyMaterial, generateDataKeyPair, createWrappingKeyPair, type KeyMaterial, type DerKeyPair } from './keys.js';
export {
  encryptSymmetric,
  parseSymmetricBlob,
  decryptSymmetric,
  canonicalEncryptionContext,
  SYMMETRIC_BLOB_VERSION,
  type SymmetricEncryptInput,
  type ParsedSymmetricBlob,
} from './symmetric.js';
export { seal, open } from './seal.js';
export { rsaEncrypt, rsaDecrypt, rsaMaxPlaintext } from './rsa.js';
export { sign, verify, type MessageType } from './signing.js';
export { generateMac, verifyMac } from './mac.js';
export { deriveSharedSecret } from './ecdh.js';
export { unwrapImportedMaterial, materialFromImport, materialFingerprint, HMAC_IMPORT_BYTES, type WrappingAlgorithm } from './import.js';
