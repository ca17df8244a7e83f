// Typed condition literals: IP/CIDR (IpAddress operator, RFC 4632 / RFC 4291), numbers and dates
// as https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html describes them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Bytes, parseCidr, parseDate, parseIp, parseNumber } from '../../../src/parse/literals.js';

describe('IP literals', () => {
  it('parse IPv4, IPv6, embedded IPv4 and reject malformed text', () => {
    expect(parseIp('10.0.0.1')).toEqual({ bits: 32, value: 0x0a000001n });
    expect(parseIp('::1')).toEqual({ bits: 128, value: 1n });
    expect(parseIp('2001:db8::')).toEqual({ bits: 128, value: 0x20010db8n << 96n });
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe(0xffff0a000001n);
    for (const bad of ['256.0.0.1', '1.2.3', '1::2::3', '12345::', 'abc', '', '1.2.3.4.5', '1:2:3:4:5:6:7:8:9']) expect(parseIp(bad), bad).toBeUndefined();
    expect(parseCidr('10.1.2.3/8')).toMatchObject({ bits: 32, network: 0x0a000000n });
    for (const bad of ['10.0.0.0/33', '10.0.0.0/x', '10.0.0.0/8/8', '::/129']) expect(parseCidr(bad), bad).toBeUndefined();
  });

  it('IPv4 CIDR membership agrees with arithmetic on random addresses', () => {
    fc.assert(fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (net, addr, len) => {
      const c = parseCidr(`${net}/${String(len)}`)!;
      const a = parseIp(addr)!;
      const toNum = (s: string) => s.split('.').reduce((n, o) => n * 256 + Number(o), 0);
      const size = 2 ** (32 - len);
      const expected = Math.floor(toNum(addr) / size) === Math.floor(toNum(net) / size);
      expect((a.value & c.mask) === c.network).toBe(expected);
    }), { numRuns: 2000 });
  });

  it('parses every IPv6 form fast-check generates', () => {
    fc.assert(fc.property(fc.ipV6(), (ip) => {
      expect(parseIp(ip)?.bits).toBe(128);
    }), { numRuns: 1000 });
  });
});

describe('number, date and base-64 literals', () => {
  it('parse the forms AWS accepts', () => {
    expect(parseNumber('10')).toBe(10);
    expect(parseNumber(' -2.5 ')).toBe(-2.5);
    expect(parseNumber('.5')).toBe(0.5);
    for (const bad of ['', '1e3', '0x10', 'ten', '1.2.3']) expect(parseNumber(bad), bad).toBeNaN();
    expect(parseDate('2030-01-01')).toBe(Date.UTC(2030, 0, 1));
    expect(parseDate('2030-01-01T10:00:00Z')).toBe(Date.UTC(2030, 0, 1, 10));
    expect(parseDate('2030-01-01T10:00:00+0200')).toBe(Date.UTC(2030, 0, 1, 8));
    expect(parseDate('2030-01-01T10:00')).toBe(Date.UTC(2030, 0, 1, 10));
    expect(parseDate('1893456000')).toBe(Date.UTC(2030, 0, 1));
    for (const bad of ['tomorrow', '2030/01/01', '']) expect(parseDate(bad), bad).toBeNaN();
    expect(base64Bytes('QUJD')).toBe('414243');
    expect(base64Bytes('QUJ')).toBeUndefined();
    expect(base64Bytes('QU!D')).toBeUndefined();
  });
});
