/**
 * @module sources/cloudformation
 * CloudFormation templates (JSON or YAML) and CDK synth output (`cdk.out/*.template.json`, whose
 * resources carry `Metadata["aws:cdk:path"]`): key policies (AWS::KMS::Key, AWS::KMS::ReplicaKey),
 * key configuration, IAM policies (AWS::IAM::Policy, ManagedPolicy, Role/User/Group `Policies`),
 * SCPs/RCPs (AWS::Organizations::Policy) and VPC endpoint policies.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-replicakey.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-organizations-policy.html
 * https://docs.aws.amazon.com/cdk/v2/guide/resources.html (construct paths in `aws:cdk:path`)
 */
import { THIS_ACCOUNT, type KeyConfigTarget, type Unknown } from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import { appendPointer } from '../source/pointer.js';
import { CfnResolver, NO_VALUE, type CfnEnv } from './cfn-intrinsics.js';
import type { InputBuilder, TargetExtras } from './input-builder.js';
import { composeMaps, jsonLiteralMap, lineMatchMap, segmentMap, type OffsetMap } from './offset-map.js';
import { cfnSuppressions } from './suppressions.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for a CloudFormation template (a `Resources` map of typed resources, or the format version). */
export function isCloudFormation(value: unknown): boolean {
  if (!isObj(value)) return false;
  if ('AWSTemplateFormatVersion' in value) return true;
  const r = value.Resources;
  return isObj(r) && Object.values(r).some((x) => isObj(x) && typeof x.Type === 'string');
}

/** True when a template came out of `cdk synth` (any resource has an `aws:cdk:path`). */
export function isCdkTemplate(value: unknown): boolean {
  if (!isObj(value) || !isObj(value.Resources)) return false;
  return Object.values(value.Resources).some((r) => isObj(r) && isObj(r.Metadata) && typeof r.Metadata['aws:cdk:path'] === 'string');
}

/**
 * AWS::KMS::Key property defaults (the resource reference page): what an absent property means.
 * Filled in so rules see the key AWS would create; `pointers` lists only what the template wrote.
 */
const KEY_DEFAULTS = {
  enabled: true, enableKeyRotation: false, keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS',
  multiRegion: false, pendingWindowInDays: 30, bypassPolicyLockoutSafetyCheck: false,
} as const;

const KEY_FIELDS: readonly (readonly [keyof typeof KEY_DEFAULTS, string, 'boolean' | 'number' | 'string'])[] = [
  ['enabled', 'Enabled', 'boolean'], ['enableKeyRotation', 'EnableKeyRotation', 'boolean'], ['keySpec', 'KeySpec', 'string'],
  ['keyUsage', 'KeyUsage', 'string'], ['origin', 'Origin', 'string'], ['multiRegion', 'MultiRegion', 'boolean'],
  ['pendingWindowInDays', 'PendingWindowInDays', 'number'], ['bypassPolicyLockoutSafetyCheck', 'BypassPolicyLockoutSafetyCheck', 'boolean'],
];

/** A property value as its type, accepting CloudFormation's string forms (`"true"`, `"30"`). */
function scalar(v: unknown, type: 'boolean' | 'number' | 'string', resolved: unknown): boolean | number | string | Unknown {
  const x = resolved;
  if (type === 'boolean' && (x === true || x === false || x === 'true' || x === 'false')) return x === true || x === 'true';
  if (type === 'number' && (typeof x === 'number' || (typeof x === 'string' && /^\d+$/.test(x)))) return Number(x);
  if (type === 'string' && typeof x === 'string' && !x.startsWith('{{')) return x;
  return { unknown: true, reason: `\`${JSON.stringify(v).slice(0, 60)}\` is only known at deployment` };
}

/** Reads a CloudFormation or CDK template into the builder. */
export function readCloudFormation(b: InputBuilder, value: Obj): void {
  const resources = isObj(value.Resources) ? value.Resources : {};
  const env: CfnEnv = {
    resources: resources as CfnEnv['resources'],
    parameters: new Set(isObj(value.Parameters) ? Object.keys(value.Parameters) : []),
    mappings: isObj(value.Mappings) ? value.Mappings : {},
  };
  for (const [logicalId, r] of Object.entries(resources)) {
    if (!isObj(r) || typeof r.Type !== 'string') continue;
    const rp = appendPointer('/Resources', logicalId);
    const cdkPath = isObj(r.Metadata) && typeof r.Metadata['aws:cdk:path'] === 'string' ? r.Metadata['aws:cdk:path'] : undefined;
    const sup = cfnSuppressions(r.Metadata, rp);
    for (const bad of sup.invalid) b.note('lint/invalid-suppression', 'warning', bad.pointer, bad.message);
    for (const [ruleId, at] of sup.at) b.sites.push({ ruleId, pointer: at, covers: rp });
    for (const m of sup.missingReason) b.note('lint/suppression-without-reason', 'warning', m.pointer, `suppression of \`${m.ruleId}\` has no \`reason\`: it is not applied`);
    const extras: TargetExtras = { resourceName: cdkPath ?? logicalId, keyId: logicalId, ownerAccount: THIS_ACCOUNT, suppressions: sup.map };
    const props = isObj(r.Properties) ? r.Properties : {};
    const pp = `${rp}/Properties`;
    const policy = (prop: string, kind: PolicyKind, base = pp, holder: Obj = props): void => {
      if (holder[prop] !== undefined) readPolicy(b, env, holder[prop], appendPointer(base, prop), kind, extras);
    };
    switch (r.Type) {
      case 'AWS::KMS::Key':
      case 'AWS::KMS::ReplicaKey':
        policy('KeyPolicy', 'key');
        keyConfig(b, env, r, rp, logicalId, extras);
        break;
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        policy('PolicyDocument', 'identity');
        break;
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group':
        if (Array.isArray(props.Policies)) {
          props.Policies.forEach((p: unknown, i) => { if (isObj(p)) policy('PolicyDocument', 'identity', `${pp}/Policies/${String(i)}`, p); });
        }
        break;
      case 'AWS::Organizations::Policy': {
        const kind = props.Type === 'SERVICE_CONTROL_POLICY' ? 'scp' : props.Type === 'RESOURCE_CONTROL_POLICY' ? 'rcp' : undefined;
        if (kind !== undefined) policy('Content', kind);
        break;
      }
      case 'AWS::EC2::VPCEndpoint':
        policy('PolicyDocument', 'vpce');
        break;
      default:
        break;
    }
  }
}

function keyConfig(b: InputBuilder, env: CfnEnv, r: Obj, rp: string, logicalId: string, extras: TargetExtras): void {
  const props = isObj(r.Properties) ? r.Properties : {};
  const resolver = new CfnResolver(env, b.moves);
  const pointers: Record<string, string> = {};
  const fields: Record<string, unknown> = {};
  const replica = r.Type === 'AWS::KMS::ReplicaKey';
  for (const [field, prop, type] of KEY_FIELDS) {
    const v = props[prop];
    if (v === undefined) {
      // A replica inherits spec, usage, origin and rotation from its primary: unknown here.
      if (!replica || field === 'enabled' || field === 'pendingWindowInDays') fields[field] = KEY_DEFAULTS[field];
      continue;
    }
    pointers[field] = `${rp}/Properties/${prop}`;
    fields[field] = scalar(v, type, resolver.resolve(v, pointers[field], pointers[field]));
  }
  if (props.RotationPeriodInDays !== undefined) {
    pointers.rotationPeriodInDays = `${rp}/Properties/RotationPeriodInDays`;
    fields.rotationPeriodInDays = scalar(props.RotationPeriodInDays, 'number', resolver.resolve(props.RotationPeriodInDays, '', pointers.rotationPeriodInDays));
  }
  if (replica) fields.multiRegion = true;
  for (const a of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
    if (typeof r[a] === 'string') pointers[a === 'DeletionPolicy' ? 'deletionPolicy' : 'updateReplacePolicy'] = `${rp}/${a}`;
  }
  if (props.KeyPolicy !== undefined) pointers.keyPolicy = `${rp}/Properties/KeyPolicy`;
  const config: Omit<KeyConfigTarget, 'type' | 'file' | 'suppressions'> = {
    pointer: rp,
    resourceName: extras.resourceName ?? logicalId,
    ...(fields as Partial<KeyConfigTarget>),
    ...(typeof r.DeletionPolicy === 'string' ? { deletionPolicy: r.DeletionPolicy } : {}),
    ...(typeof r.UpdateReplacePolicy === 'string' ? { updateReplacePolicy: r.UpdateReplacePolicy } : {}),
    hasPolicy: props.KeyPolicy !== undefined,
    pointers,
  };
  b.addKeyConfig(config, extras.suppressions);
}

/** The offset map of a string value in the file (a JSON literal, or YAML text found line by line). */
function stringMap(b: InputBuilder, pointer: string, value: string): OffsetMap {
  const start = b.lines.offsetOf(b.locate(pointer));
  // JSON strings, and YAML double-quoted ones whose escapes are JSON's (checked by the value).
  const lit = jsonLiteralMap(b.text, start);
  return lit !== undefined && lit.value === value ? lit.map : lineMatchMap(b.text, start, value);
}

/** Reads one policy property: an object (intrinsics resolved), a JSON string, or `Fn::Sub` text. */
function readPolicy(b: InputBuilder, env: CfnEnv, value: unknown, pointer: string, kind: PolicyKind, extras: TargetExtras): void {
  const branches = isObj(value) && Object.keys(value).length === 1 ? value['Fn::If'] : undefined;
  if (Array.isArray(branches) && branches.length === 3) {
    // A whole policy chosen by a condition: lint each branch as the policy it would be.
    for (const k of [1, 2]) {
      const v: unknown = branches[k];
      const noValue = isObj(v) && v.Ref === 'AWS::NoValue';
      if (!noValue) readPolicy(b, env, v, `${pointer}/Fn::If/${String(k)}`, kind, extras);
    }
    return;
  }
  const resolver = new CfnResolver(env, b.moves);
  const sub = isObj(value) && Object.keys(value).length === 1 ? value['Fn::Sub'] : undefined;
  if (sub !== undefined) {
    // `KeyPolicy: !Sub |` JSON text: positions through the substitution, then the template string.
    const r = resolver.sub(sub, `${pointer}/Fn::Sub`);
    if (r !== undefined) {
      const template = typeof sub === 'string' ? sub : (sub as unknown[])[0] as string;
      const map = composeMaps(segmentMap(r.segments, template.length), stringMap(b, r.templatePointer, template));
      b.readOnly.push(pointer);
      b.addPolicyText(pointer, r.text, map, kind, extras);
      reportResolution(b, resolver, pointer, kind, extras);
      return;
    }
  }
  const resolved = resolver.resolve(value, pointer, pointer);
  b.readOnly.push(...resolver.intrinsicAt);
  if (resolved === NO_VALUE) return;
  if (typeof resolved === 'string' && resolved.startsWith('{{')) {
    b.addUnresolved(pointer, kind, resolver.opaque[0]?.reason ?? 'policy only known at deployment', extras);
    return;
  }
  if (typeof resolved === 'string') {
    // A policy given as a string: exact positions for a literal, the intrinsic's place otherwise.
    const literal = typeof value === 'string';
    const at = b.locate(pointer);
    const map: OffsetMap = literal ? stringMap(b, pointer, resolved) : () => b.lines.offsetOf(at);
    if (!literal) b.readOnly.push(pointer);
    b.addPolicyText(pointer, resolved, map, kind, extras);
  } else {
    b.addPolicy(pointer, resolved, kind, extras);
  }
  reportResolution(b, resolver, pointer, kind, extras);
}

/** Parts only deployment knows make the policy (also) an unresolved target: reported, never passed. */
function reportResolution(b: InputBuilder, resolver: CfnResolver, pointer: string, kind: PolicyKind, extras: TargetExtras): void {
  for (const n of resolver.notes) b.note('source/if-branch', 'info', n.filePointer, n.reason);
  if (resolver.opaque.length === 0) return;
  const reasons = [...new Set(resolver.opaque.map((o) => o.reason))].join('; ');
  b.addUnresolved(pointer, kind, `parts of the policy are only known at deployment: ${reasons}`, extras);
}
