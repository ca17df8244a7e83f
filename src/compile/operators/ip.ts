/**
 * @module compile/operators/ip
 * IpAddress / NotIpAddress (positive sense here): IPv4 or IPv6 CIDR ranges (RFC 4632, RFC 4291);
 * a bare address is a /32 (or /128). No policy variables. An IPv4 request never matches an IPv6
 * range and vice versa (AWS documents no mapping between them).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
import { anyOf, NEVER } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

/** An address as a number, with its family width. */
export interface IpNumber {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

/** Parses dotted-quad IPv4. */
function parseV4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m === null) return undefined;
  let v = 0n;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    v = (v << 8n) | BigInt(o);
  }
  return v;
}

/** Parses IPv6 text, with `::` and an embedded IPv4 tail. */
function parseV6(s: string): bigint | undefined {
  let text = s;
  let tail: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = parseV4(text.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== undefined) v = (v & ~0xffffffffn) | tail;
  return v;
}

/** Parses an IPv4 or IPv6 address. */
export function parseIp(s: string): IpNumber | undefined {
  const t = s.trim();
  const v4 = parseV4(t);
  if (v4 !== undefined) return { bits: 32, value: v4 };
  if (!t.includes(':')) return undefined;
  const v6 = parseV6(t);
  return v6 === undefined ? undefined : { bits: 128, value: v6 };
}

/** A CIDR range: the network bits and the prefix length. */
export interface Cidr {
  readonly bits: 32 | 128;
  readonly network: bigint;
  readonly mask: bigint;
}

/** Parses `addr/len` or a bare address. Host bits set in the address are ignored, as AWS does. */
export function parseCidr(s: string): Cidr | undefined {
  const [addr, len, extra] = s.trim().split('/');
  if (addr === undefined || extra !== undefined) return undefined;
  const ip = parseIp(addr);
  if (ip === undefined) return undefined;
  const prefix = len === undefined ? ip.bits : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= ip.bits)) return undefined;
  const all = (1n << BigInt(ip.bits)) - 1n;
  const mask = all ^ ((1n << BigInt(ip.bits - prefix)) - 1n);
  return { bits: ip.bits, network: ip.value & mask, mask };
}

/** Compiles IpAddress/NotIpAddress. */
export const compileIp: FamilyCompiler = (_operator, values) =>
  anyOf(values.map((pv): ValuePredicate => {
    const c = parseCidr(pv.raw);
    if (c === undefined) return NEVER;
    return (v) => {
      const ip = parseIp(v);
      return ip !== undefined && ip.bits === c.bits && (ip.value & c.mask) === c.network;
    };
  }));
