/**
 * @module sources/aws-cli
 * Outputs of the AWS CLI (`--output json`), which are the API responses:
 * `aws kms get-key-policy` ({Policy: "<json>", PolicyName}),
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
 * `aws kms list-grants` ({Grants: [...]}),
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html
 * `aws kms describe-key` ({KeyMetadata}),
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
 * `aws organizations describe-policy` ({Policy: {PolicySummary, Content: "<json>"}}),
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribePolicy.html
 * `aws iam get-account-authorization-details` (documents as objects, or URL-encoded strings as
 * the query API returns them).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import type { KeyConfigTarget } from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import type { InputBuilder, TargetExtras } from './input-builder.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The CLI output shape of a value, or undefined. */
export function cliShape(value: unknown): string | undefined {
  if (!isObj(value)) return undefined;
  if (typeof value.Policy === 'string') return 'cli-get-key-policy';
  if (isObj(value.Policy) && isObj(value.Policy.PolicySummary)) return 'cli-describe-policy';
  if (Array.isArray(value.Grants)) return 'cli-list-grants';
  if (isObj(value.KeyMetadata)) return 'cli-describe-key';
  if (['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].some((k) => Array.isArray(value[k]))) return 'cli-authorization-details';
  return undefined;
}

/** Reads one CLI output into the builder; `shape` comes from {@link cliShape}. */
export function readCli(b: InputBuilder, value: Obj, shape: string): void {
  switch (shape) {
    case 'cli-get-key-policy':
      b.addPolicy('/Policy', value.Policy, 'key', { resourceName: typeof value.PolicyName === 'string' ? `key policy ${value.PolicyName}` : 'key policy' });
      break;
    case 'cli-describe-policy': {
      const p = value.Policy as Obj;
      const summary = p.PolicySummary as Obj;
      const kind = summary.Type === 'SERVICE_CONTROL_POLICY' ? 'scp' : summary.Type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
      // Tag, backup and AI opt-out policies do not take part in authorization.
      if (kind !== undefined && p.Content !== undefined) {
        b.addPolicy('/Policy/Content', p.Content, kind, { resourceName: typeof summary.Name === 'string' ? summary.Name : 'organization policy', ...(typeof summary.Arn === 'string' ? { id: summary.Arn } : {}) });
      }
      break;
    }
    case 'cli-list-grants':
      (value.Grants as unknown[]).forEach((g, i) => {
        const keyArn = isObj(g) && typeof g.KeyId === 'string' ? g.KeyId : '';
        b.addGrant(`/Grants/${String(i)}`, g, keyArn, { resourceName: isObj(g) && typeof g.GrantId === 'string' ? `grant ${g.GrantId}` : `grant ${String(i)}` });
      });
      break;
    case 'cli-describe-key':
      describeKey(b, value.KeyMetadata as Obj);
      break;
    default:
      authorizationDetails(b, value);
  }
}

function describeKey(b: InputBuilder, m: Obj): void {
  const str = (k: string): string | undefined => (typeof m[k] === 'string' ? m[k] : undefined);
  const pointers: Record<string, string> = {};
  const fields: Record<string, unknown> = {};
  const map: readonly (readonly [keyof KeyConfigTarget, string])[] = [
    ['keySpec', 'KeySpec'], ['keyUsage', 'KeyUsage'], ['origin', 'Origin'], ['enabled', 'Enabled'], ['multiRegion', 'MultiRegion'],
    ['keyState', 'KeyState'], ['pendingWindowInDays', 'PendingDeletionWindowInDays'],
  ];
  for (const [field, name] of map) {
    if (m[name] === undefined) continue;
    fields[field] = m[name];
    pointers[field] = `/KeyMetadata/${name}`;
  }
  const resourceName = str('Arn') ?? str('KeyId') ?? 'key';
  // DescribeKey does not say whether a policy was set: GetKeyPolicy always returns one.
  b.addKeyConfig({ pointer: '/KeyMetadata', resourceName, ...(fields as Partial<KeyConfigTarget>), hasPolicy: true, pointers });
}

/** A policy document of the authorization details: an object, or URL-encoded JSON text. */
function document(b: InputBuilder, pointer: string, doc: unknown, kind: PolicyKind, extras: TargetExtras): void {
  if (typeof doc !== 'string') {
    b.addPolicy(pointer, doc, kind, extras);
    return;
  }
  let text = doc;
  if (/^%7B/i.test(doc.trim())) {
    try {
      text = decodeURIComponent(doc);
    } catch {
      b.report('parse/invalid-policy-json', 'error', pointer, 'policy document is neither JSON nor URL-encoded JSON');
      return;
    }
    // URL-decoding moves characters: positions inside fall back to the string's start.
    const at = b.lines.offsetOf(b.locate(pointer));
    b.readOnly.push(pointer);
    b.addPolicyText(pointer, text, () => at, kind, extras);
    return;
  }
  b.addPolicy(pointer, text, kind, extras);
}

function authorizationDetails(b: InputBuilder, v: Obj): void {
  const lists: readonly (readonly [string, string, string])[] = [
    ['UserDetailList', 'UserPolicyList', 'UserName'], ['GroupDetailList', 'GroupPolicyList', 'GroupName'], ['RoleDetailList', 'RolePolicyList', 'RoleName'],
  ];
  for (const [list, inner, nameKey] of lists) {
    const items = Array.isArray(v[list]) ? v[list] : [];
    items.forEach((item: unknown, i) => {
      if (!isObj(item) || !Array.isArray(item[inner])) return;
      const who = typeof item.Arn === 'string' ? item.Arn : String(item[nameKey]);
      item[inner].forEach((p: unknown, j) => {
        if (!isObj(p)) return;
        const name = typeof p.PolicyName === 'string' ? p.PolicyName : String(j);
        document(b, `/${list}/${String(i)}/${inner}/${String(j)}/PolicyDocument`, p.PolicyDocument, 'identity', { resourceName: `${who} inline policy ${name}`, id: `${who}#${name}` });
      });
    });
  }
  const policies = Array.isArray(v.Policies) ? v.Policies : [];
  policies.forEach((p: unknown, i) => {
    if (!isObj(p) || !Array.isArray(p.PolicyVersionList)) return;
    const arn = typeof p.Arn === 'string' ? p.Arn : String(p.PolicyName);
    // AWS managed policies are AWS's to fix; only the default version is in force.
    if (arn.startsWith('arn:aws:iam::aws:')) return;
    p.PolicyVersionList.forEach((ver: unknown, j) => {
      if (!isObj(ver) || ver.IsDefaultVersion !== true) return;
      document(b, `/Policies/${String(i)}/PolicyVersionList/${String(j)}/Document`, ver.Document, 'identity', { resourceName: arn, id: arn });
    });
  });
}
