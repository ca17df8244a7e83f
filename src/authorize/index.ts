/**
 * @module authorize
 * The authorization flow of AWS KMS: `authorize(world, request)` → Decision.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html
 */
export { authorize, type AuthorizeOptions } from './authorize.js';
export type { AuthzRequest, Decision, DecisionKind, DecisionLayer, MissingAllow, Reason } from '../model/decision.js';
