/**
 * @module lint/patch
 * JSON Patch (RFC 6902, https://www.rfc-editor.org/rfc/rfc6902) `add`/`remove`/`replace` on a JSON
 * value, without mutating it. Used by the rule tester (to check a fix's `output`) and for
 * policies embedded as strings.
 */
import type { PatchOp } from '../model/diagnostic.js';
import { err, ok, type Result } from '../model/result.js';

function decode(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(seg: string, length: number, forAdd: boolean): number | undefined {
  if (forAdd && seg === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined;
  const i = Number(seg);
  return i < length || (forAdd && i === length) ? i : undefined;
}

function applyAt(node: unknown, segs: readonly string[], op: PatchOp): Result<unknown, string> {
  if (segs.length === 0) return op.op === 'remove' ? err('cannot remove the whole document') : ok(op.value);
  const [seg, ...rest] = segs as [string, ...string[]];
  const last = rest.length === 0;
  if (Array.isArray(node)) {
    const i = arrayIndex(seg, node.length, last && op.op === 'add');
    if (i === undefined) return err(`no array element \`${seg}\``);
    const copy: unknown[] = (node as unknown[]).slice();
    if (last && op.op === 'add') copy.splice(i, 0, op.value);
    else if (last && op.op === 'remove') copy.splice(i, 1);
    else {
      const inner = applyAt(node[i], rest, op);
      if (!inner.ok) return inner;
      copy[i] = inner.value;
    }
    return ok(copy);
  }
  if (typeof node === 'object' && node !== null) {
    const obj = node as Record<string, unknown>;
    const has = Object.prototype.hasOwnProperty.call(obj, seg);
    if (!has && !(last && op.op === 'add')) return err(`no member \`${seg}\``);
    if (last && op.op === 'remove') return ok(Object.fromEntries(Object.entries(obj).filter(([k]) => k !== seg)));
    const copy: Record<string, unknown> = { ...obj };
    if (last) copy[seg] = op.value;
    else {
      const inner = applyAt(obj[seg], rest, op);
      if (!inner.ok) return inner;
      copy[seg] = inner.value;
    }
    return ok(copy);
  }
  return err(`cannot descend into a scalar at \`${seg}\``);
}

/** Applies ops in order to a copy of `doc`; the first op that does not apply fails the patch. */
export function applyPatch(doc: unknown, ops: readonly PatchOp[]): Result<unknown, string> {
  let cur: unknown = doc;
  for (const op of ops) {
    const next = applyAt(cur, decode(op.path), op);
    if (!next.ok) return err(`${op.op} \`${op.path}\`: ${next.error}`);
    cur = next.value;
  }
  return ok(cur);
}
