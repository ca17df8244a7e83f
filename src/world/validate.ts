/**
 * @module world/validate
 * Structural checks of a world (contract "World") that yield diagnostics with pointer, line and
 * column: required fields, types, enumerations, and references a schema cannot express (an
 * organization node's parent must exist; ARNs must be unique).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the world sits: file, locator, and the pointer of the world inside the file. */
export interface ValidateWhere {
  readonly file: string;
  readonly locate: Locator;
  readonly pointer: string;
}

const TOP = new Set(['accounts', 'organization', 'principals', 'keys', 'vpcEndpoints', 'description', '$schema']);
const KEY_STATES = ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport', 'Unavailable', 'Creating', 'Updating', 'PendingReplicaDeletion'];

/** Checks a world value; returns every problem found (empty when the world is usable). */
export function validateWorld(value: unknown, where: ValidateWhere): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (pointer: string, messageId: string, message: string): void => {
    const at = where.locate(where.pointer + pointer);
    out.push({ code: 'schema/world', messageId, severity: 'error', message, file: where.file, pointer: where.pointer + pointer, line: at.line, column: at.column });
  };
  const str = (o: Obj, k: string, p: string, required: boolean): string | undefined => {
    const v = o[k];
    if (v === undefined) {
      if (required) bad(p, 'required', `missing required \`${k}\``);
      return undefined;
    }
    if (typeof v !== 'string') {
      bad(`${p}/${k}`, 'type', `\`${k}\` must be a string`);
      return undefined;
    }
    return v;
  };
  const list = (o: Obj, k: string, p: string, each: (item: unknown, at: string) => void): void => {
    const v = o[k];
    if (v === undefined) return;
    if (!Array.isArray(v)) {
      bad(`${p}/${k}`, 'type', `\`${k}\` must be a list`);
      return;
    }
    v.forEach((item, i) => { each(item, `${p}/${k}/${String(i)}`); });
  };
  const obj = (item: unknown, at: string, what: string): item is Obj => {
    if (isObj(item)) return true;
    bad(at, 'type', `${what} must be an object`);
    return false;
  };
  const stringMap = (o: Obj, k: string, p: string): void => {
    const v = o[k];
    if (v === undefined) return;
    if (!isObj(v) || Object.values(v).some((x) => typeof x !== 'string')) bad(`${p}/${k}`, 'type', `\`${k}\` must map names to strings`);
  };

  if (!isObj(value)) {
    bad('', 'type', 'a world must be an object with `accounts`, `principals`, `keys`, …');
    return out;
  }
  for (const k of Object.keys(value)) if (!TOP.has(k) && !k.startsWith('$')) bad(`/${k}`, 'unknown', `unknown world field \`${k}\``);
  list(value, 'accounts', '', (a, at) => {
    if (obj(a, at, 'an account')) {
      if (typeof a.id === 'number') {
        bad(`${at}/id`, 'pattern', `account id \`${String(a.id)}\` must be a string of 12 digits (quote it in YAML)`);
        return;
      }
      const id = str(a, 'id', at, true);
      if (id !== undefined && !/^\d{12}$/.test(id)) bad(`${at}/id`, 'pattern', `account id \`${id}\` must be 12 digits (quote it in YAML)`);
    }
  });
  const arns = new Set<string>();
  list(value, 'principals', '', (p, at) => {
    if (!obj(p, at, 'a principal')) return;
    const arn = str(p, 'arn', at, true);
    if (arn !== undefined) {
      if (!arn.startsWith('arn:')) bad(`${at}/arn`, 'pattern', `principal \`${arn}\` must be an ARN`);
      if (arns.has(arn)) bad(`${at}/arn`, 'duplicate', `principal \`${arn}\` is listed twice`);
      arns.add(arn);
    }
    if (p.type !== undefined && (typeof p.type !== 'string' || !['user', 'role', 'root'].includes(p.type))) bad(`${at}/type`, 'enum', '`type` must be `user`, `role` or `root`');
    list(p, 'policies', at, () => undefined);
    list(p, 'groups', at, (g, gat) => {
      if (obj(g, gat, 'a group')) {
        str(g, 'name', gat, true);
        list(g, 'policies', gat, () => undefined);
      }
    });
    stringMap(p, 'tags', at);
    if (p.serviceLinked !== undefined && typeof p.serviceLinked !== 'boolean') bad(`${at}/serviceLinked`, 'type', '`serviceLinked` must be true or false');
    list(p, 'accessKeys', at, (k, kat) => {
      if (obj(k, kat, 'an access key')) {
        str(k, 'accessKeyId', kat, true);
        str(k, 'secretAccessKey', kat, true);
      }
    });
  });
  const keyArns = new Set<string>();
  list(value, 'keys', '', (k, at) => {
    if (!obj(k, at, 'a key')) return;
    const arn = str(k, 'arn', at, true);
    if (arn !== undefined) {
      if (!/^arn:[\w-]+:kms:[\w-]*:\d{12}:key\/.+$/.test(arn)) bad(`${at}/arn`, 'pattern', `key \`${arn}\` must be a key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)`);
      if (keyArns.has(arn)) bad(`${at}/arn`, 'duplicate', `key \`${arn}\` is listed twice`);
      keyArns.add(arn);
    }
    if (k.state !== undefined && (typeof k.state !== 'string' || !KEY_STATES.includes(k.state))) bad(`${at}/state`, 'enum', `\`state\` must be one of ${KEY_STATES.join(', ')}`);
    stringMap(k, 'tags', at);
    list(k, 'aliases', at, (a, aat) => {
      if (typeof a !== 'string' || !a.startsWith('alias/')) bad(aat, 'pattern', 'an alias must be a name starting with `alias/`');
    });
    list(k, 'grants', at, (g, gat) => {
      if (!obj(g, gat, 'a grant')) return;
      str(g, 'grantId', gat, true);
      str(g, 'granteePrincipal', gat, true);
      if (!Array.isArray(g.operations) || g.operations.some((o) => typeof o !== 'string')) bad(`${gat}/operations`, 'type', '`operations` must be a list of operation names');
      if (g.constraints !== undefined) {
        if (!isObj(g.constraints)) bad(`${gat}/constraints`, 'type', '`constraints` must be an object');
        else {
          stringMap(g.constraints, 'EncryptionContextEquals', `${gat}/constraints`);
          stringMap(g.constraints, 'EncryptionContextSubset', `${gat}/constraints`);
        }
      }
    });
  });
  list(value, 'vpcEndpoints', '', (e, at) => {
    if (obj(e, at, 'a VPC endpoint')) str(e, 'id', at, true);
  });
  const org = value.organization;
  if (org !== undefined && obj(org, '/organization', '`organization`')) {
    str(org, 'id', '/organization', true);
    str(org, 'managementAccountId', '/organization', true);
    if (!Array.isArray(org.nodes)) bad('/organization', 'required', 'missing required `nodes` (a list)');
    const ids = new Set<string>();
    const nodes = Array.isArray(org.nodes) ? org.nodes : [];
    nodes.forEach((n) => { if (isObj(n) && typeof n.id === 'string') ids.add(n.id); });
    list(org, 'nodes', '/organization', (n, at) => {
      if (!obj(n, at, 'a node')) return;
      str(n, 'id', at, true);
      if (typeof n.type !== 'string' || !['ROOT', 'OU', 'ACCOUNT'].includes(n.type)) bad(`${at}/type`, 'enum', '`type` must be `ROOT`, `OU` or `ACCOUNT`');
      const parent = str(n, 'parent', at, n.type !== 'ROOT');
      if (parent !== undefined && !ids.has(parent)) bad(`${at}/parent`, 'reference', `parent \`${parent}\` is not a node of the organization`);
      list(n, 'scps', at, () => undefined);
      list(n, 'rcps', at, () => undefined);
    });
  }
  return out;
}
