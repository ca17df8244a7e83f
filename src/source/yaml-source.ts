/**
 * @module source/yaml-source
 * YAML 1.2 read with the `yaml` package, keeping node ranges for positions, with CloudFormation
 * short-form tags (`!Ref`, `!Sub`, …) loaded as their long form.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Locator } from '../model/lint.js';
import { cfnTags } from './cfn-tags.js';
import type { ReadResult } from './json-source.js';
import { lineTable } from './lines.js';
import { decodePointer } from './pointer.js';

const TAGS = cfnTags();

/** The start offset of a node, or of the nearest ancestor that has a range. */
function startOf(node: unknown, fallback: number): number {
  const r = (node as { range?: readonly number[] } | null)?.range;
  return r?.[0] ?? fallback;
}

/** An empty value (`key:` with nothing after it) has no text of its own. */
function isEmpty(node: unknown): boolean {
  const r = (node as { range?: readonly number[] } | null)?.range;
  return r === undefined || (isScalar(node) && node.value === null && r[0] === r[1]);
}

/** Walks to the node at a pointer; returns the offset of it or its nearest existing ancestor. */
function offsetAt(root: unknown, pointer: string): number {
  let node: unknown = root;
  let offset = startOf(root, 0);
  for (const seg of decodePointer(pointer)) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.findLast((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      // An empty value (`key:`) has no range of its own: use the key's.
      next = pair?.value ?? pair?.key;
      if (pair !== undefined && (pair.value === null || isEmpty(pair.value))) {
        offset = startOf(pair.key, offset);
        break;
      }
    } else if (isSeq(node) && /^(0|[1-9]\d*)$/.test(seg)) {
      next = node.items[Number(seg)];
    }
    if (next === undefined || next === null) break;
    node = next;
    offset = startOf(node, offset);
  }
  return offset;
}

/** Reads YAML text (one document). */
export function readYaml(text: string, file: string): ReadResult {
  const lines = lineTable(text);
  const doc = parseDocument(text, { customTags: TAGS, prettyErrors: false, keepSourceTokens: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = lines.position(e.pos[0]);
    const error = doc.errors.includes(e);
    diagnostics.push({
      code: error ? 'parse/invalid-yaml' : 'parse/yaml-warning',
      messageId: e.code,
      severity: error ? 'error' : 'warning',
      message: `invalid YAML: ${e.message.split('\n')[0].replace(/\.$/, '').replace(/^[A-Z]/, (c) => c.toLowerCase())}`,
      file,
      pointer: '',
      line: pos.line,
      column: pos.column,
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // Alias bombs and similar are refused by `yaml` with an exception: report, keep going.
    diagnostics.push({
      code: 'parse/invalid-yaml', messageId: 'toJS', severity: 'error',
      message: `invalid YAML: ${e instanceof Error ? e.message : String(e)}`, file, pointer: '', line: 1, column: 1,
    });
  }
  const root = doc.contents as YamlNode | null;
  const locate: Locator = (pointer) => lines.position(offsetAt(root, pointer));
  return { value, locate, diagnostics };
}
