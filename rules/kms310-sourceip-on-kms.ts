/**
 * KMS310 sourceip-on-kms: `aws:SourceIp` used to scope access to KMS. AWS: the key is absent when a
 * request comes through a VPC endpoint, and when a service calls KMS on your behalf the address is
 * the service's, so an Allow on it breaks integrated services and a Deny on it either blocks them
 * or is bypassed through them. Only public addresses ever appear in it, so private ranges never
 * match. `aws:SourceVpce`/`aws:SourceVpc` or `kms:ViaService` say what is meant.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-aws.html
 */
import { expandActions } from '../src/lint/actions.js';
import { defineRule } from '../src/lint/define-rule.js';
import { clauseKey } from '../src/lint/helpers.js';
import { identityPolicy, rootedKeyPolicy } from './support/cases.js';

/** RFC 1918, loopback, link-local, CGNAT (RFC 6598) and IPv6 unique-local/link-local/loopback. */
function isPrivate(cidr: string): boolean {
  const v = cidr.trim().toLowerCase();
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.[0-9]{1,3}\.[0-9]{1,3}(\/([0-9]{1,2}))?$/.exec(v);
  if (m !== null) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const len = m[4] === undefined ? 32 : Number(m[4]);
    if (a === 10 || a === 127) return len >= 8;
    if (a === 172 && b >= 16 && b <= 31) return len >= 12;
    if (a === 192 && b === 168) return len >= 16;
    if (a === 169 && b === 254) return len >= 16;
    return a === 100 && b >= 64 && b <= 127 && len >= 10;
  }
  return /^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/.test(v) || v === '::1' || v === '::1/128';
}

export default defineRule({
  id: 'KMS310',
  name: 'sourceip-on-kms',
  meta: {
    type: 'problem',
    severity: 'warning',
    scope: ['key', 'identity'],
    docs: {
      description: '`aws:SourceIp` is used to scope KMS access; it is absent for requests through VPC endpoints and holds the service\'s address when a service calls KMS for you. Private ranges never match.',
      rationale:
        'KMS is mostly called by other AWS services (EBS, S3, RDS, Secrets Manager) on your behalf, from their own addresses, and by code in VPCs through endpoints, where `aws:SourceIp` is absent. An IP condition therefore breaks those uses or is bypassed through them. Scope with `aws:SourceVpce`, `aws:SourceVpc` or `kms:ViaService`.',
      awsDocUrl: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip',
    },
    existingTools: { accessAnalyzer: 'PRIVATE_IP_ADDRESS(_SUBSET), PRIVATE_NOTIPADDRESS(_SUBSET), IMPROVE_IP_RANGE (part.)' },
    messages: {
      sourceIp: '`aws:SourceIp` does not hold the caller\'s address for calls made by AWS services or through VPC endpoints: scope with `aws:SourceVpce`, `aws:SourceVpc` or `kms:ViaService`',
      privateRange: '`aws:SourceIp` never holds a private address such as `{{value}}`: `IpAddress` never matches it and `NotIpAddress` always does',
    },
  },
  check(ctx) {
    const isKey = ctx.target.type === 'policy' && ctx.target.kind === 'key';
    for (const s of ctx.statements()) {
      if (!isKey && expandActions(s.actions).size === 0) continue;
      for (const c of s.conditions) {
        if (clauseKey(c) !== 'aws:sourceip' || c.operator === 'Null') continue;
        const priv = c.values.filter((v) => isPrivate(v.raw));
        if (priv.length < c.values.length) ctx.report({ messageId: 'sourceIp', pointer: c.pointer });
        for (const v of priv) ctx.report({ messageId: 'privateRange', pointer: v.pointer, data: { value: v.raw } });
      }
    }
  },
  cases: {
    valid: [
      { name: 'VPC endpoint scoping', policy: rootedKeyPolicy({ Sid: 'Vpce', Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }) },
      { name: 'SourceIp on a statement that does not reach KMS', policy: identityPolicy({ Sid: 'S3', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }) },
    ],
    invalid: [
      {
        name: 'Deny outside an office range',
        policy: rootedKeyPolicy({ Sid: 'Office', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
        errors: [{ messageId: 'sourceIp', pointer: '/Statement/1/Condition/NotIpAddress/aws:SourceIp' }],
      },
      {
        name: 'an Allow from a private range only',
        policy: identityPolicy({ Sid: 'Lan', Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '192.168.1.0/24' } } }),
        errors: [{ messageId: 'privateRange', pointer: '/Statement/0/Condition/IpAddress/aws:SourceIp' }],
      },
      {
        name: 'an Allow from a private and a public range',
        policy: identityPolicy({ Sid: 'Vpc', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/16', '203.0.113.7'] } } }),
        errors: [
          { messageId: 'sourceIp', pointer: '/Statement/0/Condition/IpAddress/aws:SourceIp' },
          { messageId: 'privateRange', pointer: '/Statement/0/Condition/IpAddress/aws:SourceIp/0' },
        ],
      },
    ],
  },
});
