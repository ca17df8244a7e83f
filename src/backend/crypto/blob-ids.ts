/**
 * @module backend/crypto/blob-ids
 * Compact binary form of the key id and key-material id carried in a symmetric ciphertext blob, so that
 * Decrypt can find the key before authorizing (https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html:
 * "AWS KMS uses the metadata that it adds to the ciphertext blob to determine which KMS key was used").
 * Each id is one tag byte followed by its body:
 *   0x01 ‖ 16 bytes — a lowercase dashed UUID (single-Region key id)
 *   0x02 ‖ 16 bytes — `mrk-` + 32 lowercase hex digits (multi-Region key id; the same in every Region)
 *   0x03 ‖ 32 bytes — 64 lowercase hex digits (a KeyMaterialId as KMS reports them)
 *   0x04 ‖ len(1) ‖ UTF-8 — anything else up to 255 bytes (ids chosen by tests or seeds)
 * Recognition is exact and lowercase-only so decoding always gives back the id that was encoded.
 */
import { concatBytes, fromHex, toHex, utf8 } from './bytes.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK = /^mrk-[0-9a-f]{32}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Encodes an id into its tagged binary form; null when it cannot be carried (empty or > 255 bytes). */
export function encodeId(id: string): Uint8Array | null {
  if (UUID.test(id)) return concatBytes(Uint8Array.of(0x01), fromHex(id.replaceAll('-', '')));
  if (MRK.test(id)) return concatBytes(Uint8Array.of(0x02), fromHex(id.slice(4)));
  if (HEX64.test(id)) return concatBytes(Uint8Array.of(0x03), fromHex(id));
  const raw = utf8(id);
  if (raw.length === 0 || raw.length > 255) return null;
  return concatBytes(Uint8Array.of(0x04, raw.length), raw);
}

/** Decodes one tagged id at `offset`; null when malformed. Returns the id and the offset after it. */
export function decodeId(b: Uint8Array, offset: number): { id: string; next: number } | null {
  const tag = b[offset];
  const body = offset + 1;
  switch (tag) {
    case 0x01: {
      if (b.length < body + 16) return null;
      const h = toHex(b.subarray(body, body + 16));
      return { id: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, next: body + 16 };
    }
    case 0x02:
      if (b.length < body + 16) return null;
      return { id: `mrk-${toHex(b.subarray(body, body + 16))}`, next: body + 16 };
    case 0x03:
      if (b.length < body + 32) return null;
      return { id: toHex(b.subarray(body, body + 32)), next: body + 32 };
    case 0x04: {
      const len = b[body];
      if (len === undefined || len === 0 || b.length < body + 1 + len) return null;
      try {
        const id = decoder.decode(b.subarray(body + 1, body + 1 + len));
        // Reject a fallback encoding of an id that has a compact form: the encoding stays canonical.
        if (UUID.test(id) || MRK.test(id) || HEX64.test(id)) return null;
        return { id, next: body + 1 + len };
      } catch {
        return null;
      }
    }
    default:
      return null;
  }
}
