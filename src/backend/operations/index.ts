/**
 * @module backend/operations
 * The operation registry: operation name → handler.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html
 */
import type { Handler } from '../context.js';
import { KEY_HANDLERS } from './keys.js';
import { SYMMETRIC_HANDLERS } from './symmetric.js';

/** Every operation the simulated KMS answers. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  ...KEY_HANDLERS,
  ...SYMMETRIC_HANDLERS,
};
