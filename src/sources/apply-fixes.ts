/**
 * @module sources/apply-fixes
 * Writes safe fixes (JSON Patch ops, RFC 6902 https://www.rfc-editor.org/rfc/rfc6902) back into
 * the file they came from, keeping its formatting: jsonc-parser edits for JSON (only the patched
 * value's text changes), the `yaml` Document API for YAML (comments and CloudFormation tags kept).
 * A fix is skipped, never guessed, when it touches a value built by an intrinsic (`readOnly`) or
 * overlaps a fix already applied.
 */
import { applyEdits, modify, type JSONPath } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document } from 'yaml';
import type { PatchOp } from '../model/diagnostic.js';
import type { LintInput } from '../model/lint.js';
import { detectFormat } from '../source/document.js';
import { decodePointer } from '../source/pointer.js';

/** One fix: ops in target pointers, and where its finding sits (for ordering). */
export interface FixToApply {
  readonly ops: readonly PatchOp[];
  readonly line: number;
  readonly column: number;
}

/** What applying fixes to one file gave. */
export interface FixOutcome {
  readonly text: string;
  readonly applied: number;
  readonly skipped: number;
}

const within = (p: string, base: string): boolean => p === base || p.startsWith(base + '/') || base === '';
const overlaps = (a: string, b: string): boolean => within(a, b) || within(b, a);

function path(pointer: string): JSONPath {
  return decodePointer(pointer).map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function indentOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)\S/.exec(text);
  if (m?.[1].startsWith('\t') === true) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m === null ? 2 : Math.min(m[1].length, 8) };
}

function applyJson(text: string, ops: readonly PatchOp[]): string {
  let out = text;
  const formattingOptions = { ...indentOf(text), eol: text.includes('\r\n') ? '\r\n' : '\n' };
  for (const op of ops) {
    const p = path(op.path);
    const last = p[p.length - 1];
    const isArrayInsertion = op.op === 'add' && (typeof last === 'number' || last === '-');
    const target = last === '-' ? [...p.slice(0, -1), -1] : p;
    out = applyEdits(out, modify(out, target, op.op === 'remove' ? undefined : op.value, { formattingOptions, isArrayInsertion }));
  }
  return out;
}

/** `!If` → `Fn::If`, `!Ref` → `Ref`: the segment the readers put where a short-form tag stands. */
function longName(tag: string): string {
  const name = tag.slice(1);
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/**
 * The document path of a pointer. The readers load `!If [c, a, b]` as `{"Fn::If": [c, a, b]}`, so
 * a pointer through a short-form tag has a `Fn::If` segment that the YAML document does not have.
 */
function yamlPath(doc: Document.Parsed, p: JSONPath): JSONPath {
  const out: JSONPath = [];
  let node: unknown = doc.contents;
  for (const seg of p) {
    const tag = (node as { tag?: unknown } | null)?.tag;
    if (typeof tag === 'string' && tag.startsWith('!') && !tag.startsWith('!!') && seg === longName(tag)) continue;
    out.push(seg);
    node = isMap(node) || isSeq(node) ? node.get(seg, true) : undefined;
  }
  return out;
}

/** A scalar written in the quoting style of the one it replaces. */
function scalarText(value: string | number | boolean, style: unknown): string {
  if (typeof value !== 'string') return String(value);
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  // Plain only when YAML would read the text back as this same string.
  const plainOk = style === Scalar.PLAIN && /^[A-Za-z0-9_./@][A-Za-z0-9_./@:*+-]*$/.test(value) && !/^(true|false|null|~|-?\d[\d.e+-]*)$/i.test(value);
  return plainOk ? value : JSON.stringify(value);
}

/** Replaces one scalar in the text itself, leaving every other byte as it was; undefined if not a scalar. */
function replaceScalar(text: string, doc: Document.Parsed, p: JSONPath, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const node = doc.getIn(p, true);
  if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
  // Block scalars span lines: leave them to the Document API.
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return undefined;
  const [start, end] = node.range;
  return text.slice(0, start) + scalarText(value, node.type) + text.slice(end);
}

function applyYaml(source: string, ops: readonly PatchOp[]): string | undefined {
  let text = source;
  for (const op of ops) {
    // Default schema: unknown tags such as `!Sub` are kept as tagged nodes and written back as is.
    const doc = parseDocument(text, { keepSourceTokens: true });
    const p = yamlPath(doc, path(op.path));
    const edited = op.op === 'replace' ? replaceScalar(text, doc, p, op.value) : undefined;
    if (edited !== undefined) {
      text = edited;
      continue;
    }
    if (op.op === 'remove') doc.deleteIn(p);
    else if (op.op === 'add' && typeof p[p.length - 1] === 'number') {
      const parent = doc.getIn(p.slice(0, -1), true);
      if (!isSeq(parent)) return undefined;
      parent.items.splice(Number(p[p.length - 1]), 0, doc.createNode(op.value));
    } else {
      const parent = p.length === 0 ? doc.contents : doc.getIn(p.slice(0, -1), true);
      if (p.length > 0 && !isMap(parent) && !isSeq(parent)) return undefined;
      doc.setIn(p, doc.createNode(op.value));
    }
    text = doc.toString({ lineWidth: 0 });
  }
  return text;
}

/**
 * Applies fixes to one input's text. Ops are in target pointers; `input.filePointer` maps them
 * into the file. Fixes apply from the end of the file backwards, so that removing an array item
 * does not shift the pointers of fixes not yet applied.
 */
export function applyFixes(input: LintInput, fixes: readonly FixToApply[]): FixOutcome {
  const toFile = input.filePointer ?? ((p: string) => p);
  const readOnly = input.readOnly ?? [];
  const yaml = detectFormat(input.text, input.file) === 'yaml';
  const order = [...fixes].sort((a, b) => b.line - a.line || b.column - a.column);
  const touched: string[] = [];
  let text = input.text;
  let applied = 0;
  let skipped = 0;
  for (const f of order) {
    const ops = f.ops.map((op) => ({ ...op, path: toFile(op.path) }));
    const blocked = ops.some((op) => readOnly.some((r) => overlaps(op.path, r)) || touched.some((t) => overlaps(op.path, t)));
    if (blocked || ops.length === 0) {
      skipped++;
      continue;
    }
    const next = yaml ? applyYaml(text, ops) : applyJson(text, ops);
    if (next === undefined) {
      skipped++;
      continue;
    }
    text = next;
    touched.push(...ops.map((o) => o.path));
    applied++;
  }
  return { text, applied, skipped };
}
