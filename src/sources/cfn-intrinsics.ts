/**
 * @module sources/cfn-intrinsics
 * CloudFormation intrinsic functions and pseudo parameters, resolved as far as is safe before
 * deployment. Pseudo parameters become the placeholders of model/lint.ts (THIS_ACCOUNT, …);
 * `Fn::GetAtt X.Arn` of an IAM role or user of the same template becomes a role/user ARN in this
 * account; anything else that only deployment knows becomes an opaque `{{…}}` token and is
 * recorded, so the caller reports the policy as partly unresolved (KMS704) instead of passing it.
 * `Fn::If` in a list keeps both branches (lint the union; a whole policy under `Fn::If` is read
 * once per branch by the caller); elsewhere the first branch that is not `AWS::NoValue` is linted
 * and a note says so.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
import { THIS_ACCOUNT, THIS_REGION } from '../model/lint.js';
import { appendPointer } from '../source/pointer.js';
import type { Segment } from './offset-map.js';
import type { PointerMoves } from './pointer-moves.js';

/** Marker for `AWS::NoValue`: the member or item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What the resolver knows of the template. */
export interface CfnEnv {
  readonly resources: Readonly<Record<string, { readonly Type?: unknown; readonly Properties?: unknown }>>;
  readonly parameters: ReadonlySet<string>;
  readonly mappings: Readonly<Record<string, unknown>>;
}

/** Something the resolver could not know, and where. */
export interface Opaque {
  readonly filePointer: string;
  readonly reason: string;
}

const PSEUDO: Readonly<Record<string, string>> = {
  'AWS::AccountId': THIS_ACCOUNT,
  'AWS::Region': THIS_REGION,
  // kms-authz lints for the commercial partition; other partitions differ only in this token.
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': '{{StackName}}',
  'AWS::StackId': '{{StackId}}',
};

/** A colon-free opaque token (model/lint.ts SYMBOLIC_PREFIX). */
function token(...parts: string[]): string {
  return `{{${parts.join('.').replace(/[:\s]/g, '.')}}}`;
}

function isIntrinsic(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Resolves intrinsics in a value, tracking where resolved subtrees sit in the file. */
export class CfnResolver {
  readonly opaque: Opaque[] = [];
  /** File pointers of intrinsic nodes (fixes must not write there). */
  readonly intrinsicAt: string[] = [];
  readonly notes: Opaque[] = [];

  constructor(private readonly env: CfnEnv, private readonly moves: PointerMoves) {}

  /** Resolves `value` at `fp` in the file into a target pointer `tp`, recording moved subtrees. */
  at(value: unknown, tp: string, fp: string): unknown {
    const r = this.resolve(value, tp, fp);
    // A branch that resolves to AWS::NoValue occupies no place: it must not claim `tp`.
    if (r !== NO_VALUE) this.moves.add(tp, fp);
    return r;
  }

  /** Resolves `value`, which the target holds at `tp` and the file at `fp` (already related). */
  resolve(value: unknown, tp: string, fp: string): unknown {
    if (Array.isArray(value)) return this.list(value, tp, fp);
    if (isIntrinsic(value)) {
      this.intrinsicAt.push(fp);
      return this.intrinsic(value, tp, fp);
    }
    if (typeof value === 'string' && value.includes('{{resolve:')) {
      this.opaque.push({ filePointer: fp, reason: 'dynamic reference `{{resolve:…}}`' });
      return value;
    }
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.resolve(v, appendPointer(tp, k), appendPointer(fp, k));
      if (r !== NO_VALUE) Object.defineProperty(out, k, { value: r, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private list(items: readonly unknown[], tp: string, fp: string): unknown[] {
    const out: unknown[] = [];
    items.forEach((item, i) => {
      const ifArgs = isIntrinsic(item) ? item['Fn::If'] : undefined;
      if (Array.isArray(ifArgs) && ifArgs.length === 3) {
        // A conditional item: lint every branch that exists (the union of both deployments).
        for (const b of [1, 2]) {
          const r = this.at(ifArgs[b], appendPointer(tp, out.length), `${appendPointer(fp, i)}/Fn::If/${String(b)}`);
          if (r !== NO_VALUE) out.push(r);
        }
        return;
      }
      const r = out.length === i ? this.resolve(item, appendPointer(tp, i), appendPointer(fp, i)) : this.at(item, appendPointer(tp, out.length), appendPointer(fp, i));
      if (r !== NO_VALUE) out.push(r);
    });
    return out;
  }

  private fail(fp: string, reason: string, tok: string): string {
    this.opaque.push({ filePointer: fp, reason });
    return tok;
  }

  private intrinsic(v: Record<string, unknown>, tp: string, fp: string): unknown {
    const [name] = Object.keys(v);
    const arg = v[name];
    const at = `${fp}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    switch (name) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg, fp) : this.fail(fp, 'malformed `Ref`', token('Ref'));
      case 'Fn::GetAtt': {
        const pair: readonly unknown[] = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : Array.isArray(arg) ? (arg as unknown[]) : [];
        const [res, attr] = pair;
        return typeof res === 'string' && typeof attr === 'string' ? this.getAtt(res, attr, fp) : this.fail(fp, 'malformed `Fn::GetAtt`', token('GetAtt'));
      }
      case 'Fn::Sub': {
        const r = this.sub(arg, at);
        return r === undefined ? this.fail(fp, 'malformed `Fn::Sub`', token('Sub')) : r.text;
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return this.fail(fp, 'malformed `Fn::Join`', token('Join'));
        const parts = this.resolve(arg[1], `${at}/1`, `${at}/1`);
        if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return this.fail(fp, '`Fn::Join` of values unknown before deployment', token('Join'));
        return parts.join(arg[0]);
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3) return this.fail(fp, 'malformed `Fn::If`', token('If'));
        const first = this.at(arg[1], tp, `${at}/1`);
        if (first !== NO_VALUE) {
          this.notes.push({ filePointer: fp, reason: `\`Fn::If\` on condition \`${String(arg[0])}\`: only its first branch is linted here` });
          return first;
        }
        return this.at(arg[2], tp, `${at}/2`);
      }
      case 'Fn::Select': {
        const list = Array.isArray(arg) ? this.resolve(arg[1], `${at}/1`, `${at}/1`) : undefined;
        const i = Array.isArray(arg) ? Number(arg[0]) : NaN;
        return Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : this.fail(fp, '`Fn::Select` unknown before deployment', token('Select'));
      }
      case 'Fn::Split': {
        const s = Array.isArray(arg) ? this.resolve(arg[1], `${at}/1`, `${at}/1`) : undefined;
        return Array.isArray(arg) && typeof arg[0] === 'string' && typeof s === 'string' ? s.split(arg[0]) : this.fail(fp, '`Fn::Split` unknown before deployment', token('Split'));
      }
      case 'Fn::FindInMap': {
        const keys = Array.isArray(arg) ? arg.map((k, i) => this.resolve(k, `${at}/${String(i)}`, `${at}/${String(i)}`)) : [];
        let node: unknown = this.env.mappings;
        for (const k of keys) node = typeof k === 'string' && typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
        return keys.length === 3 && node !== undefined ? node : this.fail(fp, '`Fn::FindInMap` with keys unknown before deployment', token('FindInMap'));
      }
      case 'Fn::ToJsonString':
        return this.at(arg, tp, at);
      case 'Fn::ImportValue':
        return this.fail(fp, '`Fn::ImportValue` (another stack\'s export)', token('ImportValue', typeof arg === 'string' ? arg : 'value'));
      default:
        return this.fail(fp, `\`${name}\` is only known at deployment`, token(name.replace('Fn::', '')));
    }
  }

  private ref(name: string, fp: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = PSEUDO[name];
    if (pseudo !== undefined) return pseudo;
    if (this.env.parameters.has(name) || name in this.env.resources) return token('Ref', name);
    return this.fail(fp, `\`Ref\` to \`${name}\`, which the template does not define`, token('Ref', name));
  }

  private getAtt(res: string, attr: string, fp: string): string {
    const r = this.env.resources[res];
    if (r === undefined) return this.fail(fp, `\`Fn::GetAtt\` of \`${res}\`, which the template does not define`, token('GetAtt', res, attr));
    const type = typeof r.Type === 'string' ? r.Type : '';
    const props = (typeof r.Properties === 'object' && r.Properties !== null ? r.Properties : {}) as Record<string, unknown>;
    if (attr === 'Arn' && (type === 'AWS::IAM::Role' || type === 'AWS::IAM::User')) {
      // A principal created by this template: an IAM identity in this account.
      const kind = type === 'AWS::IAM::Role' ? 'role' : 'user';
      const nameProp = props[kind === 'role' ? 'RoleName' : 'UserName'];
      const path = typeof props.Path === 'string' ? props.Path : '/';
      return `arn:aws:iam::${THIS_ACCOUNT}:${kind}${path}${typeof nameProp === 'string' ? nameProp : res}`;
    }
    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
      return this.fail(fp, `\`Fn::GetAtt\` of custom resource \`${res}\``, token('GetAtt', res, attr));
    }
    return token('GetAtt', res, attr);
  }

  /**
   * `Fn::Sub` (string form or `[string, {vars}]`): the text, and segments mapping it back to the
   * template string (found at `at` or `at/0`), for exact positions in a `KeyPolicy: !Sub |` block.
   */
  sub(arg: unknown, at: string): { text: string; segments: Segment[]; templatePointer: string } | undefined {
    const template = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (template === undefined) return undefined;
    const vars = Array.isArray(arg) && typeof arg[1] === 'object' && arg[1] !== null ? (arg[1] as Record<string, unknown>) : {};
    const templatePointer = typeof arg === 'string' ? at : `${at}/0`;
    const segments: Segment[] = [];
    let text = '';
    let last = 0;
    const re = /\$\{(!?)([^}]*)\}/g;
    for (let m = re.exec(template); m !== null; m = re.exec(template)) {
      segments.push({ outStart: text.length, length: m.index - last, srcStart: last, exact: true });
      text += template.slice(last, m.index);
      let rep: string;
      if (m[1] === '!') rep = '${' + m[2] + '}';
      else rep = this.subVar(m[2].trim(), vars, templatePointer, at);
      segments.push({ outStart: text.length, length: rep.length, srcStart: m.index, exact: m[1] === '!' });
      text += rep;
      last = m.index + m[0].length;
    }
    segments.push({ outStart: text.length, length: template.length - last, srcStart: last, exact: true });
    text += template.slice(last);
    return { text, segments, templatePointer };
  }

  private subVar(name: string, vars: Record<string, unknown>, templatePointer: string, at: string): string {
    if (name in vars) {
      const v = this.resolve(vars[name], `${at}/1/${name}`, `${at}/1/${name}`);
      return typeof v === 'string' ? v : this.fail(templatePointer, `\`Fn::Sub\` variable \`${name}\` unknown before deployment`, token('Sub', name));
    }
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return this.getAtt(name.slice(0, dot), name.slice(dot + 1), templatePointer);
    const r = this.ref(name, templatePointer);
    return typeof r === 'string' ? r : '';
  }
}
