// Positions inside policies given as strings: decoded offsets must land on the character that
// produced them in the file (RFC 8259 §7 escapes), for any string.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeMaps, jsonLiteralMap, lineMatchMap, Lines, segmentMap } from '../../../src/sources/offset-map.js';

describe('jsonLiteralMap', () => {
  it('decodes every JSON string literal and maps each code unit to its source (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(20), (s, pad) => {
        const text = `${' '.repeat(pad)}${JSON.stringify(s)},`;
        const lit = jsonLiteralMap(text, pad);
        expect(lit?.value).toBe(s);
        for (let i = 0; i < s.length; i++) {
          const src = lit!.map(i);
          // An unescaped character maps to itself; an escaped one to its backslash.
          expect(text[src] === s[i] || text[src] === '\\').toBe(true);
        }
      }),
    );
  });

  it('maps past-the-end to the closing quote and refuses a non-literal', () => {
    const lit = jsonLiteralMap('"a\\nb"', 0)!;
    expect(lit.value).toBe('a\nb');
    expect([lit.map(0), lit.map(1), lit.map(2), lit.map(3)]).toEqual([1, 2, 4, 5]);
    expect(jsonLiteralMap('abc', 0)).toBeUndefined();
    expect(jsonLiteralMap('"\\x"', 0)).toBeUndefined();
  });
});

describe('lineMatchMap', () => {
  it('finds the lines of a YAML block scalar again under their indentation', () => {
    const text = 'Key: |\n    {\n      "A": 1\n    }\n';
    const decoded = '{\n  "A": 1\n}\n';
    const map = lineMatchMap(text, text.indexOf('|'), decoded);
    const lines = new Lines(text);
    expect(lines.positionOf(map(decoded.indexOf('"A"')))).toEqual({ line: 3, column: 7 });
    expect(lines.positionOf(map(decoded.indexOf('}')))).toEqual({ line: 4, column: 5 });
  });
});

describe('segmentMap', () => {
  it('maps copied text exactly and substituted text to its `${`', () => {
    // template `ab${X}cd` → output `abVALUEcd`
    const map = segmentMap([
      { outStart: 0, length: 2, srcStart: 0, exact: true },
      { outStart: 2, length: 5, srcStart: 2, exact: false },
      { outStart: 7, length: 2, srcStart: 6, exact: true },
    ], 8);
    expect([0, 1, 2, 6, 7, 8].map(map)).toEqual([0, 1, 2, 2, 6, 7]);
    expect(composeMaps(map, (o) => o + 10)(7)).toBe(16);
  });
});

describe('Lines', () => {
  it('round-trips offsets and positions over \\n, \\r\\n and \\r', () => {
    const text = 'a\nbc\r\nd\re';
    const lines = new Lines(text);
    for (let o = 0; o < text.length; o++) {
      if (text[o] === '\n' && text[o - 1] === '\r') continue;
      expect(lines.offsetOf(lines.positionOf(o))).toBe(o);
    }
    expect(lines.positionOf(text.indexOf('e'))).toEqual({ line: 4, column: 1 });
  });
});
