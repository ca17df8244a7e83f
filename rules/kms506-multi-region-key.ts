/**
 * KMS506 multi-region-key: `MultiRegion: true` / `multi_region = true`, or a replica key. The same key
 * material then exists in other Regions, each copy with its own key policy, so data encrypted in
 * one Region can be decrypted in another. AWS advises single-Region keys unless needed.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 */
import { defineRule } from '../src/lint/define-rule.js';

export default defineRule({
  id: 'KMS506',
  name: 'multi-region-key',
  meta: {
    type: 'suggestion',
    severity: 'info',
    scope: ['key-config'],
    docs: {
      description: 'The key is a multi-Region key (`MultiRegion: true`, `multi_region = true`, or a replica).',
      rationale: 'Multi-Region keys share key material with replicas in other Regions, each governed by its own key policy, so data encrypted in one Region can be decrypted wherever a replica lives. Use them only where data must move between Regions, and review every replica\'s policy.',
      awsDocUrl: 'https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html',
    },
    existingTools: { prowler: 'kms_cmk_not_multi_region' },
    messages: { multiRegion: 'this is a multi-Region key: its key material is shared with replicas in other Regions' },
  },
  check(ctx) {
    const t = ctx.target;
    if (t.type === 'key-config' && t.multiRegion === true) ctx.report({ messageId: 'multiRegion', pointer: t.pointers.multiRegion ?? t.pointer });
  },
  cases: {
    valid: [
      { name: 'single-Region', target: { type: 'key-config', multiRegion: false } },
      { name: 'not stated', target: { type: 'key-config', keySpec: 'SYMMETRIC_DEFAULT' } },
    ],
    invalid: [
      { name: 'MultiRegion: true', target: { type: 'key-config', multiRegion: true }, errors: [{ messageId: 'multiRegion', pointer: '/multiRegion' }] },
      { name: 'a replica, position from the resource', target: { type: 'key-config', multiRegion: true, keySpec: 'SYMMETRIC_DEFAULT', pointers: { keySpec: '/keySpec' } }, errors: [{ messageId: 'multiRegion', pointer: '' }] },
    ],
  },
});
