/**
 * @module catalogue
 * The AWS KMS catalogue: actions, condition keys, key states. Data with its AWS sources.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html
 */
export { actionInfo, actionsForOperation, GRANT_OPERATIONS, KMS_ACTIONS, KMS_OPERATIONS } from './actions.js';
export { CONDITION_KEYS, conditionKeyInfo, GLOBAL_CONDITION_KEYS } from './condition-keys.js';
export { KEY_STATE_OPERATIONS, keyStateError } from './key-state.js';
export type { KeyFacts, KmsStateError } from './key-state.js';
export { editDistance, suggestAction } from './suggest.js';
export { KEY_STATES } from './types.js';
export type { ActionInfo, ConditionKeyInfo, ConditionKeyType, KeyState, KeyUsage, PolicyPlace, ResourceType } from './types.js';
