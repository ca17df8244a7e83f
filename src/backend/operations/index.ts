/**
 * @module backend/operations
 * The operation registry: operation name → handler.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html
 */
import type { Handler } from '../context.js';
import { ALIAS_HANDLERS } from './aliases.js';
import { DELETION_ROTATION_HANDLERS } from './deletion-rotation.js';
import { GRANT_HANDLERS } from './grants.js';
import { IMPORT_HANDLERS } from './import.js';
import { KEY_STORE_HANDLERS } from './key-stores.js';
import { KEY_HANDLERS } from './keys.js';
import { MULTI_REGION_HANDLERS } from './multi-region.js';
import { SIGNING_HANDLERS } from './signing.js';
import { SYMMETRIC_HANDLERS } from './symmetric.js';
import { TAG_POLICY_HANDLERS } from './tags-policies.js';

/** Every operation the simulated KMS answers. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  ...KEY_HANDLERS,
  ...SYMMETRIC_HANDLERS,
  ...ALIAS_HANDLERS,
  ...TAG_POLICY_HANDLERS,
  ...DELETION_ROTATION_HANDLERS,
  ...GRANT_HANDLERS,
  ...SIGNING_HANDLERS,
  ...IMPORT_HANDLERS,
  ...MULTI_REGION_HANDLERS,
  ...KEY_STORE_HANDLERS,
};
