/**
 * @module source/document
 * Text → JSON value + position map, for JSON and YAML (CloudFormation templates included).
 * The format follows the file extension (.json / .yaml / .yml / .template) and, when that is not
 * decisive, the content: a document whose first significant character is `{` or `[` is JSON.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */
import { readFile } from 'node:fs/promises';
import type { Locator } from '../model/lint.js';
import { readJson } from './json-source.js';
import type { ReadResult } from './json-source.js';
import { readYaml } from './yaml-source.js';

export type { ReadResult } from './json-source.js';
export type { Locator } from '../model/lint.js';

/** Which reader a file gets. `.template` files may be either, so they are sniffed. */
export function detectFormat(text: string, file: string): 'json' | 'yaml' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const first = /\S/.exec(text.replace(/^\uFEFF/, ''))?.[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/**
 * Reads a JSON or YAML document. Never throws: syntax errors are diagnostics (code
 * `parse/invalid-json` or `parse/invalid-yaml`) with 1-based line/column, and the value is the
 * best-effort reading. `locate(pointer)` gives the position of the value at a pointer, or of its
 * nearest existing ancestor.
 */
export function readDocument(text: string, file: string): ReadResult {
  // A byte-order mark is not part of the document; dropping it keeps columns of line 1 right.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return detectFormat(body, file) === 'json' ? readJson(body, file) : readYaml(body, file);
}

/** The result of reading a file that could not be read. */
function unreadable(path: string, message: string, code: string): ReadResult {
  const locate: Locator = () => ({ line: 1, column: 1 });
  return {
    value: undefined,
    locate,
    diagnostics: [{ code, messageId: code.split('/')[1], severity: 'error', message, file: path, pointer: '', line: 1, column: 1 }],
  };
}

/** Reads a file from disk and then {@link readDocument}; a missing file is a diagnostic. */
export async function loadDocument(path: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return unreadable(path, `file not found: \`${path}\``, 'source/missing-file');
    if (code === 'EISDIR') return unreadable(path, `\`${path}\` is a directory`, 'source/unreadable');
    return unreadable(path, `cannot read \`${path}\`: ${code ?? 'unknown error'}`, 'source/unreadable');
  }
  return readDocument(text, path);
}
