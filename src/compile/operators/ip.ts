/**
 * @module compile/operators/ip
 * IpAddress / NotIpAddress (positive sense here): IPv4 or IPv6 CIDR ranges (RFC 4632, RFC 4291);
 * a bare address is a /32 (or /128). No policy variables. An IPv4 request never matches an IPv6
 * range and vice versa (AWS documents no mapping between them).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
import { parseCidr, parseIp } from '../../parse/literals.js';
import { anyOf, NEVER } from './types.js';
import type { FamilyCompiler, ValuePredicate } from './types.js';

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
