/**
 * @module source/json-source
 * Strict JSON (RFC 8259, as IAM accepts policies) read with jsonc-parser so that every value keeps
 * its offset; syntax errors become diagnostics instead of exceptions.
 */
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';
import { lineTable } from './lines.js';
import { decodePointer, encodePointer } from './pointer.js';

/** What reading a document yields: its value, a locator, and the problems met. */
export interface ReadResult {
  readonly value: unknown;
  readonly locate: Locator;
  readonly diagnostics: Diagnostic[];
}

/** Human wording for jsonc-parser's error codes (lowercase, as diagnostics are written). */
function describe(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Builds the JS value of a tree node; objects keep the last of duplicate keys, like JSON.parse
 * and like AWS, which silently drops the earlier one. `dup` hears of each duplicate with the
 * path to it (`path` is a shared stack, so no pointer is built unless a duplicate is found).
 */
function valueOf(node: Node | undefined, path: (string | number)[], dup: (path: readonly (string | number)[], key: Node) => void): unknown {
  if (node === undefined) return undefined;
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const k = p.children?.[0];
        if (k === undefined) continue;
        const name = String(k.value);
        path.push(name);
        if (Object.hasOwn(o, name)) dup(path, k);
        const v = valueOf(p.children?.[1], path, dup);
        // `__proto__` must stay data, not become the prototype; every other key is a plain store.
        if (name === '__proto__') Object.defineProperty(o, name, { value: v, enumerable: true, writable: true, configurable: true });
        else o[name] = v;
        path.pop();
      }
      return o;
    }
    case 'array': {
      const children = node.children ?? [];
      const out: unknown[] = new Array<unknown>(children.length);
      for (let i = 0; i < children.length; i++) {
        path.push(i);
        out[i] = valueOf(children[i], path, dup);
        path.pop();
      }
      return out;
    }
    default:
      return node.value as unknown;
  }
}

/** Finds the node at a pointer, or the nearest existing ancestor. */
function nodeAt(root: Node, pointer: string): Node {
  let node = root;
  for (const seg of decodePointer(pointer)) {
    let next: Node | undefined;
    if (node.type === 'object') {
      const prop = node.children?.findLast((p) => p.children?.[0]?.value === seg);
      next = prop?.children?.[1] ?? prop;
    } else if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(seg)) {
      next = node.children?.[Number(seg)];
    }
    if (next === undefined) break;
    node = next;
  }
  return node;
}

/** Reads JSON text. */
export function readJson(text: string, file: string): ReadResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lines = lineTable(text);
  const diagnostics: Diagnostic[] = errors.map((e) => {
    const pos = lines.position(e.offset);
    return {
      code: 'parse/invalid-json',
      messageId: printParseErrorCode(e.error),
      severity: 'error',
      message: `invalid JSON: ${describe(e)}`,
      file,
      pointer: '',
      line: pos.line,
      column: pos.column,
    };
  });
  const locate: Locator = (pointer) => (root === undefined ? { line: 1, column: 1 } : lines.position(nodeAt(root, pointer).offset));
  const value = valueOf(root, [], (path, key) => {
    const pointer = encodePointer(path);
    // A repeated key (often a second `StringEquals` block in one Condition) silently replaces the first.
    const pos = lines.position(key.offset);
    diagnostics.push({
      code: 'parse/duplicate-key', messageId: 'duplicateKey', severity: 'warning',
      message: `duplicate key \`${String(key.value)}\`: only the last one takes effect`, file, pointer, line: pos.line, column: pos.column,
    });
  });
  return { value, locate, diagnostics };
}
