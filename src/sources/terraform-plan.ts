/**
 * @module sources/terraform-plan
 * `terraform show -json PLANFILE`: the resources of `resource_changes` (with `after_unknown`, so a
 * policy known only after apply is reported as unresolved, never passed), the data sources read at
 * plan time in `prior_state` (aws_iam_policy_document `json`, aws_caller_identity), and
 * `configuration` for provenance (is a key's `policy` set at all?).
 * https://developer.hashicorp.com/terraform/internals/json-format
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_grant
 */
import type { KeyConfigTarget, Unknown } from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import { appendPointer } from '../source/pointer.js';
import type { InputBuilder, TargetExtras } from './input-builder.js';
import { tagSuppressions } from './suppressions.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for `terraform show -json` output of a plan. */
export function isTerraformPlan(value: unknown): boolean {
  return isObj(value) && 'format_version' in value && ('resource_changes' in value || 'planned_values' in value);
}

/** One resource as the plan gives it: address, type, values, unknown flags, and where it sits. */
interface PlanResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly values: Obj;
  readonly unknown: Obj;
  readonly pointer: string;
}

/** Provenance from `configuration`: resources whose attribute is set, and what they reference. */
interface Provenance {
  readonly expressions: Map<string, Obj>;
}

function walkConfig(module: unknown, prefix: string, out: Map<string, Obj>): void {
  if (!isObj(module)) return;
  for (const r of Array.isArray(module.resources) ? module.resources : []) {
    if (isObj(r) && typeof r.address === 'string') out.set(prefix + r.address, isObj(r.expressions) ? r.expressions : {});
  }
  if (isObj(module.module_calls)) {
    for (const [name, call] of Object.entries(module.module_calls)) if (isObj(call)) walkConfig(call.module, `${prefix}module.${name}.`, out);
  }
}

function references(expr: unknown): string[] {
  return isObj(expr) && Array.isArray(expr.references) ? expr.references.filter((r): r is string => typeof r === 'string') : [];
}

function walkState(module: unknown, pointer: string, out: PlanResource[]): void {
  if (!isObj(module)) return;
  (Array.isArray(module.resources) ? module.resources : []).forEach((r: unknown, i) => {
    if (isObj(r) && typeof r.address === 'string' && typeof r.type === 'string' && isObj(r.values)) {
      out.push({ address: r.address, mode: String(r.mode), type: r.type, values: r.values, unknown: {}, pointer: `${pointer}/resources/${String(i)}/values` });
    }
  });
  (Array.isArray(module.child_modules) ? module.child_modules : []).forEach((m: unknown, i) => { walkState(m, `${pointer}/child_modules/${String(i)}`, out); });
}

/** Every resource of the plan worth reading, each once. */
function planResources(plan: Obj): PlanResource[] {
  const out: PlanResource[] = [];
  const seen = new Set<string>();
  if (Array.isArray(plan.resource_changes)) {
    plan.resource_changes.forEach((rc: unknown, i) => {
      if (!isObj(rc) || !isObj(rc.change) || typeof rc.address !== 'string' || typeof rc.type !== 'string') return;
      const actions = Array.isArray(rc.change.actions) ? rc.change.actions : [];
      if (actions.length === 1 && actions[0] === 'delete') return;
      seen.add(rc.address);
      out.push({
        address: rc.address, mode: String(rc.mode), type: rc.type, pointer: `/resource_changes/${String(i)}/change/after`,
        values: isObj(rc.change.after) ? rc.change.after : {}, unknown: isObj(rc.change.after_unknown) ? rc.change.after_unknown : {},
      });
    });
  } else if (isObj(plan.planned_values)) {
    walkState(plan.planned_values.root_module, '/planned_values/root_module', out);
    for (const r of out) seen.add(r.address);
  }
  const prior: PlanResource[] = [];
  if (isObj(plan.prior_state) && isObj(plan.prior_state.values)) walkState(plan.prior_state.values.root_module, '/prior_state/values/root_module', prior);
  for (const r of prior) if (r.mode === 'data' && !seen.has(r.address)) out.push(r);
  return out;
}

/** An attribute: its value, or Unknown when the plan says it is known only after apply. */
function attr(r: PlanResource, name: string): unknown {
  if (r.unknown[name] === true) return { unknown: true, reason: `\`${r.address}.${name}\` is known only after apply` } satisfies Unknown;
  return r.values[name] ?? undefined;
}

const isUnknown = (v: unknown): v is Unknown => isObj(v) && v.unknown === true;

function typed(v: unknown, type: 'boolean' | 'number' | 'string', dflt: unknown): unknown {
  if (isUnknown(v)) return v;
  if (v === undefined || v === null) return dflt;
  return typeof v === type ? v : dflt;
}

/** Reads a Terraform plan into the builder. */
export function readTerraformPlan(b: InputBuilder, plan: Obj): void {
  const prov: Provenance = { expressions: new Map() };
  if (isObj(plan.configuration)) walkConfig(plan.configuration.root_module, '', prov.expressions);
  const resources = planResources(plan);
  const caller = resources.find((r) => r.type === 'aws_caller_identity' && typeof r.values.account_id === 'string');
  const ownerAccount = caller === undefined ? undefined : (caller.values.account_id as string);
  // Documents already linted through the resource that uses them are not linted twice.
  const usedDocs = new Set<string>();
  const policyTargets = new Set<string>();
  for (const [address, expr] of prov.expressions) {
    for (const key of ['policy', 'content', 'inline_policy']) for (const ref of references(expr[key])) usedDocs.add(ref);
    if (address.includes('aws_kms_key_policy.')) for (const ref of references(expr.key_id)) policyTargets.add(ref);
  }
  for (const r of resources) readResource(b, r, { prov, usedDocs, policyTargets, ownerAccount });
}

interface PlanContext {
  readonly prov: Provenance;
  readonly usedDocs: ReadonlySet<string>;
  readonly policyTargets: ReadonlySet<string>;
  readonly ownerAccount: string | undefined;
}

function readResource(b: InputBuilder, r: PlanResource, ctx: PlanContext): void {
  // An attribute known only after apply is absent from `after`: locate it at its `after_unknown` flag.
  if (r.pointer.endsWith('/change/after')) {
    for (const [k, v] of Object.entries(r.unknown)) {
      if (v === true && r.values[k] === undefined) b.moves.add(appendPointer(r.pointer, k), appendPointer(`${r.pointer}_unknown`, k));
    }
  }
  const sup = tagSuppressions(r.values.tags, `${r.pointer}/tags`);
  for (const bad of sup.invalid) b.note('lint/invalid-suppression', 'warning', bad.pointer, bad.message);
  for (const [ruleId, at] of sup.at) b.sites.push({ ruleId, pointer: at, covers: r.pointer });
  for (const m of sup.missingReason) b.note('lint/suppression-without-reason', 'warning', m.pointer, `suppression of \`${m.ruleId}\` has no reason (the tag value): it is not applied`);
  const keyArn = typeof r.values.arn === 'string' ? r.values.arn : undefined;
  const owner = keyArn?.split(':')[4] ?? ctx.ownerAccount;
  const extras: TargetExtras = {
    resourceName: r.address, keyId: keyArn ?? r.address, suppressions: sup.map, id: r.address,
    ...(owner === undefined || owner === '' ? {} : { ownerAccount: owner }),
  };
  const policy = (name: string, kind: PolicyKind | undefined, holder: PlanResource = r): void => {
    const v = attr(holder, name);
    const p = appendPointer(holder.pointer, name);
    if (isUnknown(v)) b.addUnresolved(p, kind ?? 'identity', v.reason, extras);
    else if (typeof v === 'string' && v !== '') b.addPolicy(p, v, kind, extras);
  };
  switch (r.type) {
    case 'aws_kms_key':
    case 'aws_kms_replica_key':
    case 'aws_kms_external_key': {
      const expr = ctx.prov.expressions.get(r.address.replace(/\[[^\]]*\]/g, ''));
      // No `policy` in the configuration: AWS applies the default key policy (not an unknown).
      const defaulted = expr !== undefined && !('policy' in expr);
      if (!defaulted) policy('policy', 'key');
      const separate = ctx.policyTargets.has(r.address);
      const hasPolicy: boolean | Unknown = separate ? true
        : defaulted ? false
          : r.unknown.policy === true ? { unknown: true, reason: `\`${r.address}.policy\` is known only after apply` }
            : typeof r.values.policy === 'string' && r.values.policy !== '';
      keyConfig(b, r, hasPolicy);
      break;
    }
    case 'aws_kms_key_policy':
      policy('policy', 'key');
      if (r.values.bypass_policy_lockout_safety_check !== undefined) {
        b.addKeyConfig({
          pointer: r.pointer, resourceName: r.address, hasPolicy: true,
          bypassPolicyLockoutSafetyCheck: typed(attr(r, 'bypass_policy_lockout_safety_check'), 'boolean', false) as boolean,
          pointers: { bypassPolicyLockoutSafetyCheck: `${r.pointer}/bypass_policy_lockout_safety_check` },
        }, sup.map);
      }
      break;
    case 'aws_kms_grant':
      grant(b, r, extras);
      break;
    case 'aws_iam_policy':
    case 'aws_iam_role_policy':
    case 'aws_iam_user_policy':
    case 'aws_iam_group_policy':
      policy('policy', 'identity');
      break;
    case 'aws_iam_role':
      if (Array.isArray(r.values.inline_policy)) {
        r.values.inline_policy.forEach((ip: unknown, i) => {
          if (isObj(ip)) policy('policy', 'identity', { ...r, values: ip, unknown: {}, pointer: `${r.pointer}/inline_policy/${String(i)}` });
        });
      }
      break;
    case 'aws_organizations_policy': {
      const kind = r.values.type === 'SERVICE_CONTROL_POLICY' ? 'scp' : r.values.type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
      if (kind !== undefined) policy('content', kind);
      break;
    }
    case 'aws_vpc_endpoint':
      policy('policy', 'vpce');
      break;
    case 'aws_iam_policy_document':
      if (r.mode === 'data' && !ctx.usedDocs.has(r.address)) policy('json', undefined);
      break;
    default:
      break;
  }
}

const KEY_ATTRS: readonly (readonly [keyof KeyConfigTarget, string, 'boolean' | 'number' | 'string', unknown])[] = [
  ['enabled', 'is_enabled', 'boolean', true], ['enableKeyRotation', 'enable_key_rotation', 'boolean', false],
  ['rotationPeriodInDays', 'rotation_period_in_days', 'number', undefined], ['pendingWindowInDays', 'deletion_window_in_days', 'number', 30],
  ['keyUsage', 'key_usage', 'string', 'ENCRYPT_DECRYPT'], ['keySpec', 'customer_master_key_spec', 'string', 'SYMMETRIC_DEFAULT'],
  ['multiRegion', 'multi_region', 'boolean', false], ['bypassPolicyLockoutSafetyCheck', 'bypass_policy_lockout_safety_check', 'boolean', false],
];

function keyConfig(b: InputBuilder, r: PlanResource, hasPolicy: boolean | Unknown): void {
  const fields: Record<string, unknown> = {};
  const pointers: Record<string, string> = {};
  for (const [field, name, type, dflt] of KEY_ATTRS) {
    const v = typed(attr(r, name), type, dflt);
    if (v !== undefined) fields[field] = v;
    if (r.values[name] !== undefined || r.unknown[name] === true) pointers[field] = appendPointer(r.pointer, name);
  }
  if (r.type === 'aws_kms_external_key') fields.origin = 'EXTERNAL';
  else if (typeof r.values.custom_key_store_id === 'string' && r.values.custom_key_store_id !== '') {
    fields.origin = { unknown: true, reason: 'a custom key store (AWS_CLOUDHSM or EXTERNAL_KEY_STORE)' } satisfies Unknown;
  } else fields.origin = 'AWS_KMS';
  if (r.type === 'aws_kms_replica_key') fields.multiRegion = true;
  if (r.values.policy !== undefined || r.unknown.policy === true) pointers.keyPolicy = `${r.pointer}/policy`;
  b.addKeyConfig({ pointer: r.pointer, resourceName: r.address, ...(fields as Partial<KeyConfigTarget>), hasPolicy, pointers }, tagSuppressions(r.values.tags, `${r.pointer}/tags`).map);
}

/** aws_kms_grant → the ListGrants shape parseGrant reads, with its fields located in the plan. */
function grant(b: InputBuilder, r: PlanResource, extras: TargetExtras): void {
  const v = r.values;
  const c = Array.isArray(v.constraints) && isObj(v.constraints[0]) ? v.constraints[0] : undefined;
  const constraints: Obj = {};
  if (c !== undefined && isObj(c.encryption_context_equals)) constraints.EncryptionContextEquals = c.encryption_context_equals;
  if (c !== undefined && isObj(c.encryption_context_subset)) constraints.EncryptionContextSubset = c.encryption_context_subset;
  const raw: Obj = {
    GrantId: typeof v.grant_id === 'string' ? v.grant_id : r.address,
    ...(typeof v.name === 'string' ? { Name: v.name } : {}),
    GranteePrincipal: v.grantee_principal,
    ...(typeof v.retiring_principal === 'string' ? { RetiringPrincipal: v.retiring_principal } : {}),
    Operations: v.operations,
    ...(Object.keys(constraints).length > 0 ? { Constraints: constraints } : {}),
  };
  const moves: readonly (readonly [string, string])[] = [
    ['GrantId', 'grant_id'], ['Name', 'name'], ['GranteePrincipal', 'grantee_principal'], ['RetiringPrincipal', 'retiring_principal'],
    ['Operations', 'operations'], ['Constraints', 'constraints/0'],
    ['Constraints/EncryptionContextEquals', 'constraints/0/encryption_context_equals'],
    ['Constraints/EncryptionContextSubset', 'constraints/0/encryption_context_subset'],
  ];
  for (const [from, to] of moves) b.moves.add(`${r.pointer}/${from}`, `${r.pointer}/${to}`);
  const keyArn = typeof v.key_id === 'string' ? v.key_id : r.unknown.key_id === true ? '{{known-after-apply}}' : r.address;
  b.addGrant(r.pointer, raw, keyArn, extras);
}
