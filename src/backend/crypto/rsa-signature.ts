/**
 * @module backend/crypto/rsa-signature
 * RSASSA-PSS and RSASSA-PKCS1-v1_5 over a message digest, for Sign/Verify with RSA keys
 * (https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html#key-spec-rsa-sign).
 * KMS signs a caller-supplied digest for MessageType DIGEST, which node:crypto's sign() cannot (it always hashes),
 * so the encodings of RFC 8017 are done here and only the raw RSA primitive comes from OpenSSL:
 * EMSA-PSS (§9.1) with MGF1 over the same hash and a salt as long as the digest (KMS's choice, and what
 * RSA_PSS_SALTLEN_DIGEST means), and EMSA-PKCS1-v1_5 (§9.2) via OpenSSL's type-1 padding of DigestInfo.
 */
import { constants, privateEncrypt, publicDecrypt, type KeyObject } from 'node:crypto';
import { concatBytes, equalBytes, fromHex, randomBytes } from './bytes.js';
import type { HashFn } from './hashes.js';

/** DER DigestInfo prefixes of RFC 8017 §9.2 note 1. */
const DIGEST_INFO: Readonly<Record<string, Uint8Array>> = {
  sha256: fromHex('3031300d060960864801650304020105000420'),
  sha384: fromHex('3041300d060960864801650304020205000430'),
  sha512: fromHex('3051300d060960864801650304020305000440'),
};

/** Signs a digest with RSASSA-PSS. INVARIANT: `digest` has the hash's length (checked by the caller). */
export function pssSign(key: KeyObject, h: HashFn, digest: Uint8Array, modBits: number): Uint8Array {
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const salt = randomBytes(h.outputLen);
  const hh = h.hash(concatBytes(new Uint8Array(8), digest, salt));
  const db = concatBytes(new Uint8Array(emLen - 2 * h.outputLen - 2), Uint8Array.of(0x01), salt);
  const mask = mgf1(h, hh, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const em = concatBytes(db, hh, Uint8Array.of(0xbc));
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, leftPad(em, modBits / 8)));
}

/** Verifies an RSASSA-PSS signature over a digest (salt length = digest length). */
export function pssVerify(key: KeyObject, h: HashFn, digest: Uint8Array, signature: Uint8Array, modBits: number): boolean {
  const k = modBits / 8;
  if (signature.length !== k) return false;
  let m: Uint8Array;
  try {
    m = new Uint8Array(publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, signature));
  } catch {
    return false;
  }
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const em = m.subarray(m.length - emLen);
  if (m.length - emLen > 0 && m.subarray(0, m.length - emLen).some((b) => b !== 0)) return false;
  const sLen = h.outputLen;
  if (emLen < h.outputLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const masked = em.slice(0, emLen - h.outputLen - 1);
  const hh = em.subarray(emLen - h.outputLen - 1, emLen - 1);
  const topMask = 0xff >> (8 * emLen - emBits);
  if ((masked[0] & ~topMask) !== 0) return false;
  const mask = mgf1(h, hh, masked.length);
  for (let i = 0; i < masked.length; i++) masked[i] ^= mask[i];
  masked[0] &= topMask;
  const psLen = emLen - h.outputLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (masked[i] !== 0) return false;
  if (masked[psLen] !== 0x01) return false;
  const salt = masked.subarray(masked.length - sLen);
  return equalBytes(h.hash(concatBytes(new Uint8Array(8), digest, salt)), hh);
}

/** Signs a digest with RSASSA-PKCS1-v1_5. INVARIANT: the hash is SHA-256/384/512. */
export function pkcs1Sign(key: KeyObject, h: HashFn, digest: Uint8Array): Uint8Array {
  const prefix = DIGEST_INFO[h.nodeName];
  if (prefix === undefined) throw new Error(`INVARIANT: no DigestInfo for ${h.nodeName}`);
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, concatBytes(prefix, digest)));
}

/** Verifies an RSASSA-PKCS1-v1_5 signature over a digest. */
export function pkcs1Verify(key: KeyObject, h: HashFn, digest: Uint8Array, signature: Uint8Array): boolean {
  const prefix = DIGEST_INFO[h.nodeName];
  if (prefix === undefined) return false;
  try {
    const recovered = new Uint8Array(publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature));
    return equalBytes(recovered, concatBytes(prefix, digest));
  } catch {
    return false;
  }
}

/** MGF1 (RFC 8017 §B.2.1). */
function mgf1(h: HashFn, seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  const counter = new Uint8Array(4);
  for (let off = 0, c = 0; off < len; c++, off += h.outputLen) {
    new DataView(counter.buffer).setUint32(0, c);
    out.set(h.hash(concatBytes(seed, counter)).subarray(0, Math.min(h.outputLen, len - off)), off);
  }
  return out;
}

function leftPad(b: Uint8Array, len: number): Uint8Array {
  return b.length >= len ? b : concatBytes(new Uint8Array(len - b.length), b);
}
