/**
 * @module backend/errors
 * KMS error values and their HTTP status. Every KMS client error is HTTP 400 with a JSON body
 * `{"__type": …, "message": …}`; KMSInternalException is 500.
 * https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html (per-operation Errors)
 */

/** Every error type the simulated KMS answers with, mapped to its HTTP status. */
export const KMS_ERRORS = {
  AccessDeniedException: 400,
  AlreadyExistsException: 400,
  CloudHsmClusterInUseException: 400,
  CloudHsmClusterInvalidConfigurationException: 400,
  CloudHsmClusterNotActiveException: 400,
  CloudHsmClusterNotFoundException: 400,
  CloudHsmClusterNotRelatedException: 400,
  ConflictException: 400,
  CustomKeyStoreHasCMKsException: 400,
  CustomKeyStoreInvalidStateException: 400,
  CustomKeyStoreNameInUseException: 400,
  CustomKeyStoreNotFoundException: 400,
  DependencyTimeoutException: 500,
  DisabledException: 400,
  DryRunOperationException: 400,
  ExpiredImportTokenException: 400,
  IncorrectKeyException: 400,
  IncorrectKeyMaterialException: 400,
  IncorrectTrustAnchorException: 400,
  InvalidAliasNameException: 400,
  InvalidArnException: 400,
  InvalidCiphertextException: 400,
  InvalidGrantIdException: 400,
  InvalidGrantTokenException: 400,
  InvalidImportTokenException: 400,
  InvalidKeyUsageException: 400,
  InvalidMarkerException: 400,
  KMSInternalException: 500,
  KMSInvalidMacException: 400,
  KMSInvalidSignatureException: 400,
  KMSInvalidStateException: 400,
  KeyUnavailableException: 500,
  LimitExceededException: 400,
  MalformedPolicyDocumentException: 400,
  NotFoundException: 400,
  SerializationException: 400,
  TagException: 400,
  UnknownOperationException: 400,
  UnsupportedOperationException: 400,
  ValidationException: 400,
} as const satisfies Record<string, number>;

/** A KMS error type name. */
export type KmsErrorType = keyof typeof KMS_ERRORS;

/** A KMS error as returned on the wire: type, message and HTTP status. */
export interface KmsError {
  readonly type: string;
  readonly message: string;
  readonly status: number;
}

/** Builds an error value of a known type. */
export function kmsError(type: KmsErrorType, message: string): KmsError {
  return { type, message, status: KMS_ERRORS[type] };
}

/**
 * Thrown inside an operation to abort its transaction with a KMS error. Operations run inside
 * one store transaction; throwing rolls it back, and `createKms().call` turns it into a value.
 */
export class KmsFailure extends Error {
  /** The error answered to the caller. */
  readonly error: KmsError;
  constructor(error: KmsError) {
    super(`${error.type}: ${error.message}`);
    this.error = error;
  }
}

/** Aborts the current operation with a KMS error of `type`. */
export function fail(type: KmsErrorType, message: string): never {
  throw new KmsFailure(kmsError(type, message));
}

/** `Key '<arn>' does not exist` (NotFoundException, as recorded against AWS). */
export function keyNotFound(arn: string): never {
  return fail('NotFoundException', `Key '${arn}' does not exist`);
}

/** `Invalid keyId '<id>'` (NotFoundException for an identifier that is not a key id/ARN/alias). */
export function invalidKeyId(id: string): never {
  return fail('NotFoundException', `Invalid keyId '${id}'`);
}

/** `Alias <alias-arn> is not found.` (NotFoundException). */
export function aliasNotFound(aliasArn: string): never {
  return fail('NotFoundException', `Alias ${aliasArn} is not found.`);
}

/** `<key-arn> key usage is <usage> which is not valid for <Operation>.` */
export function invalidKeyUsage(arn: string, usage: string, operation: string): never {
  return fail('InvalidKeyUsageException', `${arn} key usage is ${usage} which is not valid for ${operation}.`);
}

/** InvalidCiphertextException: AWS answers it with an empty message. */
export function invalidCiphertext(): never {
  return fail('InvalidCiphertextException', '');
}

/** The message AWS gives for Decrypt of a ciphertext whose key is unknown or foreign. */
export const FOREIGN_CIPHERTEXT_MESSAGE =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';

/** The IncorrectKeyException message (KeyId in the request differs from the ciphertext's key). */
export const INCORRECT_KEY_MESSAGE = 'The key ID in the request does not identify a CMK that can perform this operation.';

/** The DryRunOperationException message. */
export const DRY_RUN_MESSAGE = 'The request would have succeeded, but the DryRun option is set.';
