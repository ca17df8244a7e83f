/**
 * @module source/lines
 * Offset → 1-based line/column for diagnostics. Columns count UTF-16 code units, as editors and
 * ESLint do. Line breaks: `\n`, `\r\n` and `\r`.
 */
import type { Position } from '../model/diagnostic.js';

/** Maps character offsets of one text to positions. */
export interface LineTable {
  position(offset: number): Position;
}

/** Builds the line-start table of a text once; lookups are a binary search. */
export function lineTable(text: string): LineTable {
  // Built on the first lookup: a document read without asking for a position pays nothing.
  let table: number[] | undefined;
  const build = (): number[] => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  };
  return {
    position(offset: number): Position {
      const starts = (table ??= build());
      const o = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: o - starts[lo] + 1 };
    },
  };
}
