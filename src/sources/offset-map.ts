/**
 * @module sources/offset-map
 * Positions inside policies that sit in a file as strings: a key policy given as a JSON string
 * (Terraform plan `policy`, `aws kms get-key-policy` `Policy`, CloudFormation `KeyPolicy: !Sub |`).
 * A map sends each offset of the decoded text back to the file, so a finding inside the string
 * points at the exact character in the file rather than at the start of the string.
 * JSON string escapes: https://www.rfc-editor.org/rfc/rfc8259#section-7
 */
import type { Position } from '../model/diagnostic.js';

/** Sends an offset of a derived text (a decoded string) to an offset of the file text. */
export type OffsetMap = (offset: number) => number;

/** Line starts of a text, for offset ↔ 1-based line/column (columns in UTF-16 code units). */
export class Lines {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** The offset of a 1-based position (clamped into the text). */
  offsetOf(pos: Position): number {
    const start = this.starts[Math.min(Math.max(pos.line, 1), this.starts.length) - 1];
    return Math.min(start + Math.max(pos.column, 1) - 1, this.text.length);
  }

  /** The 1-based position of an offset. */
  positionOf(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo] + 1 };
  }
}

/** A map from an explicit table: decoded offset i sits at file offset `table[i]`. */
function tableMap(table: readonly number[], end: number): OffsetMap {
  return (o) => (o < table.length ? table[Math.max(0, o)] : end);
}

/**
 * Decodes the JSON string literal that starts at `start` (its opening quote) and maps every
 * decoded code unit to the offset of the escape or character that produced it. Undefined when
 * there is no well-formed literal there.
 */
export function jsonLiteralMap(text: string, start: number): { value: string; map: OffsetMap } | undefined {
  if (text[start] !== '"') return undefined;
  const table: number[] = [];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return { value, map: tableMap(table, i) };
    if (c !== '\\') {
      table.push(i);
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (e in simple) {
      table.push(i);
      value += simple[e];
      i += 2;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      table.push(i);
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Maps a decoded multi-line string (a YAML block or quoted scalar) back to the file by finding each
 * decoded line, in order, in the file lines from `start` on. YAML drops a block's indentation, so a
 * decoded line is found again as a substring of its file line. A line not found keeps the last
 * known place (never a wrong later line).
 */
export function lineMatchMap(text: string, start: number, decoded: string): OffsetMap {
  const table: number[] = [];
  let cursor = start;
  for (const line of decoded.split('\n')) {
    const base = table.length;
    let found = -1;
    if (line.trim() !== '') {
      const at = text.indexOf(line.trimEnd(), cursor);
      // Only accept a match within a few lines: blocks are contiguous.
      if (at >= 0 && text.slice(cursor, at).split('\n').length <= 4) found = at;
    }
    for (let k = 0; k < line.length; k++) table.push(found >= 0 ? found + k : cursor);
    if (found >= 0) cursor = found + line.length;
    table.push(cursor); // the newline itself
    if (found < 0 && line.trim() !== '') table.fill(cursor, base);
  }
  return tableMap(table, cursor);
}

/** One piece of a text built by substitution: `length` chars of output from `source` in the template. */
export interface Segment {
  readonly outStart: number;
  readonly length: number;
  readonly srcStart: number;
  /** True when the output copies the template char for char; false for a substituted value. */
  readonly exact: boolean;
}

/** Maps offsets of a substituted text back into its template (substituted values map to the `${`). */
export function segmentMap(segments: readonly Segment[], end: number): OffsetMap {
  return (o) => {
    for (const s of segments) {
      if (o >= s.outStart && o < s.outStart + s.length) return s.exact ? s.srcStart + (o - s.outStart) : s.srcStart;
    }
    return end;
  };
}

/** Composes maps: first `inner` (derived → intermediate), then `outer` (intermediate → file). */
export function composeMaps(inner: OffsetMap, outer: OffsetMap): OffsetMap {
  return (o) => outer(inner(o));
}
