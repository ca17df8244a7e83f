/**
 * @module explain/fix
 * For an implicit deny, the smallest statement that would close each missing layer: an identity
 * policy statement when IAM lacks the Allow (the key policy already delegates), a key-policy
 * statement when the key policy trusts neither the caller nor its account, a boundary or session
 * policy statement when those limit. Explicit denies have no additive fix. Grants, gates (SCP,
 * RCP, VPC endpoint, cross-account) are reported without a suggestion: widening them is a
 * decision for their owners.
 * https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html (troubleshooting key access)
 */
import type { AuthzRequest, Decision, DecisionLayer } from '../model/decision.js';

/** A statement to add, and where. */
export interface FixSuggestion {
  readonly layer: DecisionLayer;
  /** Where the statement goes, in words (e.g. `an identity policy of arn:…:user/Alice`). */
  readonly where: string;
  readonly statement: Readonly<Record<string, unknown>>;
}

/** The caller ARN a policy would name: a session's role, or the caller itself. */
function principalToName(principal: string): string {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
  return m === null ? principal : `arn:${m[1] ?? 'aws'}:iam::${m[2] ?? ''}:role/${m[3] ?? ''}`;
}

/** Suggests one statement per missing layer that an added Allow can close. */
export function suggestFixes(d: Decision, req: AuthzRequest, keyArn: string): FixSuggestion[] {
  if (d.decision !== 'ImplicitDeny') return [];
  const action = req.action.includes(':') ? req.action : `kms:${req.action}`;
  const who = principalToName(req.principal);
  const out: FixSuggestion[] = [];
  for (const m of d.missing) {
    switch (m.layer) {
      case 'identity':
        out.push({ layer: m.layer, where: `an identity policy of ${who}`, statement: { Effect: 'Allow', Action: action, Resource: keyArn } });
        break;
      case 'key-policy':
        out.push({ layer: m.layer, where: `the key policy of ${keyArn}`, statement: { Effect: 'Allow', Principal: { AWS: who }, Action: action, Resource: '*' } });
        break;
      case 'boundary':
        out.push({ layer: m.layer, where: `the permissions boundary of ${who}`, statement: { Effect: 'Allow', Action: action, Resource: keyArn } });
        break;
      case 'session':
        out.push({ layer: m.layer, where: 'the session policy', statement: { Effect: 'Allow', Action: action, Resource: keyArn } });
        break;
      default:
        break;
    }
  }
  return out;
}
