/**
 * @module backend/crypto/failure
 * Failures of the crypto layer are values, not exceptions (style.md convention 2). Each carries the
 * KMS error code the operations layer should answer with and, where AWS documents it, AWS's exact
 * message; see https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html and the
 * "Errors" section of each operation page (e.g. https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html).
 */

/** KMS error codes the crypto layer can ask the operations layer to raise. */
export type CryptoErrorCode =
  | 'UnsupportedOperationException'
  | 'ValidationException'
  | 'InvalidKeyUsageException'
  | 'InvalidCiphertextException'
  | 'IncorrectKeyException'
  | 'InvalidImportTokenException'
  | 'IncorrectKeyMaterialException';

/**
 * A refused crypto request. `unsupported` is set when the simulator honestly cannot perform the
 * request (SM2, ML-DSA, a deprecated algorithm); the operations layer maps it to UnsupportedOperationException.
 */
export interface CryptoFailure {
  readonly failure: true;
  readonly code: CryptoErrorCode;
  readonly message: string;
  readonly unsupported?: true;
}

/** Builds a failure value. */
export function fail(code: CryptoErrorCode, message: string): CryptoFailure {
  return code === 'UnsupportedOperationException' ? { failure: true, code, message, unsupported: true } : { failure: true, code, message };
}

/** Builds the "honestly unsupported by this simulator" failure. */
export function unsupported(message: string): CryptoFailure {
  return fail('UnsupportedOperationException', message);
}

/** True when `v` is a crypto failure value (rather than a success result). */
export function isCryptoFailure(v: unknown): v is CryptoFailure {
  return typeof v === 'object' && v !== null && (v as { failure?: unknown }).failure === true;
}
