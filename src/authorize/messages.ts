/**
 * @module authorize/messages
 * AccessDeniedException messages in AWS's documented form, naming one policy type:
 * "User: ARN is not authorized to perform: ACTION on resource: ARN because no TYPE allows the
 * ACTION action" / "… with an explicit deny in a TYPE".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
import type { DecisionLayer } from '../model/decision.js';

/**
 * The policy type each layer is reported as. When the key policy neither names the caller nor
 * delegates to its account, KMS reports "resource-based policy"; when it delegates but no IAM
 * policy allows, "identity-based policy" (spec §8 [UNSURE], our choice). The cross-account
 * operation gate and grants have no AWS wording; they are reported as the resource-based policy.
 */
export const POLICY_TYPE: Readonly<Record<DecisionLayer, string>> = {
  rcp: 'resource control policy',
  scp: 'service control policy',
  vpce: 'VPC endpoint policy',
  'cross-account': 'resource-based policy',
  'key-policy': 'resource-based policy',
  grant: 'resource-based policy',
  identity: 'identity-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
};

/** The implicit-deny message. */
export function implicitDenyMessage(caller: string, action: string, resource: string, layer: DecisionLayer): string {
  return `User: ${caller} is not authorized to perform: ${action} on resource: ${resource} because no ${POLICY_TYPE[layer]} allows the ${action} action`;
}

/** The explicit-deny message. */
export function explicitDenyMessage(caller: string, action: string, resource: string, layer: DecisionLayer): string {
  return `User: ${caller} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a ${POLICY_TYPE[layer]}`;
}

/** A one-line summary for an Allow (AWS returns no message; this one is ours). */
export function allowMessage(caller: string, action: string, resource: string, via: string): string {
  return `User: ${caller} is authorized to perform: ${action} on resource: ${resource} (${via})`;
}
