// RFC 6901 JSON Pointer, with the examples of its section 5: https://www.rfc-editor.org/rfc/rfc6901
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendPointer, decodePointer, encodePointer } from '../../../src/source/pointer.js';

describe('JSON pointers', () => {
  it('encodes and decodes the RFC 6901 examples', () => {
    const cases: [string, string[]][] = [
      ['', []], ['/foo', ['foo']], ['/foo/0', ['foo', '0']], ['/', ['']], ['/a~1b', ['a/b']], ['/c%d', ['c%d']],
      ['/e^f', ['e^f']], ['/g|h', ['g|h']], ['/i\\j', ['i\\j']], ['/k"l', ['k"l']], ['/ ', [' ']], ['/m~0n', ['m~n']],
    ];
    for (const [ptr, segs] of cases) {
      expect(decodePointer(ptr)).toEqual(segs);
      expect(encodePointer(segs)).toBe(ptr);
    }
    expect(decodePointer('/~01')).toEqual(['~1']);
    expect(appendPointer('/Statement', 0)).toBe('/Statement/0');
    expect(appendPointer('/Condition', 'kms:EncryptionContext:a/b')).toBe('/Condition/kms:EncryptionContext:a~1b');
  });

  it('round-trips any segments', () => {
    fc.assert(fc.property(fc.array(fc.string()), (segs) => {
      expect(decodePointer(encodePointer(segs))).toEqual(segs);
    }));
  });
});
