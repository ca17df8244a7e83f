/**
 * @module sources/world-file
 * World files (contract.md "World") and policy test files with an inline world: every policy in
 * them, with the kind its place gives it (key policy, identity policy, group policy, boundary,
 * trust policy, SCP, RCP, VPC endpoint policy), every grant, and each key's configuration.
 * https://docs.aws.amazon.com/kms/latest/developerguide/determining-access.html
 */
import type { KeyConfigTarget } from '../model/lint.js';
import type { PolicyKind } from '../model/refs.js';
import type { InputBuilder } from './input-builder.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const WORLD_KEYS = ['accounts', 'principals', 'keys', 'organization', 'vpcEndpoints'];

/** True for a world (or a test file with an inline world under `world`). */
export function isWorld(value: unknown): boolean {
  if (!isObj(value) || 'Statement' in value) return false;
  if (isObj(value.world) && Array.isArray(value.cases)) return true;
  return WORLD_KEYS.some((k) => k in value) && (Array.isArray(value.principals) || Array.isArray(value.keys) || isObj(value.organization));
}

/** The managed-policy stand-ins a world may list by name (contract.md). */
const NAMED = new Set(['FullAWSAccess', 'RCPFullAWSAccess']);

/** Reads a world (or the inline world of a test file) into the builder. */
export function readWorld(b: InputBuilder, value: Obj): void {
  const inline = isObj(value.world) && Array.isArray(value.cases);
  const base = inline ? '/world' : '';
  const w = inline ? (value.world as Obj) : value;
  const add = (pointer: string, doc: unknown, kind: PolicyKind, name: string): void => {
    if (typeof doc === 'string' && NAMED.has(doc)) return;
    if (doc !== undefined && doc !== null) b.addPolicy(pointer, doc, kind, { resourceName: name, id: `${kind}:${name}` });
  };
  each(w.principals, (p, i) => {
    const at = `${base}/principals/${String(i)}`;
    const arn = typeof p.arn === 'string' ? p.arn : `principal ${String(i)}`;
    each(p.policies, (_d, j) => { add(`${at}/policies/${String(j)}`, (p.policies as unknown[])[j], 'identity', `${arn} policy ${String(j)}`); }, true);
    each(p.groups, (g, j) => {
      each(g.policies, (_d, k) => { add(`${at}/groups/${String(j)}/policies/${String(k)}`, (g.policies as unknown[])[k], 'identity', `${arn} group ${String(g.name)} policy ${String(k)}`); }, true);
    });
    add(`${at}/boundary`, p.boundary, 'boundary', `${arn} boundary`);
    add(`${at}/trustPolicy`, p.trustPolicy, 'trust', `${arn} trust policy`);
  });
  each(w.keys, (k, i) => {
    const at = `${base}/keys/${String(i)}`;
    const arn = typeof k.arn === 'string' ? k.arn : `key ${String(i)}`;
    const owner = arn.split(':')[4];
    if (k.policy !== undefined) b.addPolicy(`${at}/policy`, k.policy, 'key', { resourceName: arn, keyId: arn, id: `key-policy:${arn}`, ...(owner === undefined ? {} : { ownerAccount: owner }) });
    each(k.grants, (_g, j) => { b.addGrant(`${at}/grants/${String(j)}`, (k.grants as unknown[])[j], arn, { resourceName: `${arn} grant ${String(j)}` }); }, true);
    keyConfig(b, k, at, arn);
  });
  const org = isObj(w.organization) ? w.organization : {};
  each(org.nodes, (n, i) => {
    const at = `${base}/organization/nodes/${String(i)}`;
    const id = typeof n.id === 'string' ? n.id : String(i);
    each(n.scps, (_d, j) => { add(`${at}/scps/${String(j)}`, (n.scps as unknown[])[j], 'scp', `${id} scp ${String(j)}`); }, true);
    each(n.rcps, (_d, j) => { add(`${at}/rcps/${String(j)}`, (n.rcps as unknown[])[j], 'rcp', `${id} rcp ${String(j)}`); }, true);
  });
  each(w.vpcEndpoints, (e, i) => {
    add(`${base}/vpcEndpoints/${String(i)}/policy`, e.policy, 'vpce', typeof e.id === 'string' ? e.id : `endpoint ${String(i)}`);
  });
}

function keyConfig(b: InputBuilder, k: Obj, at: string, arn: string): void {
  const fields: Record<string, unknown> = {};
  const pointers: Record<string, string> = {};
  const map: readonly (readonly [keyof KeyConfigTarget, string])[] = [
    ['keySpec', 'keySpec'], ['keyUsage', 'keyUsage'], ['origin', 'origin'], ['multiRegion', 'multiRegion'], ['keyState', 'state'],
  ];
  for (const [field, name] of map) {
    if (k[name] === undefined) continue;
    fields[field] = k[name];
    pointers[field] = `${at}/${name}`;
  }
  if (typeof k.state === 'string') fields.enabled = k.state !== 'Disabled';
  b.addKeyConfig({ pointer: at, resourceName: arn, ...(fields as Partial<KeyConfigTarget>), hasPolicy: k.policy !== undefined, pointers });
}

/** Calls `f` for each object item of a list (each item when `all`). */
function each(list: unknown, f: (item: Obj, i: number) => void, all = false): void {
  if (!Array.isArray(list)) return;
  list.forEach((item: unknown, i) => {
    if (isObj(item)) f(item, i);
    else if (all) f({}, i);
  });
}
