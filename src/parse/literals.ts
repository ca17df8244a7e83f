/**
 * @module parse/literals
 * The typed literals of condition values: numbers, dates, IP addresses and CIDR ranges, base-64
 * binary. Parsed once, by the parser to report bad values and by the compiler to build predicates.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */

/** Parses a decimal number as IAM writes them; NaN for anything else (hex, empty, `1e3`…). */
export function parseNumber(s: string): number {
  return /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(s) ? Number(s) : NaN;
}

const ISO = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * Parses a date to epoch milliseconds; NaN when it is neither ISO 8601 nor epoch seconds. A date
 * without a zone is taken as UTC (AWS compares in UTC; our choice for the unzoned time form).
 */
export function parseDate(s: string): number {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t) && !/^\d{4}$/.test(t)) return Number(t) * 1000;
  if (!ISO.test(t)) return NaN;
  const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/.test(t) || !t.includes('T') ? t : `${t}Z`;
  return Date.parse(zoned.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** Decodes strict base 64 to a canonical hex string; undefined when the text is not base 64. */
export function base64Bytes(s: string): string | undefined {
  const t = s.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return undefined;
  return Buffer.from(t, 'base64').toString('hex');
}

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
