/**
 * @module backend/crypto/ec-keys
 * Elliptic-curve key encoding for the ECC key specs of
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html: private keys are
 * PKCS#8 DER (what ImportKeyMaterial takes) and public keys SPKI DER (what GetPublicKey returns,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html). The curve arithmetic is
 * noble's; the ASN.1 encoding goes through node:crypto's JWK bridge, because noble has no ASN.1 codec
 * and node's is the audited OpenSSL one.
 */
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes } from './bytes.js';
import { KeyCache } from './key-cache.js';
import type { EccKeySpec } from './specs.js';

type Weierstrass = typeof p256;

/** Curve facts per ECC key spec: the noble curve, its JWK name and its field size in bytes. */
export const WEIERSTRASS: Readonly<Record<Exclude<EccKeySpec, 'ECC_NIST_EDWARDS25519'>, { curve: Weierstrass; crv: string; bytes: number }>> = {
  ECC_NIST_P256: { curve: p256, crv: 'P-256', bytes: 32 },
  ECC_NIST_P384: { curve: p384, crv: 'P-384', bytes: 48 },
  ECC_NIST_P521: { curve: p521, crv: 'P-521', bytes: 66 },
  ECC_SECG_P256K1: { curve: secp256k1, crv: 'secp256k1', bytes: 32 },
};

/** A decoded EC key: its spec, raw secret scalar (absent for public keys) and raw public key. */
export interface RawEcKey {
  readonly spec: EccKeySpec;
  readonly secret?: Uint8Array;
  /** Uncompressed SEC1 point (0x04 ‖ x ‖ y) for Weierstrass curves; 32 bytes for Ed25519. */
  readonly publicKey: Uint8Array;
}

/** Generates a fresh key pair for an ECC spec and returns it as PKCS#8 / SPKI DER. */
export function generateEcKeyPair(spec: EccKeySpec): { privatePkcs8: Uint8Array; publicSpki: Uint8Array } {
  if (spec === 'ECC_NIST_EDWARDS25519') {
    const sk = ed25519.utils.randomSecretKey();
    return encodeEc({ spec, secret: sk, publicKey: ed25519.getPublicKey(sk) });
  }
  const { curve } = WEIERSTRASS[spec];
  const sk = curve.utils.randomSecretKey();
  return encodeEc({ spec, secret: sk, publicKey: curve.getPublicKey(sk, false) });
}

/** Encodes raw key bytes as PKCS#8 + SPKI DER. INVARIANT: `secret` is present. */
export function encodeEc(key: RawEcKey): { privatePkcs8: Uint8Array; publicSpki: Uint8Array } {
  if (key.secret === undefined) throw new Error('INVARIANT: encodeEc needs the secret scalar');
  const jwk = toJwk(key);
  const priv = createPrivateKey({ key: { ...jwk, d: b64u(key.secret) }, format: 'jwk' });
  return {
    privatePkcs8: new Uint8Array(priv.export({ type: 'pkcs8', format: 'der' })),
    publicSpki: new Uint8Array(createPublicKey(priv).export({ type: 'spki', format: 'der' })),
  };
}

const privateCache = new KeyCache<RawEcKey | null>();
const publicCache = new KeyCache<RawEcKey | null>();

/** Decodes a PKCS#8 DER EC private key of a supported curve; null when malformed or another curve. Cached. */
export function decodeEcPrivate(pkcs8: Uint8Array): RawEcKey | null {
  return privateCache.get(pkcs8, (der) => {
    try {
      return fromKeyObject(createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }));
    } catch {
      return null;
    }
  });
}

/** Decodes an SPKI DER EC public key of a supported curve; null when malformed or another curve. Cached. */
export function decodeEcPublic(spki: Uint8Array): RawEcKey | null {
  return publicCache.get(spki, (der) => {
    try {
      return fromKeyObject(createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }));
    } catch {
      return null;
    }
  });
}

function fromKeyObject(k: KeyObject): RawEcKey | null {
  const jwk = k.export({ format: 'jwk' });
  const x = jwk.x === undefined ? undefined : unb64u(jwk.x);
  if (x === undefined) return null;
  const secret = jwk.d === undefined ? undefined : unb64u(jwk.d);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    return secret === undefined ? { spec: 'ECC_NIST_EDWARDS25519', publicKey: x } : { spec: 'ECC_NIST_EDWARDS25519', secret, publicKey: x };
  }
  if (jwk.kty !== 'EC' || jwk.y === undefined) return null;
  const entry = Object.entries(WEIERSTRASS).find(([, c]) => c.crv === jwk.crv);
  if (entry === undefined) return null;
  const spec = entry[0] as EccKeySpec;
  const publicKey = concatBytes(Uint8Array.of(0x04), x, unb64u(jwk.y));
  return secret === undefined ? { spec, publicKey } : { spec, secret, publicKey };
}

function toJwk(key: RawEcKey): JsonWebKey {
  if (key.spec === 'ECC_NIST_EDWARDS25519') return { kty: 'OKP', crv: 'Ed25519', x: b64u(key.publicKey) };
  const { crv, bytes } = WEIERSTRASS[key.spec];
  return { kty: 'EC', crv, x: b64u(key.publicKey.subarray(1, 1 + bytes)), y: b64u(key.publicKey.subarray(1 + bytes)) };
}

function b64u(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

function unb64u(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64url'));
}
